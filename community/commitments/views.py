"""Seasonal commitments, for members: organisations propose, producers answer (either
side may counter), both log deliveries; producers see their planned volume per week."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import access
from . import rules
from .forms import PHOTO_TYPES, CommitmentForm, CommitmentTermsForm, DeliveryForm
from .models import Commitment, Delivery, delivered_total


def _mine(user):
    return (
        Commitment.objects.filter(
            Q(organisation__in=access.buying_organisations(user))
            | Q(producer__in=access.producers_of(user))
        )
        .select_related("organisation", "producer", "product")
        .annotate(delivered_sum=delivered_total("deliveries__"))
        .order_by("starts_on", "pk")
    )


@require_GET
@access.member_or_staff_required
def commitment_list(request):
    mine = list(_mine(request.user))
    accepted_as_producer = [
        c
        for c in mine
        if c.status == Commitment.Status.ACCEPTED
        and c.producer in access.producers_of(request.user)
    ]
    own_organisation_ids = set(
        access.buying_organisations(request.user).values_list("pk", flat=True)
    )
    total_cost = sum(
        c.indicative_cost
        for c in mine
        if c.status == Commitment.Status.ACCEPTED
        and c.organisation_id in own_organisation_ids
        and c.indicative_cost is not None
    )
    table = rules.planned_volume(accepted_as_producer)
    weeks = sorted({monday for row in table.values() for monday in row})
    return render(
        request,
        "community/commitments/commitment_list.html",
        {
            "commitments": mine,
            "can_propose": bool(own_organisation_ids),
            "total_cost": total_cost,
            "weeks": weeks,
            "planned": [
                (product, unit, [row.get(monday, 0) for monday in weeks])
                for (product, unit), row in sorted(table.items(), key=lambda item: str(item[0]))
            ],
        },
    )


@access.member_or_staff_required
def commitment_create(request):
    organisations = access.buying_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = CommitmentForm(organisations, access.producers_of(request.user), request.POST or None)
    if request.method == "POST" and form.is_valid():
        commitment = rules.propose(form.save(commit=False), request.user)
        messages.success(request, _("Your proposal is sent to the producer."))
        return redirect("community:commitment_detail", pk=commitment.pk)
    return render(request, "community/commitments/commitment_form.html", {"form": form})


@access.member_or_staff_required
def commitment_detail(request, pk):
    commitment = get_object_or_404(
        Commitment.objects.select_related("organisation", "producer", "product"), pk=pk
    )
    side = rules.side_of(request.user, commitment)
    if not rules.may_see(request.user, commitment):
        raise PermissionDenied
    action = request.POST.get("action") if request.method == "POST" else None
    my_turn = commitment.status == Commitment.Status.PROPOSED and side == commitment.awaiting
    terms = CommitmentTermsForm(
        request.POST if action == "counter" else None, instance=commitment, prefix="terms"
    )
    delivery = DeliveryForm(
        *((request.POST, request.FILES) if action == "delivery" else ()), prefix="delivery"
    )
    try:
        if action in ("accept", "decline") or (action == "counter" and terms.is_valid()):
            new_terms = (
                {name: terms.cleaned_data[name] for name in terms.Meta.fields}
                if action == "counter"
                else None
            )
            rules.answer(commitment, request.user, action, request.POST.get("version"), new_terms)
            messages.success(
                request,
                {
                    "accept": _("The commitment is accepted: both sides can plan on it."),
                    "decline": _("The commitment is declined."),
                    "counter": _("Your new terms are sent to the other side."),
                }[action],
            )
            return redirect("community:commitment_detail", pk=commitment.pk)
        if action == "delivery" and delivery.is_valid():
            rules.log_delivery(commitment, request.user, **delivery.cleaned_data)
            messages.success(request, _("The delivery is logged."))
            return redirect("community:commitment_detail", pk=commitment.pk)
    except rules.CommitmentRefused as refusal:
        if action == "delivery":
            delivery.add_error(None, str(refusal))
        elif side is None:
            raise PermissionDenied(str(refusal)) from None
        else:
            messages.error(request, str(refusal))
            return redirect("community:commitment_detail", pk=commitment.pk)
    commitment.refresh_from_db()
    return render(
        request,
        "community/commitments/commitment_detail.html",
        {
            "commitment": commitment,
            "side": side,
            "my_turn": my_turn,
            "terms": terms,
            "delivery": delivery,
            "deliveries": commitment.deliveries.all(),
            "seasons": rules.conformity_by_season(commitment.deliveries.all()),
        },
    )


@require_GET
@access.member_or_staff_required
def delivery_photo(request, pk, delivery_pk):
    """A delivery's photo, to the two sides and the staff only: it is never given a
    public address."""
    delivery = get_object_or_404(
        Delivery.objects.select_related("commitment").exclude(photo=""),
        pk=delivery_pk,
        commitment=pk,
    )
    if not rules.may_see(request.user, delivery.commitment):
        raise PermissionDenied
    try:
        photo = delivery.photo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = delivery.photo.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(photo, content_type=PHOTO_TYPES.get(extension, "image/jpeg"))
    response["Cache-Control"] = "private, max-age=3600"
    return response
