"""The needs board, for members: organisations post and manage their needs and accept
answers; producers see the needs that match their offers and answer them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from directory.models import Product

from .. import access
from ..forums import rules as forums
from ..forums.forms import PostForm
from . import pooling
from . import rules as needs
from .forms import AnswerForm, CloseNeedForm, NeedForm
from .models import Answer, Need

NEEDS_PER_PAGE = 30
MATCHES_SHOWN = 200


def _needs():
    return needs.listed()


@require_GET
@access.member_or_staff_required
def need_list(request):
    """Open needs of the network, and the person's own organisations' needs."""
    own_organisations = access.buying_organisations(request.user)
    page = Paginator(_needs().open(), NEEDS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "community/needs/need_list.html",
        {
            "needs": page,
            "page_obj": page,
            "own_needs": _needs()
            .filter(organisation__in=own_organisations)
            .exclude(status=Need.Status.EXPIRED)[:50],
            "can_post": own_organisations.exists(),
            "is_producer": access.producers_of(request.user).exists(),
        },
    )


@access.member_or_staff_required
def need_create(request):
    organisations = access.buying_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = NeedForm(organisations, request.POST or None)
    if request.method == "POST" and form.is_valid():
        need = form.save(commit=False)
        need.posted_by = request.user
        needs.post(need)
        messages.success(
            request, _("Your need is posted. Producers whose offers match it are told.")
        )
        return redirect("community:need_detail", pk=need.pk)
    return render(request, "community/needs/need_form.html", {"form": form})


def _managed_need(request, pk):
    need = get_object_or_404(_needs(), pk=pk)
    if not needs.can_manage(request.user, need):
        raise PermissionDenied
    return need


@access.member_or_staff_required
def need_edit(request, pk):
    need = _managed_need(request, pk)
    organisations = access.buying_organisations(request.user)
    form = NeedForm(organisations, request.POST or None, instance=need)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your changes are saved."))
        return redirect("community:need_detail", pk=need.pk)
    return render(request, "community/needs/need_form.html", {"form": form, "need": need})


@access.member_or_staff_required
def need_detail(request, pk):
    need = get_object_or_404(_needs(), pk=pk)
    manages = needs.can_manage(request.user, need)
    staff = access.is_board_staff(request.user)
    own_producers = access.producers_of(request.user)
    action = request.POST.get("action", "answer") if request.method == "POST" else None
    involved = manages or staff or needs.has_answered(request.user, need)
    message_form = (
        PostForm(request.POST if action == "message" else None, prefix="message")
        if involved
        else None
    )
    answer_form = _answer_form(
        need, manages, own_producers, request.POST if action == "answer" else None
    )
    sent = None
    if action == "message":
        if not involved:
            raise PermissionDenied
        sent = _send_message(request, need, message_form)
    elif action == "answer":
        if answer_form is None:
            raise PermissionDenied
        sent = _send_answer(request, need, answer_form)
    if sent is not None:
        return sent
    return render(
        request,
        "community/needs/need_detail.html",
        {
            "need": need,
            "manages": manages,
            "sees_budget": needs.sees_budget(request.user, need),
            "suggestions": needs.suggestions(need, with_entries=True) if manages or staff else [],
            "answers": _answers_shown(need, manages or staff, own_producers),
            "answer_form": answer_form,
            "close_form": CloseNeedForm(need) if manages else None,
            "conversation": needs.conversation(need) if involved else [],
            "message_form": message_form,
        },
    )


def _answer_form(need, manages, own_producers, data):
    """For a producer's members while the need is open; someone in both organisations
    does not answer their own organisation's need."""
    if own_producers and not manages and need.status == Need.Status.OPEN and not need.is_expired:
        return AnswerForm(own_producers, data)
    return None


def _send_message(request, need, form):
    """The redirect once the message is sent; None to show the form again, with why not."""
    if form.is_valid():
        try:
            needs.discuss_need(need, request.user, form.cleaned_data["body"])
        except forums.PostingRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your message is sent."))
            return redirect(reverse("community:need_detail", args=[need.pk]) + "#conversation")
    return None


def _send_answer(request, need, form):
    """The redirect once the answer is sent; None to show the form again, with why not."""
    if form.is_valid():
        try:
            needs.answer(need, form.producer, request.user, **form.cleaned_data)
        except needs.NeedRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your answer is sent to the organisation."))
            return redirect("community:need_detail", pk=need.pk)
    return None


