"""Price requests' pages: asking the suggested producers for a price (the need's
organisation, or the staff on its behalf), comparing the answers and accepting some,
logging an answer taken by phone; and the page a producer answers on, through its signed
link, without an account."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from directory.formatting import quantity

from .. import access, signed_links
from ..models import Need
from . import rules
from .forms import PriceAnswerForm, SendForm
from .models import PriceRequest

# Allauth's rate limits (ACCOUNT_RATE_LIMITS), as the sign-in's: in the shared cache.
ANSWER_RATE_LIMIT = "price_request_answer"


def _need_asked_by(request, pk):
    need = get_object_or_404(Need.objects.select_related("organisation__borough"), pk=pk)
    if not rules.may_ask(request.user, need):
        raise PermissionDenied
    return need


@access.member_or_staff_required
def send(request, pk):
    """The suggested producers, all ticked, to ask for a price."""
    need = _need_asked_by(request, pk)
    candidates = rules.candidates(need)
    form = SendForm(need, candidates, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            price_round = rules.send(
                need, request.user, form.cleaned_data["producers"], form.cleaned_data["deadline"]
            )
        except rules.PriceRequestRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Your price request is sent to %(count)d producer(s).")
                % {"count": price_round.requests.count()},
            )
            return redirect("community:price_request_compare", pk=need.pk)
    return render(
        request,
        "community/price_requests/send.html",
        {
            "need": need,
            "form": form,
            "candidates": candidates,
            "open": rules.takes_answers(need),
        },
    )


@access.member_or_staff_required
def compare(request, pk):
    """The answers side by side; accepting one or several."""
    need = _need_asked_by(request, pk)
    if request.method == "POST":
        try:
            decision = rules.decide(need, request.POST.getlist("accept"))
        except rules.PriceRequestRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _(
                    "Accepted: you and each producer accepted receive the other's contact "
                    "details by email; the others are told, politely."
                ),
            )
            if decision.closed:
                messages.info(request, _("The quantity is covered: the need is closed."))
            else:
                messages.info(
                    request,
                    _(
                        "%(covered)s of %(wanted)s accepted so far: the need stays open, "
                        "for the producers still to answer and for others."
                    )
                    % {
                        "covered": quantity(decision.covered, need.unit),
                        "wanted": quantity(need.quantity, need.unit),
                    },
                )
        return redirect("community:price_request_compare", pk=need.pk)
    rows = rules.comparison(need)
    return render(
        request,
        "community/price_requests/compare.html",
        {
            "need": need,
            "rows": rows,
            "rounds": need.price_rounds.annotate(request_count=Count("requests")),
            "decidable": any(row.request.status == PriceRequest.Status.ANSWERED for row in rows),
        },
    )


@access.member_or_staff_required
def log_phone_answer(request, pk):
    """An answer the producer gave by phone, typed by the organisation or the staff."""
    price_request = get_object_or_404(
        PriceRequest.objects.select_related("round__need", "producer"), pk=pk
    )
    need = price_request.round.need
    if not rules.may_ask(request.user, need):
        raise PermissionDenied
    form = PriceAnswerForm(price_request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            form.save(price_request, by=request.user)
        except rules.PriceRequestRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The answer is logged."))
            return redirect("community:price_request_compare", pk=need.pk)
    return render(
        request,
        "community/price_requests/phone_answer.html",
        {"need": need, "price_request": price_request, "form": form},
    )


@never_cache
def answer(request, pk, token):
    """The producer's answer, through its signed link: no account needed."""
    try:
        price_request = rules.open_link(pk, token)
    except signed_links.LinkRefused as refusal:
        return signed_links.refused(request, refusal, "community/price_requests/link_refused.html")
    need = price_request.round.need
    decided = price_request.decided_at is not None
    form = None if decided else PriceAnswerForm(price_request, request.POST or None)
    if request.method == "POST" and form is not None:
        if not signed_links.allowed(request, ANSWER_RATE_LIMIT, token):
            return signed_links.too_many(request)
        if form.is_valid():
            try:
                form.save(price_request)
            except rules.PriceRequestRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    request,
                    _("Thank you, your answer is sent. You can change it with the same link."),
                )
                return redirect(request.path)
    return render(
        request,
        "community/price_requests/answer.html",
        {
            "need": need,
            "price_request": price_request,
            "form": form,
            "decided": decided,
            "total": rules.total_quantity(need),
        },
    )
