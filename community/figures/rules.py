"""The network in figures: what the needs board, surplus lots, commitments and events add
up to, by month over the last twelve months and by borough, for the staff's dashboard
(with CSV export), and the aggregates safe to publish. Every figure is computed from the
records with a fixed number of queries; none names an organisation."""

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Producer
from directory.units import convert_quantity

from ..models import (
    Answer,
    Claim,
    Commitment,
    Need,
    Organisation,
    Outcome,
    Registration,
    SurplusLot,
)

SERIES = [
    ("needs_posted", _("Needs posted")),
    ("needs_answered", _("Needs with an answer")),
    ("needs_fulfilled", _("Needs fulfilled")),
    ("answers", _("Answers from producers")),
    ("answers_per_need", _("Answers per need")),
    ("hours_to_first_answer", _("Hours to first answer (median)")),
    ("needs_pooled", _("Needs open to buying together")),
    ("lots_posted", _("Surplus lots posted")),
    ("surplus_kg_claimed", _("Surplus claimed (kg)")),
    ("commitments_accepted", _("Commitments accepted")),
    ("committed_kg", _("Volume committed (kg)")),
    ("committed_value", _("Value committed ($)")),
    ("registrations", _("Event registrations")),
    ("attended", _("Event attendance")),
    # Recorded by the staff in their workspace (community.models.Outcome).
    ("connections", _("Connections made")),
    ("first_purchases", _("First purchases")),
    ("pooled_orders", _("Pooled orders")),
    ("commitments_signed", _("Commitments signed")),
    ("outcome_kg", _("Volume of recorded outcomes (kg)")),
    ("outcome_value", _("Value of recorded outcomes ($)")),
]
OUTCOME_SERIES = {
    Outcome.Kind.CONNECTION: "connections",
    Outcome.Kind.FIRST_PURCHASE: "first_purchases",
    Outcome.Kind.POOLED_ORDER: "pooled_orders",
    Outcome.Kind.COMMITMENT: "commitments_signed",
}


def months_back(today, count=12):
    """The first day of each of the last `count` months, oldest first, this one last."""
    year, month = today.year, today.month
    firsts = []
    for _step in range(count):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def _month(value):
    return date(value.year, value.month, 1) if value is not None else None


def _kilograms(quantity, unit):
    return convert_quantity(quantity, unit, "kg") or Decimal(0)


@dataclass
class Figures:
    months: list
    by_month: dict  # series → {month: value}
    by_borough: list  # (borough name, organisations, needs posted)
    totals: dict

    def rows(self):
        """One row per month: the month, then each series' value."""
        return [
            (month, [self.by_month[key].get(month, 0) for key, _label in SERIES])
            for month in self.months
        ]


