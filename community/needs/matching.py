"""Which producers could supply a need, best first, each with the reasons shown to the
organisation. `rank` is a pure function of plain facts (tested without a database);
`offer_facts` reads those facts for a need in a fixed handful of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from directory.models import Offer, Producer
from directory.seasons import months_between, months_to_mask
from directory.units import Unit, convert_quantity, convert_unit_price, convertible

# Which offer grades suit which quality asked for.
ACCEPTED_GRADES = {
    "standard": {"standard", "premium"},
    "premium": {"premium"},
    "seconds": {"standard", "premium", "seconds"},
    "processing": {"standard", "premium", "seconds", "processing"},
}

# What the reasons and warnings say: translated when shown, not for each of the thousands
# of offers a triage ranks.
IN_SEASON = _("In season for the whole period")
PARTLY_IN_SEASON = _("In season for part of the period")
DELIVERS = _("Delivers to your borough")
PICKUP = _("Pickup possible")
DOES_NOT_DELIVER = _("Does not deliver to your borough")
WITHIN_BUDGET = _("Price within your budget")
ABOVE_BUDGET = _("Price above your budget")
OLD_PRICE = _("Price may be out of date")
ORGANIC = _("Organic")
ENOUGH = _("Can supply the quantity")
VERIFIED = _("Verified recently")
NOT_VERIFIED = _("Directory entry not verified recently")


@dataclass(frozen=True)
class NeedFacts:
    quantity: Decimal
    unit: str
    wanted_from: date
    wanted_until: date
    frequency: str = "once"  # once, weekly, monthly, season
    quality: str = "standard"
    organic_required: bool = False
    budget_per_unit: Decimal | None = None
    delivery_required: bool = True
    borough_id: int | None = None

    @property
    def months(self):
        """The calendar months the period touches (March 20 → March 10 next year: all)."""
        span = (self.wanted_until.year - self.wanted_from.year) * 12 + (
            self.wanted_until.month - self.wanted_from.month
        )
        if span >= 11:
            return set(range(1, 13))
        return set(months_between(self.wanted_from.month, self.wanted_until.month))

    @property
    def weekly_quantity(self):
        """What a supplier must provide in a week (None for a whole season's total)."""
        if self.frequency == "monthly":
            return self.quantity * 12 / 52
        if self.frequency in ("weekly", "once"):
            return self.quantity
        return None


@dataclass(frozen=True)
class OfferFacts:
    offer_id: int
    producer_id: int
    producer_name: str
    unit: str
    months: int  # 12-bit mask, bit 0 = January
    product_id: int | None = None
    grade: str = "standard"
    organic: bool = False
    price: Decimal | None = None
    price_seen_on: date | None = None
    weekly_capacity: Decimal | None = None
    delivery_area_ids: frozenset = frozenset()
    pickup_available: bool = False
    last_verified_on: date | None = None


@dataclass
class Match:
    offer: OfferFacts
    score: int = 0
    reasons: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    unit_price: Decimal | None = None  # in the need's unit
    stale: bool = False


def rank(need, offers, *, today, stale_after_days=None, price_stale_after_days=None):
    """The offers that can supply the need, best first, with reasons and warnings.
    Offers whose unit measures something else, out of season for the whole period,
    of a grade not accepted or not organic when organic is required are left out."""
    verified_since = today - timedelta(days=stale_after_days or settings.DIRECTORY_STALE_AFTER_DAYS)
    priced_since = today - timedelta(
        days=price_stale_after_days or settings.DIRECTORY_PRICE_STALE_AFTER_DAYS
    )
    wanted_months = months_to_mask(need.months)
    matches = []
    for offer in offers:
        if not _may_supply(need, offer, wanted_months):
            continue
        match = Match(offer=offer)
        _weigh_season(match, offer, wanted_months)
        _weigh_delivery(match, need, offer)
        _weigh_price(match, need, offer, priced_since)
        if need.organic_required:  # then every offer left is organic
            match.score += 1
            match.reasons.append(ORGANIC)
        _weigh_capacity(match, need, offer)
        _weigh_verification(match, offer, verified_since)
        matches.append(match)
    return sorted(matches, key=_best_first)


def _may_supply(need, offer, wanted_months):
    """Whether the offer is in the need's unit's measure, of a grade and (when required)
    organic as asked, and in season for some of the period."""
    return (
        convert_quantity(1, offer.unit, need.unit) is not None
        and offer.grade in ACCEPTED_GRADES.get(need.quality, {"standard", "premium"})
        and not (need.organic_required and not offer.organic)
        and bool(offer.months & wanted_months)
    )


def _weigh_season(match, offer, wanted_months):
    if offer.months & wanted_months == wanted_months:
        match.score += 3
        match.reasons.append(IN_SEASON)
    else:
        match.score += 1
        match.reasons.append(PARTLY_IN_SEASON)


def _weigh_delivery(match, need, offer):
    if need.borough_id is not None and need.borough_id in offer.delivery_area_ids:
        match.score += 2
        match.reasons.append(DELIVERS)
    elif not need.delivery_required and offer.pickup_available:
        match.score += 1
        match.reasons.append(PICKUP)
    elif need.delivery_required and need.borough_id is not None:
        match.warnings.append(DOES_NOT_DELIVER)


def _weigh_price(match, need, offer, priced_since):
    """The price in the need's unit, against its budget; a price not seen since
    `priced_since` is warned about."""
    if offer.price is None:
        return
    match.unit_price = convert_unit_price(offer.price, offer.unit, need.unit)
    if need.budget_per_unit is not None:
        if match.unit_price <= need.budget_per_unit:
            match.score += 2
            match.reasons.append(WITHIN_BUDGET)
        else:
            match.warnings.append(ABOVE_BUDGET)
    if offer.price_seen_on is None or offer.price_seen_on < priced_since:
        match.warnings.append(OLD_PRICE)


def _weigh_capacity(match, need, offer):
    """A producer who can supply each week's quantity is preferred."""
    if offer.weekly_capacity is not None and need.weekly_quantity is not None:
        capacity = convert_quantity(offer.weekly_capacity, offer.unit, need.unit)
        if capacity >= need.weekly_quantity:
            match.score += 1
            match.reasons.append(ENOUGH)


def _weigh_verification(match, offer, verified_since):
    """A directory entry not verified since `verified_since` goes down, marked stale."""
    if offer.last_verified_on and offer.last_verified_on >= verified_since:
        match.score += 1
        match.reasons.append(VERIFIED)
    else:
        match.stale = True
        match.score -= 2
        match.warnings.append(NOT_VERIFIED)


def _best_first(match):
    """Highest score, then a verified entry, the lowest price, the producer's name."""
    return (
        -match.score,
        match.stale,
        match.unit_price if match.unit_price is not None else Decimal("Infinity"),
        match.offer.producer_name,
    )


def offer_facts(product_ids, producer_ids=None, need=None):
    """The facts `rank` needs about every offer of these products (by these producers),
    in three queries however many there are. Rows, not model instances: a category
    holds thousands of offers. Given the need, offers that `rank` would leave out for
    their unit or season are not read at all."""
    offers = _offers_to_read(product_ids, producer_ids, need)
    producers = offers.values("producer_id")
    delivers_to = _delivery_areas(producers)
    certified_organic = _certified_organic(producers)
    rows = offers.values_list(
        "pk",
        "producer_id",
        "producer__name",
        "unit",
        "months",
        "product_id",
        "grade",
        "organic",
        "price",
        "price_seen_on",
        "weekly_capacity",
        "producer__pickup_available",
        "producer__last_verified_on",
    )
    return [
        OfferFacts(
            offer_id=pk,
            producer_id=producer_id,
            producer_name=name,
            unit=unit,
            months=months,
            product_id=product_id,
            grade=grade,
            organic=organic or producer_id in certified_organic,
            price=price,
            price_seen_on=price_seen_on,
            weekly_capacity=weekly_capacity,
            delivery_area_ids=frozenset(delivers_to.get(producer_id, ())),
            pickup_available=pickup,
            last_verified_on=verified,
        )
        for (
            pk,
            producer_id,
            name,
            unit,
            months,
            product_id,
            grade,
            organic,
            price,
            price_seen_on,
            weekly_capacity,
            pickup,
            verified,
        ) in rows
    ]


def _offers_to_read(product_ids, producer_ids, need):
    """The offers of these products (by these producers); given the need, only those in
    a unit that converts to the need's and in season for part of its period."""
    offers = Offer.objects.filter(product_id__in=product_ids)
    if producer_ids is not None:
        offers = offers.filter(producer_id__in=producer_ids)
    if need is not None:
        offers = (
            offers.filter(unit__in=[unit for unit in Unit.values if convertible(unit, need.unit)])
            .annotate(in_period=F("months").bitand(months_to_mask(need.months)))
            .filter(in_period__gt=0)
        )
    return offers


def _delivery_areas(producers):
    """Producer id → the ids of the areas it delivers to."""
    delivers_to = defaultdict(set)
    for producer_id, area_id in Producer.delivery_areas.through.objects.filter(
        producer_id__in=producers
    ).values_list("producer_id", "area_id"):
        delivers_to[producer_id].add(area_id)
    return delivers_to


def _certified_organic(producers):
    """The producers certified organic: each of their offers counts as organic."""
    return set(
        Producer.certifications.through.objects.filter(
            producer_id__in=producers, certification__is_organic=True
        ).values_list("producer_id", flat=True)
    )
