"""Surplus and donation lots, for members: producers post them, organisations claim them,
producers confirm pickups."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import access, versions
from . import rules
from .forms import ClaimForm, SurplusLotForm
from .models import Claim, SurplusLot

LOTS_PER_PAGE = 30


@require_GET
@access.member_or_staff_required
def surplus_list(request):
    """Open lots, soonest to expire first; those still in their first-claim window say so."""
    now = timezone.now()
    lots = (
        SurplusLot.objects.filter(
            closed_at__isnull=True, expires_at__gt=now, pickup_until__gt=now, remaining__gt=0
        )
        .select_related("producer", "product")
        .order_by("expires_at", "pk")
    )
    producers = access.producers_of(request.user)
    own = (
        SurplusLot.objects.filter(producer__in=producers)
        .annotate(has_claims=Exists(Claim.objects.filter(lot=OuterRef("pk"))))
        .select_related("producer", "product")
        .order_by("-created_at")[:30]
    )
    page = Paginator(lots, LOTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "community/surplus/surplus_list.html",
        {"lots": page, "page_obj": page, "own_lots": own, "is_producer": producers.exists()},
    )


@access.member_or_staff_required
def surplus_create(request):
    producers = access.producers_of(request.user)
    if not producers.exists():
        raise PermissionDenied
    form = SurplusLotForm(producers, request.POST or None)
    if request.method == "POST" and form.is_valid():
        lot = form.save(commit=False)
        lot.posted_by = request.user
        rules.post(lot)
        messages.success(
            request, _("Your lot is posted. Organisations that need it are told at once.")
        )
        return redirect("community:surplus_detail", pk=lot.pk)
    return render(request, "community/surplus/surplus_form.html", {"form": form})


@access.member_or_staff_required
def surplus_detail(request, pk):
    lot = get_object_or_404(SurplusLot.objects.select_related("producer", "product"), pk=pk)
    producer_side = lot.producer in access.producers_of(request.user) or access.is_board_staff(
        request.user
    )
    organisations = access.buying_organisations(request.user)
    form = None
    if organisations.exists() and lot.is_open:
        form = ClaimForm(organisations, request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                rules.claim(lot, data["organisation"], request.user, data["quantity"])
            except rules.ClaimRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    request,
                    _("Claimed. Pick it up at the place and time given; the producer is told."),
                )
                return redirect("community:surplus_detail", pk=lot.pk)
    elif request.method == "POST":
        if not organisations.exists():
            raise PermissionDenied  # producers and staff do not claim
        messages.error(request, _("This lot is closed: it can no longer be claimed."))
        return redirect("community:surplus_detail", pk=lot.pk)
    claims = lot.claims.select_related("organisation")
    if not producer_side:
        claims = claims.filter(organisation__in=organisations)
    first_claim = timezone.now() < lot.open_to_all_at
    return render(
        request,
        "community/surplus/surplus_detail.html",
        {
            "lot": lot,
            "form": form,
            "claims": claims,
            "producer_side": producer_side,
            "first_claim": first_claim,
            "may_claim_now": form is not None
            and any(rules.may_claim_now(o, lot) for o in organisations),
        },
    )


@require_POST
@access.member_or_staff_required
def claim_pickup(request, pk):
    claim = get_object_or_404(Claim.objects.select_related("lot__producer"), pk=pk)
    try:
        rules.confirm_pickup(claim, request.user)
    except rules.ClaimRefused as refusal:
        raise PermissionDenied(str(refusal)) from None
    messages.success(request, _("Pickup confirmed."))
    return redirect("community:surplus_detail", pk=claim.lot_id)


@require_POST
@access.member_or_staff_required
def surplus_close(request, pk):
    lot = get_object_or_404(SurplusLot, pk=pk, producer__in=access.producers_of(request.user))
    SurplusLot.objects.filter(pk=lot.pk, closed_at__isnull=True).update(closed_at=timezone.now())
    versions.bump("surplus")  # an update() sends no post_save
    messages.success(request, _("The lot is closed."))
    return redirect("community:surplus_detail", pk=lot.pk)