def _answers_shown(need, sees_all, own_producers):
    """The answers not withdrawn: all of them to those who manage the need and to staff,
    to producers only their own."""
    answers = need.answers.select_related("producer").exclude(status=Answer.Status.WITHDRAWN)
    if not sees_all:
        answers = answers.filter(producer__in=own_producers)
    return answers


@require_POST
@access.member_or_staff_required
def need_status(request, pk):
    """Pause, reopen or close a need (fulfilled, with the producer and price, optional)."""
    need = _managed_need(request, pk)
    action = request.POST.get("action")
    if action == "pause" and need.status == Need.Status.OPEN:
        need.status = Need.Status.PAUSED
        need.save(update_fields=["status", "updated_at"])
        messages.success(
            request, _("The need is paused: it leaves the board and takes no answers.")
        )
    elif action == "reopen" and need.status == Need.Status.PAUSED:
        need.status = Need.Status.OPEN
        need.save(update_fields=["status", "updated_at"])
        messages.success(request, _("The need is open again."))
    elif action in ("together", "alone"):
        need.buy_together = action == "together"
        need.save(update_fields=["buy_together", "updated_at"])
        messages.success(
            request,
            _("Your organisation is open to buying this product together.")
            if need.buy_together
            else _("Your organisation is no longer open to buying this product together."),
        )
        if request.POST.get("next") == "together":
            return redirect("community:buying_together")
        return redirect("community:need_detail", pk=need.pk)
    elif action == "close" and need.status in (Need.Status.OPEN, Need.Status.PAUSED):
        form = CloseNeedForm(need, request.POST)
        if not form.is_valid():
            for error in form.errors.values():
                messages.error(request, " ".join(error))
            return redirect("community:need_detail", pk=need.pk)
        needs.close(need, form.cleaned_data["fulfilled_by"], form.cleaned_data["price_paid"])
        messages.success(request, _("The need is closed as fulfilled. Thank you!"))
    else:
        messages.error(request, _("This need cannot change that way."))
    return redirect("community:need_detail", pk=need.pk)


@require_POST
@access.member_or_staff_required
def answer_withdraw(request, pk):
    answer = get_object_or_404(
        Answer, pk=pk, producer__in=access.producers_of(request.user).values("pk")
    )
    try:
        needs.withdraw(answer)
    except needs.NeedRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Your answer is withdrawn."))
    return redirect("community:need_detail", pk=answer.need_id)


@require_POST
@access.member_or_staff_required
def answer_accept(request, pk):
    answer = get_object_or_404(Answer.objects.select_related("need"), pk=pk)
    if not needs.can_manage(request.user, answer.need):
        raise PermissionDenied
    try:
        needs.accept(answer)
    except needs.NeedRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("Answer accepted: you and the producer each receive the other's contact details."),
        )
    return redirect("community:need_detail", pk=answer.need_id)


@require_GET
@access.member_or_staff_required
def needs_for_me(request):
    """Open needs that the person's producers could supply, with how well they fit."""
    producers = list(access.producers_of(request.user))
    if not producers:
        raise PermissionDenied
    matches = needs.needs_for_producers(producers, MATCHES_SHOWN)
    return render(
        request,
        "community/needs/needs_for_me.html",
        {"matches": matches},
    )


@require_GET
@access.member_or_staff_required
def buying_together(request):
    """Opportunities to buy together: the person's organisations' own, or all for staff."""
    staff = access.is_board_staff(request.user)
    own_organisation_ids = set(
        access.buying_organisations(request.user).values_list("pk", flat=True)
    )
    if not (staff or own_organisation_ids):
        raise PermissionDenied
    opportunities = pooling.opportunities(None if staff else own_organisation_ids)
    for opportunity in opportunities:
        opportunity.open_to_me = any(
            need.buy_together and need.organisation_id in own_organisation_ids
            for need in opportunity.needs
        )
    return render(
        request,
        "community/needs/buying_together.html",
        {
            "opportunities": opportunities,
            "own_organisation_ids": own_organisation_ids,
            "staff": staff,
        },
    )


@access.member_or_staff_required
def pool_conversation(request, product_id):
    """The conversation of the organisations open to buying a product together."""
    product = get_object_or_404(Product, pk=product_id)
    if not needs.in_pool(request.user, product):
        raise PermissionDenied
    form = PostForm(request.POST or None, prefix="message")
    if request.method == "POST" and form.is_valid():
        try:
            needs.discuss_pool(product, request.user, form.cleaned_data["body"])
        except forums.PostingRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your message is sent."))
            return redirect("community:pool_conversation", product_id=product.pk)
    return render(
        request,
        "community/needs/pool_conversation.html",
        {"product": product, "conversation": needs.conversation(product), "message_form": form},
    )