def network_figures(today=None):
    today = today or timezone.localdate()
    months = months_back(today)
    since = months[0]
    by_month = {key: defaultdict(int) for key, _label in SERIES}

    def count_by_month(queryset, field, key):
        rows = (
            queryset.annotate(month=TruncMonth(field))
            .values("month")
            .annotate(n=Count("pk", distinct=True))
        )
        for row in rows:
            by_month[key][_month(row["month"])] += row["n"]

    needs = Need.objects.filter(created_at__date__gte=since)
    count_by_month(needs, "created_at", "needs_posted")
    live_answers = ~Q(answers__status=Answer.Status.WITHDRAWN)
    count_by_month(
        needs.filter(answers__isnull=False).filter(live_answers), "created_at", "needs_answered"
    )
    count_by_month(needs.filter(status=Need.Status.FULFILLED), "created_at", "needs_fulfilled")
    count_by_month(needs.filter(buy_together=True), "created_at", "needs_pooled")
    count_by_month(
        Answer.objects.filter(created_at__date__gte=since).exclude(status=Answer.Status.WITHDRAWN),
        "created_at",
        "answers",
    )
    waits, answered = defaultdict(list), defaultdict(int)
    for need in needs.annotate(
        first_answer=Min("answers__created_at", filter=live_answers),
        answer_count=Count("answers", filter=live_answers),
    ):
        month = _month(timezone.localtime(need.created_at))
        answered[month] += need.answer_count
        if need.first_answer is not None:
            waits[month].append((need.first_answer - need.created_at).total_seconds() / 3600)
    for month, hours in waits.items():
        by_month["hours_to_first_answer"][month] = round(statistics.median(hours), 1)
    for month, posted in by_month["needs_posted"].items():
        by_month["answers_per_need"][month] = round(answered[month] / posted, 1)

    count_by_month(
        SurplusLot.objects.filter(created_at__date__gte=since), "created_at", "lots_posted"
    )
    claimed = (
        Claim.objects.filter(created_at__date__gte=since)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "lot__unit")
        .annotate(total=Sum("quantity"))
    )
    for row in claimed:
        by_month["surplus_kg_claimed"][_month(row["month"])] += _kilograms(
            row["total"], row["lot__unit"]
        )

    accepted = Commitment.objects.filter(
        status=Commitment.Status.ACCEPTED, decided_at__date__gte=since
    )
    for commitment in accepted:
        month = _month(timezone.localtime(commitment.decided_at))
        by_month["commitments_accepted"][month] += 1
        by_month["committed_kg"][month] += _kilograms(commitment.total_quantity, commitment.unit)
        if commitment.indicative_cost is not None:
            by_month["committed_value"][month] += commitment.indicative_cost

    registrations = Registration.objects.filter(
        event__starts_at__date__gte=since,
        event__starts_at__lte=timezone.now(),  # events held, not yet to come
        status=Registration.Status.CONFIRMED,
    )
    count_by_month(registrations, "event__starts_at", "registrations")
    count_by_month(registrations.filter(attended=True), "event__starts_at", "attended")

    outcomes = (
        Outcome.objects.filter(happened_on__gte=since)
        .annotate(month=TruncMonth("happened_on"))
        .values("month", "kind", "unit")
        .annotate(n=Count("pk"), quantity=Sum("quantity"), value=Sum("value"))
    )
    for row in outcomes:
        month = _month(row["month"])
        by_month[OUTCOME_SERIES[row["kind"]]][month] += row["n"]
        if row["quantity"] is not None:
            by_month["outcome_kg"][month] += _kilograms(row["quantity"], row["unit"])
        if row["value"] is not None:
            by_month["outcome_value"][month] += row["value"]

    for key in (
        "surplus_kg_claimed",
        "committed_kg",
        "committed_value",
        "outcome_kg",
        "outcome_value",
    ):
        for month, value in by_month[key].items():
            by_month[key][month] = Decimal(value).quantize(Decimal("0.1"))

    organisations = Organisation.objects.filter(
        status=Organisation.Status.APPROVED, producer__isnull=True
    )
    recent = Q(needs__created_at__date__gte=since) | Q(surplus_claims__created_at__date__gte=since)
    by_borough = [
        (
            row["borough__name"],
            row["organisations"],
            row["needs"],
        )
        for row in organisations.values("borough__name")
        .annotate(
            organisations=Count("pk", distinct=True),
            needs=Count("needs", filter=Q(needs__created_at__date__gte=since), distinct=True),
        )
        .order_by("borough__name")
    ]
    producers = Producer.objects.exclude(kind__in=Producer.MARKET_KINDS)
    totals = {
        "organisations": organisations.count(),
        "organisations_active": organisations.filter(
            recent | Q(commitments__created_at__date__gte=since)
        )
        .distinct()
        .count(),
        "producers": producers.count(),
        "producers_active": producers.filter(
            Q(need_answers__created_at__date__gte=since)
            | Q(surplus_lots__created_at__date__gte=since)
            | Q(commitments__created_at__date__gte=since)
        )
        .distinct()
        .count(),
        "producers_stale": producers.stale().count(),
        "needs_fulfilled": sum(by_month["needs_fulfilled"].values()),
        "surplus_kg_claimed": sum(by_month["surplus_kg_claimed"].values()),
        "committed_kg": sum(by_month["committed_kg"].values()),
        "registrations": sum(by_month["registrations"].values()),
        # How many contributed to each sum: the public page hides a sum that few made.
        "needs_fulfilled_by": needs.filter(status=Need.Status.FULFILLED)
        .values("organisation")
        .distinct()
        .count(),
        "surplus_claimed_by": Claim.objects.filter(created_at__date__gte=since)
        .values("organisation")
        .distinct()
        .count(),
        "committed_by": accepted.values("organisation").distinct().count(),
        "registrations_by": registrations.values("user").distinct().count(),
    }
    return Figures(months=months, by_month=by_month, by_borough=by_borough, totals=totals)


CHART_WIDTH, CHART_HEIGHT, BAR_GAP = 480, 160, 6


def bar_chart(values, labels):
    """Geometry of a bar chart drawn server-side in SVG (templates/community/figures/
    _bar_chart.html): one bar per value, scaled to the largest."""
    top = max([float(v) for v in values] + [0]) or 1
    width = CHART_WIDTH / max(len(values), 1)
    bars = []
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        height = float(value) / top * CHART_HEIGHT
        bars.append(
            {
                "x": round(index * width + BAR_GAP / 2, 1),
                "y": round(CHART_HEIGHT - height, 1),
                "width": round(width - BAR_GAP, 1),
                "height": round(height, 1),
                "value": value,
                "label": label,
            }
        )
    return {"bars": bars, "width": CHART_WIDTH, "height": CHART_HEIGHT}


# Below this many contributors, a network-wide sum would show one organisation's own data.
PUBLIC_MIN_CONTRIBUTORS = 3


def publishable(totals):
    """(label, value) for the public page; a value is None when too few contributed."""

    def shown(value, contributors):
        return value if contributors >= PUBLIC_MIN_CONTRIBUTORS else None

    return [
        (_("Member organisations"), totals["organisations"], ""),
        (_("Producers in the directory"), totals["producers"], ""),
        (
            _("Needs fulfilled through the needs board"),
            shown(totals["needs_fulfilled"], totals["needs_fulfilled_by"]),
            "",
        ),
        (
            _("Surplus food claimed before it spoiled"),
            shown(totals["surplus_kg_claimed"], totals["surplus_claimed_by"]),
            "kg",
        ),
        (
            _("Volume committed to local producers"),
            shown(totals["committed_kg"], totals["committed_by"]),
            "kg",
        ),
        (
            _("Registrations for workshops and visits"),
            shown(totals["registrations"], totals["registrations_by"]),
            "",
        ),
    ]
