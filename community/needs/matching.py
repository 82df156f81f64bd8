"""Which producers could supply a need, best first, each with the reasons shown to the
organisation. `rank` is a pure function of plain facts (tested without a database);
`offer_facts` reads those facts for a need in a fixed handful of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Case, F, Value, When
from django.utils.translation import gettext_lazy as _

from directory.models import Offer, Producer
from directory.seasons import ALL_YEAR, imported, months_between, months_to_mask
from directory.units import Unit, convert_quantity, convert_unit_price

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
# Imported food is available, never "in season": the season is that of the territory.
IMPORTED_ALL_YEAR = _("Imported, available all year")
IMPORTED_WHOLE_PERIOD = _("Imported, available for the whole period")
IMPORTED_PART_OF_PERIOD = _("Imported, available for part of the period")
DELIVERS = _("Delivers to your borough")
PICKUP = _("Pickup possible")
DOES_NOT_DELIVER = _("Does not deliver to your borough")
NEEDS_COLD_PICKUP = _("Kept cold: pickup needs a refrigerated vehicle")
TOO_HEAVY_TO_PICK_UP = _("Heavier than your vehicle's load: needs delivery")
NOT_COMPARABLE = _("Price not comparable")
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
    # What the organisation can pick up with, when delivery is not required.
    pickup_refrigerated: bool = False
    pickup_max_load_kg: Decimal | None = None

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

    @property
    def load(self):
        """What one pickup carries, in the need's unit: a week's quantity, or the whole
        quantity of a one-off need (None for a season's total, carried in several trips)."""
        if self.frequency == "season":
            return None
        return self.weekly_quantity


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
    imported: bool = False  # an importer's, or from outside Québec
    kept_cold: bool = False  # travels refrigerated (its category says so)


@dataclass
class Match:
    offer: OfferFacts
    score: int = 0
    reasons: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    unit_price: Decimal | None = None  # in the need's unit
    comparable: bool = True  # False when the offer's unit does not convert to the need's
    budget_gap: Decimal | None = None  # per need's unit, above the budget when positive
    budget_gap_percent: Decimal | None = None
    delivers: bool = False
    can_pick_up: bool = False
    need_quantity_in_offer_unit: Decimal | None = None  # when the units differ
    capacity_in_need_unit: Decimal | None = None
    stale: bool = False

    @property
    def budget_gap_size(self):
        """How far from the budget, above or below (budget_gap says which)."""
        return None if self.budget_gap is None else abs(self.budget_gap)


def rank(need, offers, *, today, stale_after_days=None, price_stale_after_days=None):
    """The offers that can supply the need, best first, with reasons and warnings.
    Offers out of season for the whole period, of a grade not accepted or not organic
    when organic is required are left out; an offer in a unit that does not convert
    (a case of unknown weight) stays, its price marked not comparable.

    When delivery is required, producers who deliver to the borough come first; when
    the organisation can pick up, those who can get the food to it (delivery or a
    pickup its vehicle can make) come first, cheapest first."""
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
        _quantities(match, need, offer)
        _weigh_price(match, need, offer, priced_since)
        if need.organic_required:  # then every offer left is organic
            match.score += 1
            match.reasons.append(ORGANIC)
        _weigh_capacity(match, need, offer)
        _weigh_verification(match, offer, verified_since)
        matches.append(match)
    key = _delivered_first if need.delivery_required else _reachable_then_cheapest
    return sorted(matches, key=key)


def _may_supply(need, offer, wanted_months):
    """Whether the offer is of a grade and (when required) organic as asked, and in
    season for some of the period."""
    return (
        offer.grade in ACCEPTED_GRADES.get(need.quality, {"standard", "premium"})
        and not (need.organic_required and not offer.organic)
        and bool(offer.months & wanted_months)
    )


def _weigh_season(match, offer, wanted_months):
    whole_period = offer.months & wanted_months == wanted_months
    match.score += 3 if whole_period else 1
    if offer.imported:
        match.score -= 1  # the network buys local first, at equal fit
        if offer.months == ALL_YEAR:
            match.reasons.append(IMPORTED_ALL_YEAR)
        else:
            match.reasons.append(IMPORTED_WHOLE_PERIOD if whole_period else IMPORTED_PART_OF_PERIOD)
    else:
        match.reasons.append(IN_SEASON if whole_period else PARTLY_IN_SEASON)


def _weigh_delivery(match, need, offer):
    """Whether the producer delivers to the borough, or the organisation can pick up:
    not when delivery is required, nor food kept cold without a refrigerated vehicle,
    nor more than the vehicle carries."""
    match.delivers = need.borough_id is not None and need.borough_id in offer.delivery_area_ids
    if match.delivers:
        match.score += 2
        match.reasons.append(DELIVERS)
    if need.delivery_required:
        if need.borough_id is not None and not match.delivers:
            match.warnings.append(DOES_NOT_DELIVER)
        return
    if not offer.pickup_available:
        return
    if offer.kept_cold and not need.pickup_refrigerated:
        if not match.delivers:
            match.warnings.append(NEEDS_COLD_PICKUP)
        return
    if _too_heavy(need):
        if not match.delivers:
            match.warnings.append(TOO_HEAVY_TO_PICK_UP)
        return
    match.can_pick_up = True
    if not match.delivers:
        match.score += 1
        match.reasons.append(PICKUP)


def _too_heavy(need):
    """Whether one pickup weighs more than the vehicle's maximum load (needs counted in
    units, dozens or cases have no weight to compare)."""
    if need.pickup_max_load_kg is None or need.load is None:
        return False
    load_kg = convert_quantity(need.load, need.unit, Unit.KILOGRAM)
    return load_kg is not None and load_kg > need.pickup_max_load_kg


def _quantities(match, need, offer):
    """The need's quantity in the offer's unit, the offer's weekly capacity in the
    need's: "300 units = 25 dozen"."""
    if offer.unit != need.unit:
        match.need_quantity_in_offer_unit = convert_quantity(need.quantity, need.unit, offer.unit)
    if offer.weekly_capacity is not None:
        match.capacity_in_need_unit = convert_quantity(offer.weekly_capacity, offer.unit, need.unit)


def _weigh_price(match, need, offer, priced_since):
    """The price in the need's unit, and its gap to the budget in dollars and percent;
    a price in a unit that does not convert is not comparable; a price not seen since
    `priced_since` is warned about."""
    match.comparable = convert_quantity(1, offer.unit, need.unit) is not None
    if not match.comparable:
        match.warnings.append(NOT_COMPARABLE)
    if offer.price is None or not match.comparable:
        return
    match.unit_price = convert_unit_price(offer.price, offer.unit, need.unit)
    if need.budget_per_unit is not None:
        match.budget_gap, match.budget_gap_percent = budget_gap(
            match.unit_price, need.budget_per_unit
        )
        if match.unit_price <= need.budget_per_unit:
            match.score += 2
    if offer.price_seen_on is None or offer.price_seen_on < priced_since:
        match.warnings.append(OLD_PRICE)


CENT = Decimal("0.01")


def budget_gap(unit_price, budget):
    """A price's gap to a budget (both per the need's unit): in dollars, rounded to the
    cent, and in per cent of the budget, rounded to the whole from the exact gap (2,425 $
    for a budget of 2,50 $ is 0,08 $ and 3 % below). (None, None) without a budget; no
    per cent of a budget of nothing. Above the budget when positive."""
    if budget is None or unit_price is None:
        return None, None
    exact = Decimal(unit_price) - budget
    percent = (exact * 100 / budget).quantize(Decimal(1), ROUND_HALF_UP) if budget > 0 else None
    return exact.quantize(CENT, ROUND_HALF_UP), percent


def _weigh_capacity(match, need, offer):
    """A producer who can supply each week's quantity is preferred."""
    capacity, wanted = match.capacity_in_need_unit, need.weekly_quantity
    if capacity is not None and wanted is not None and capacity >= wanted:
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


def _price(match):
    return match.unit_price if match.unit_price is not None else Decimal("Infinity")


def _delivered_first(match):
    """Those who deliver to the borough, then the highest score, a verified entry, the
    lowest price, the producer's name."""
    return (not match.delivers, -match.score, match.stale, _price(match), match.offer.producer_name)


def _reachable_then_cheapest(match):
    """Those whose food can reach the organisation (delivered or picked up), then the
    lowest comparable price, the highest score, a verified entry, the name."""
    return (
        not (match.delivers or match.can_pick_up),
        _price(match),
        -match.score,
        match.stale,
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
    rows = offers.annotate(
        imported=Case(When(imported(), then=Value(True)), default=Value(False))
    ).values_list(
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
        "imported",
        "product__category__kept_cold",
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
            imported=imported,
            kept_cold=kept_cold,
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
            imported,
            kept_cold,
        ) in rows
    ]


def _offers_to_read(product_ids, producer_ids, need):
    """The offers of these products (by these producers); given the need, only those in
    season for part of its period (in any unit: one that does not convert is shown,
    its price not comparable)."""
    offers = Offer.objects.filter(product_id__in=product_ids)
    if producer_ids is not None:
        offers = offers.filter(producer_id__in=producer_ids)
    if need is not None:
        offers = offers.annotate(in_period=F("months").bitand(months_to_mask(need.months))).filter(
            in_period__gt=0
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
