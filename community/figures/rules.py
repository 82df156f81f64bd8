"""The network in figures: what the needs board, surplus lots, commitments and events add
up to, by month over the last twelve months and by borough, for the staff's dashboard
(with CSV export), and the aggregates safe to publish. Every figure is computed from the
records with a fixed number of queries; none names an organisation."""

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.cache import cache
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
    PriceRequest,
    Registration,
    SurplusLot,
)
from ..versions import versions

SERIES = [
    ("needs_posted", _("Needs posted")),
    ("needs_answered", _("Needs with an answer")),
    ("needs_fulfilled", _("Needs fulfilled")),
    ("answers", _("Answers from producers")),
    ("answers_per_need", _("Answers per need")),
    ("hours_to_first_answer", _("Hours to first answer (median)")),
    ("price_requests_sent", _("Price requests sent to producers")),
    ("price_answer_rate", _("Price requests answered (%)")),
    ("hours_to_price_answer", _("Hours to answer a price request (median)")),
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


# Answers withdrawn count nowhere: neither as an answer nor as the first one.
LIVE_ANSWERS = ~Q(answers__status=Answer.Status.WITHDRAWN)
# Sums of kilograms and dollars, shown to one decimal.
ROUNDED_SERIES = (
    "surplus_kg_claimed",
    "committed_kg",
    "committed_value",
    "outcome_kg",
    "outcome_value",
)


def network_figures(today=None):
    today = today or timezone.localdate()
    months = months_back(today)
    since = months[0]
    by_month = {key: defaultdict(int) for key, _label in SERIES}
    _count_needs(by_month, since)
    _time_answers(by_month, since)
    _count_price_requests(by_month, since)
    _count_surplus(by_month, since)
    _count_commitments(by_month, since)
    _count_registrations(by_month, since)
    _count_outcomes(by_month, since)
    for key in ROUNDED_SERIES:
        for month, value in by_month[key].items():
            by_month[key][month] = Decimal(value).quantize(Decimal("0.1"))
    return Figures(
        months=months,
        by_month=by_month,
        by_borough=_by_borough(since),
        totals=_totals(by_month, since),
    )


def _count_by_month(by_month, queryset, field, key):
    """Add to the series the records counted by the month of their `field`."""
    rows = (
        queryset.annotate(month=TruncMonth(field))
        .values("month")
        .annotate(n=Count("pk", distinct=True))
    )
    for row in rows:
        by_month[key][_month(row["month"])] += row["n"]


def _needs_posted(since):
    return Need.objects.filter(created_at__date__gte=since)


def _count_needs(by_month, since):
    needs = _needs_posted(since)
    _count_by_month(by_month, needs, "created_at", "needs_posted")
    _count_by_month(
        by_month,
        needs.filter(answers__isnull=False).filter(LIVE_ANSWERS),
        "created_at",
        "needs_answered",
    )
    _count_by_month(
        by_month, needs.filter(status=Need.Status.FULFILLED), "created_at", "needs_fulfilled"
    )
    _count_by_month(by_month, needs.filter(buy_together=True), "created_at", "needs_pooled")
    _count_by_month(
        by_month,
        Answer.objects.filter(created_at__date__gte=since).exclude(status=Answer.Status.WITHDRAWN),
        "created_at",
        "answers",
    )


def _time_answers(by_month, since):
    """Hours from a need to its first answer (median) and answers per need, by the month
    the need was posted (after _count_needs: needs_posted is the divisor)."""
    waits, answered = defaultdict(list), defaultdict(int)
    for need in _needs_posted(since).annotate(
        first_answer=Min("answers__created_at", filter=LIVE_ANSWERS),
        answer_count=Count("answers", filter=LIVE_ANSWERS),
    ):
        month = _month(timezone.localtime(need.created_at))
        answered[month] += need.answer_count
        if need.first_answer is not None:
            waits[month].append((need.first_answer - need.created_at).total_seconds() / 3600)
    for month, hours in waits.items():
        by_month["hours_to_first_answer"][month] = round(statistics.median(hours), 1)
    for month, posted in by_month["needs_posted"].items():
        by_month["answers_per_need"][month] = round(answered[month] / posted, 1)


def _count_price_requests(by_month, since):
    """Price requests by the month they were sent: how many, the share answered (a price
    or "not this time", by link or by phone) and the median hours to answer."""
    sent, answered, waits = defaultdict(int), defaultdict(int), defaultdict(list)
    rows = PriceRequest.objects.filter(round__sent_at__date__gte=since).values_list(
        "round__sent_at", "answered_at"
    )
    for sent_at, answered_at in rows:
        month = _month(timezone.localtime(sent_at))
        sent[month] += 1
        if answered_at is not None:
            answered[month] += 1
            waits[month].append((answered_at - sent_at).total_seconds() / 3600)
    for month, count in sent.items():
        by_month["price_requests_sent"][month] = count
        by_month["price_answer_rate"][month] = round(answered[month] * 100 / count)
    for month, hours in waits.items():
        by_month["hours_to_price_answer"][month] = round(statistics.median(hours), 1)


def _count_surplus(by_month, since):
    _count_by_month(
        by_month,
        SurplusLot.objects.filter(created_at__date__gte=since),
        "created_at",
        "lots_posted",
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


def _commitments_accepted(since):
    return Commitment.objects.filter(status=Commitment.Status.ACCEPTED, decided_at__date__gte=since)


def _count_commitments(by_month, since):
    for commitment in _commitments_accepted(since):
        month = _month(timezone.localtime(commitment.decided_at))
        by_month["commitments_accepted"][month] += 1
        by_month["committed_kg"][month] += _kilograms(commitment.total_quantity, commitment.unit)
        if commitment.indicative_cost is not None:
            by_month["committed_value"][month] += commitment.indicative_cost


def _registrations_for_events_held(since):
    return Registration.objects.filter(
        event__starts_at__date__gte=since,
        event__starts_at__lte=timezone.now(),  # events held, not yet to come
        status=Registration.Status.CONFIRMED,
    )


def _count_registrations(by_month, since):
    registrations = _registrations_for_events_held(since)
    _count_by_month(by_month, registrations, "event__starts_at", "registrations")
    _count_by_month(by_month, registrations.filter(attended=True), "event__starts_at", "attended")


def _count_outcomes(by_month, since):
    """The outcomes the staff recorded: how many of each kind, their volume and value."""
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


def _member_organisations():
    """Approved organisations, a producer's own business left out."""
    return Organisation.objects.filter(status=Organisation.Status.APPROVED, producer__isnull=True)


def _by_borough(since):
    """(borough name, organisations, needs posted since) for each borough."""
    return [
        (
            row["borough__name"],
            row["organisations"],
            row["needs"],
        )
        for row in _member_organisations()
        .values("borough__name")
        .annotate(
            organisations=Count("pk", distinct=True),
            needs=Count("needs", filter=Q(needs__created_at__date__gte=since), distinct=True),
        )
        .order_by("borough__name")
    ]


def _totals(by_month, since):
    """The network's size and activity over the twelve months, the sums of some series
    (after they are counted) and how many contributed to each sum."""
    organisations = _member_organisations()
    producers = Producer.objects.exclude(kind__in=Producer.MARKET_KINDS)
    return {
        "organisations": organisations.count(),
        "organisations_active": organisations.filter(
            Q(needs__created_at__date__gte=since)
            | Q(surplus_claims__created_at__date__gte=since)
            | Q(commitments__created_at__date__gte=since)
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
        "needs_fulfilled_by": _needs_posted(since)
        .filter(status=Need.Status.FULFILLED)
        .values("organisation")
        .distinct()
        .count(),
        "surplus_claimed_by": Claim.objects.filter(created_at__date__gte=since)
        .values("organisation")
        .distinct()
        .count(),
        "committed_by": _commitments_accepted(since).values("organisation").distinct().count(),
        "registrations_by": _registrations_for_events_held(since).values("user").distinct().count(),
        **_price_totals(since),
    }


def _price_totals(since):
    """Over the price requests sent in the twelve months: the median hours a producer
    took to answer (a price or "not this time"), and the share of the needs asked for
    prices that got at least one price; with how many contributed to each."""
    requests = PriceRequest.objects.filter(round__sent_at__date__gte=since)
    rows = requests.values_list(
        "round__need_id",
        "round__need__organisation_id",
        "producer_id",
        "status",
        "round__sent_at",
        "answered_at",
    )
    hours, answered_by, needs, priced, asking = [], set(), set(), set(), set()
    for need_id, organisation_id, producer_id, status, sent_at, answered_at in rows:
        needs.add(need_id)
        asking.add(organisation_id)
        if answered_at is not None:
            hours.append((answered_at - sent_at).total_seconds() / 3600)
            answered_by.add(producer_id)
        if status in PRICED:
            priced.add(need_id)
    return {
        "hours_to_price_answer": round(Decimal(statistics.median(hours)), 1) if hours else None,
        "price_answered_by": len(answered_by),
        "needs_priced_percent": round(Decimal(len(priced) * 100) / len(needs)) if needs else None,
        "needs_priced_by": len(asking),
    }


PRICED = (
    PriceRequest.Status.ANSWERED,
    PriceRequest.Status.ACCEPTED,
    PriceRequest.Status.NOT_RETAINED,
)


# What the totals count, by subject (community.versions): outcomes are only by month.
TOTALS_COUNT = ("directory", "needs", "organisations", "surplus", "commitments", "events")
# Bumped when the totals change shape: those cached before are not read.
TOTALS_FORMAT = 2
# At most, whatever changed: a safety net for writes no signal tells of (a bulk_create,
# the database's shell). Every change made through the site moves a version at once.
TOTALS_CACHE_SECONDS = 3600


def cached_totals():
    """network_figures().totals, from the cache while nothing they count has changed, on
    the same day (the twelve months and stale entries count in days), and until the next
    event with registrations starts (they count once it is held)."""
    today = timezone.localdate()
    key = f"community:figures:totals:{TOTALS_FORMAT}:{today.isoformat()}:{versions(*TOTALS_COUNT)}"
    totals = cache.get(key)
    if totals is None:
        totals = network_figures(today).totals
        cache.set(key, totals, timeout=_seconds_until_an_event_is_held(TOTALS_CACHE_SECONDS))
    return totals


def _seconds_until_an_event_is_held(longest):
    """Seconds until the next event with a confirmed registration starts, at most
    `longest`."""
    now = timezone.now()
    starts_at = Registration.objects.filter(
        status=Registration.Status.CONFIRMED, event__starts_at__gt=now
    ).aggregate(first=Min("event__starts_at"))["first"]
    if starts_at is None:
        return longest
    return max(1, min(longest, math.ceil((starts_at - now).total_seconds())))


# A horizontal bar chart, one row per month, so that the month's name and the value are
# written in full and the chart stays readable when a phone shrinks it (viewBox units).
CHART_LEFT, CHART_PLOT, CHART_RIGHT = 104, 212, 56  # month names | bars | values
CHART_TOP, CHART_ROW, CHART_BAR, CHART_BOTTOM = 24, 22, 14, 44


def _axis_step(largest):
    """The step between the value axis's ticks: 1, 2 or 5 times a power of ten, so that
    at most four steps reach the largest value."""
    if largest <= 0:
        return 1
    step = 10 ** math.floor(math.log10(largest / 4))
    for factor in (1, 2, 5, 10):
        if largest / (step * factor) <= 4:
            return step * factor
    return step * 10


def bar_chart(values, labels):
    """Geometry of a bar chart drawn server-side in SVG (templates/community/figures/
    _bar_chart.html): a bar per label, its value written at its end, scaled on a value
    axis whose ticks are round numbers."""
    values = [float(v) for v in values]
    step = _axis_step(max(values + [0]))
    if all(value.is_integer() for value in values):
        step = max(step, 1)  # counts: no tick between two whole numbers
    top = step * max(1, math.ceil(max(values + [0]) / step))
    plot_bottom = CHART_TOP + CHART_ROW * len(values)
    bars = []
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        y = CHART_TOP + index * CHART_ROW + (CHART_ROW - CHART_BAR) / 2
        width = value / top * CHART_PLOT
        bars.append(
            {
                "y": round(y, 1),
                "width": round(width, 1),
                "height": CHART_BAR,
                "text_x": round(CHART_LEFT + width + 4, 1),
                "text_y": round(y + CHART_BAR - 3, 1),
                "value": value,
                "label": label,
            }
        )
    ticks_count = round(top / step)
    ticks = [
        {"value": round(step * i, 6), "x": round(CHART_LEFT + step * i / top * CHART_PLOT, 1)}
        for i in range(ticks_count + 1)
    ]
    return {
        "bars": bars,
        "ticks": ticks,
        # floatformat's argument for the ticks: as many decimals as the step has, no more.
        "tick_format": f"-{max(0, -math.floor(math.log10(step)))}g",
        "left": CHART_LEFT,
        "right": CHART_LEFT + CHART_PLOT,
        "middle": CHART_LEFT + CHART_PLOT / 2,
        "top": CHART_TOP,
        "bottom": plot_bottom,
        "width": CHART_LEFT + CHART_PLOT + CHART_RIGHT,
        "height": plot_bottom + CHART_BOTTOM,
    }


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
        (
            _("Median time for a producer to answer a price request"),
            shown(totals["hours_to_price_answer"], totals["price_answered_by"]),
            "hours",
        ),
        (
            _("Share of the needs asked for prices that got at least one"),
            shown(totals["needs_priced_percent"], totals["needs_priced_by"]),
            "percent",
        ),
    ]
