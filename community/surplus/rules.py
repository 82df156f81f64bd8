"""Surplus lots' rules: who has the first claim, claiming without ever going over what
remains (one conditional UPDATE, whatever the number of organisations claiming at the
same instant), pickups, and the emails."""

from django.db import transaction
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from directory.formatting import number, unit_label

from .. import access, versions
from ..emails import compose, send_after_commit
from ..models import Need, Organisation
from .models import Claim, SurplusLot


class ClaimRefused(Exception):
    """Why a claim cannot be taken, in words for the person."""


def first_claimers(lot):
    """Organisations that need the lot's product: an open need for it or its category,
    or the product among those they usually buy."""
    needing = Need.objects.open().filter(
        Q(product=lot.product_id) | Q(category=lot.product.category_id, product__isnull=True)
    )
    return Organisation.objects.filter(
        Q(needs__in=needing) | Q(products_usually_bought=lot.product_id),
        status=Organisation.Status.APPROVED,
        producer__isnull=True,
    ).distinct()


def post(lot):
    lot.remaining = lot.quantity
    lot.save()
    send_after_commit(f"lot {lot.pk} to its first claimers", _tell_first_claimers, lot.pk)
    return lot


def _tell_first_claimers(lot_id):
    lot = SurplusLot.objects.select_related("producer", "product").get(pk=lot_id)
    people = access.members_of(first_claimers(lot)).filter(need_emails=True).distinct()
    link = ("community:surplus_detail", [lot.pk])
    return [
        compose(user, "community/surplus/email/surplus_posted", {"lot": lot}, link)
        for user in people
    ]


def may_claim_now(organisation, lot, now=None):
    now = now or timezone.now()
    return now >= lot.open_to_all_at or first_claimers(lot).filter(pk=organisation.pk).exists()


def claimable_now(lots, organisations, now=None):
    """Of the open lots, those one of the organisations may claim now: past the first-claim
    window, or within it for an organisation among first_claimers. Three queries for all
    the lots, where may_claim_now asks once for each."""
    now = now or timezone.now()
    needing = Need.objects.open().filter(organisation__in=organisations)
    products = set(needing.filter(product__isnull=False).values_list("product", flat=True))
    categories = set(needing.filter(product__isnull=True).values_list("category", flat=True))
    products |= set(
        Organisation.products_usually_bought.through.objects.filter(
            organisation__in=organisations
        ).values_list("product", flat=True)
    )
    return [
        lot
        for lot in lots
        if now >= lot.open_to_all_at
        or lot.product_id in products
        or lot.product.category_id in categories
    ]


@transaction.atomic
def claim(lot, organisation, user, quantity):
    now = timezone.now()
    if organisation not in access.buying_organisations(user):
        raise ClaimRefused(_("You may only claim for your own organisation."))
    if lot.producer_id in access.producers_of(user).values_list("pk", flat=True):
        raise ClaimRefused(_("You cannot claim a lot of your own farm."))
    if not may_claim_now(organisation, lot, now):
        raise ClaimRefused(
            _(
                "Organisations that need this product have the first claim until %(time)s. "
                "Please come back then."
            )
            % {
                "time": formats.date_format(
                    timezone.localtime(lot.open_to_all_at), "SHORT_DATETIME_FORMAT"
                )
            }
        )
    # Nothing claimed once the pickup window has ended: it could never be picked up.
    taken = SurplusLot.objects.filter(
        pk=lot.pk,
        closed_at__isnull=True,
        expires_at__gt=now,
        pickup_until__gt=now,
        remaining__gte=quantity,
    ).update(remaining=F("remaining") - quantity)
    versions.bump("surplus")  # an update() sends no post_save
    if not taken:
        lot.refresh_from_db()
        if lot.closed_at is not None or min(lot.expires_at, lot.pickup_until) <= now:
            raise ClaimRefused(_("This lot is closed: it can no longer be claimed."))
        raise ClaimRefused(
            _("Only %(remaining)s %(unit)s remain: claim that much or less.")
            % {"remaining": number(lot.remaining), "unit": unit_label(lot.unit, lot.remaining)}
        )
    new_claim = Claim.objects.create(
        lot=lot, organisation=organisation, claimed_by=user, quantity=quantity
    )
    send_after_commit(f"claim {new_claim.pk} to the producer", _tell_producer, new_claim.pk)
    return new_claim


def _tell_producer(claim_id):
    claim = Claim.objects.select_related("lot__producer", "lot__product", "organisation").get(
        pk=claim_id
    )
    people = access.members_of(
        Organisation.objects.filter(producer=claim.lot.producer_id)
    ).distinct()
    link = ("community:surplus_detail", [claim.lot_id])
    return [
        compose(
            user,
            "community/surplus/email/surplus_claimed",
            {"lot": claim.lot, "claim": claim},
            link,
        )
        for user in people
    ]


def confirm_pickup(claim, user):
    if claim.lot.producer not in access.producers_of(user):
        raise ClaimRefused(_("Only the producer confirms pickups."))
    Claim.objects.filter(pk=claim.pk, picked_up_at__isnull=True).update(picked_up_at=timezone.now())
    versions.bump("surplus")
