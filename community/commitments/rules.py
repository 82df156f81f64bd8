"""Seasonal commitments' rules: who may propose, answer and log deliveries, turns between
the two sides, the producer's planned volume per week, the conformity of deliveries per
season, and the emails."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.bounds import date_window
from directory.formatting import unit_label

from .. import access
from ..emails import compose, send_after_commit
from ..models import Organisation
from .models import Commitment, Delivery


class CommitmentRefused(Exception):
    """Why an action on a commitment cannot be taken, in words for the person."""


def side_of(user, commitment):
    """Which side the person is on (or None): both at once never decide alone."""
    organisation = access.buying_organisations(user).filter(pk=commitment.organisation_id).exists()
    producer = access.producers_of(user).filter(pk=commitment.producer_id).exists()
    if organisation and not producer:
        return Commitment.Side.ORGANISATION
    if producer and not organisation:
        return Commitment.Side.PRODUCER
    return None


def may_see(user, commitment):
    """The two sides and the network's staff read a commitment, its deliveries and their
    photos; nobody else."""
    return side_of(user, commitment) is not None or access.is_board_staff(user)


def other(side):
    return (
        Commitment.Side.ORGANISATION
        if side == Commitment.Side.PRODUCER
        else Commitment.Side.PRODUCER
    )


def propose(commitment, user):
    commitment.proposed_by = user
    commitment.awaiting = Commitment.Side.PRODUCER
    commitment.save()
    send_after_commit(
        f"commitment {commitment.pk} proposed", _tell, commitment.pk, "commitment_proposed"
    )
    return commitment


@transaction.atomic
def answer(commitment, user, decision, seen_version, terms=None):
    """decision: "accept", "decline" or "counter" (terms: the new terms, cleaned), to the
    version of the terms the person saw."""
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    side = side_of(user, commitment)
    if commitment.status != Commitment.Status.PROPOSED or side != commitment.awaiting:
        raise CommitmentRefused(_("It is not your turn to answer this commitment."))
    if str(commitment.terms_version) != str(seen_version):
        raise CommitmentRefused(
            _("The terms changed while you were reading them. Please read them again.")
        )
    if decision == "counter":
        for name, value in terms.items():
            setattr(commitment, name, value)
        commitment.awaiting = other(side)
        commitment.terms_version += 1
        commitment.save(update_fields=[*terms, "awaiting", "terms_version"])
        template = "commitment_countered"
    else:
        commitment.status = (
            Commitment.Status.ACCEPTED if decision == "accept" else Commitment.Status.DECLINED
        )
        commitment.decided_at = timezone.now()
        commitment.save(update_fields=["status", "decided_at"])
        template = f"commitment_{commitment.status}"
    send_after_commit(
        f"{template} for commitment {commitment.pk}", _tell, commitment.pk, template, side
    )
    return commitment


def log_delivery(
    commitment,
    user,
    delivered_on,
    quantity,
    conformity=Delivery.Conformity.ACCEPTED,
    reason="",
    photo=None,
):
    """A delivery and how it was received: a reason is required unless it was accepted
    as it is (the form says so next to the field; the database refuses it too)."""
    if side_of(user, commitment) is None:
        raise CommitmentRefused(_("Only the two sides of a commitment log its deliveries."))
    if commitment.status != Commitment.Status.ACCEPTED:
        raise CommitmentRefused(_("Deliveries are logged against accepted commitments only."))
    if delivered_on < commitment.starts_on:
        raise CommitmentRefused(_("This date comes before the commitment starts."))
    if conformity != Delivery.Conformity.ACCEPTED and not reason.strip():
        raise CommitmentRefused(_("Say why this delivery was not accepted as it is."))
    return commitment.deliveries.create(
        delivered_on=delivered_on,
        quantity=quantity,
        conformity=conformity,
        reason=reason.strip(),
        photo=photo or "",
        logged_by=user,
    )


@dataclass
class Season:
    """One season's deliveries by how they were received. Conform: accepted as they
    were, without remarks."""

    year: int
    accepted: int
    remarks: int
    refused: int

    @property
    def total(self):
        return self.accepted + self.remarks + self.refused

    @property
    def conform_share(self):
        """The share of deliveries accepted without remarks, in percent (whole)."""
        return round(100 * self.accepted / self.total) if self.total else None


def conformity_by_season(deliveries):
    """[Season], the latest first, of these deliveries (a queryset), a season being the
    calendar year of the delivery day: Québec's growing seasons lie within one. One
    query, however many deliveries."""
    Conformity = Delivery.Conformity
    rows = (
        deliveries.annotate(season=ExtractYear("delivered_on"))
        .values("season")
        .annotate(
            accepted=Count("pk", filter=Q(conformity=Conformity.ACCEPTED)),
            remarks=Count("pk", filter=Q(conformity=Conformity.REMARKS)),
            refused=Count("pk", filter=Q(conformity=Conformity.REFUSED)),
        )
        .order_by("-season")
    )
    return [Season(row["season"], row["accepted"], row["remarks"], row["refused"]) for row in rows]


def _tell(commitment_id, template, from_side=Commitment.Side.ORGANISATION):
    commitment = Commitment.objects.select_related("organisation", "producer", "product").get(
        pk=commitment_id
    )
    to = (
        Organisation.objects.filter(producer=commitment.producer_id)
        if from_side == Commitment.Side.ORGANISATION
        else Organisation.objects.filter(pk=commitment.organisation_id)
    )
    link = ("community:commitment_detail", [commitment.pk])
    return [
        compose(user, f"community/commitments/email/{template}", {"commitment": commitment}, link)
        for user in access.members_of(to).filter(need_emails=True).distinct()
    ]


def planned_volume(commitments):
    """{(product, unit): {monday: quantity}} over accepted commitments, each spread evenly
    over the days of its period and summed by calendar week (Monday to Sunday). Only
    the days of date_window() count: a period stored before the window was enforced
    (year 1 to 9999) would otherwise mean half a million weeks."""
    table = defaultdict(lambda: defaultdict(int))
    first, last = date_window()
    for commitment in commitments:
        key = (commitment.product, unit_label(commitment.unit, 2))
        day, ends_on = max(commitment.starts_on, first), min(commitment.ends_on, last)
        while day <= ends_on:
            monday = day - timedelta(days=day.weekday())
            days_that_week = (min(monday + timedelta(days=6), ends_on) - day).days + 1
            table[key][monday] += commitment.daily_quantity * days_that_week
            day = monday + timedelta(days=7)
    return table
