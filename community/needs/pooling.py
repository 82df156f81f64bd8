"""Buying together (mutualisation): open needs of several organisations for the same
product whose periods overlap form an opportunity, with the combined quantity, the
producers who could supply it and the volume discounts it would reach. Opportunities
are computed from the open needs, never stored. Needs and their organisations are on the
board for every member anyway; an organisation says per need that it is open to buying
together, which lets it into the conversation about the product."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from directory.models import DiscountTier
from directory.units import convert_quantity

from .matching import NeedFacts, offer_facts, rank
from .models import Need

SUGGESTIONS_SHOWN = 5


@dataclass
class Opportunity:
    needs: list
    unit: str
    weekly_quantity: Decimal
    wanted_from: date
    wanted_until: date
    suggestions: list = field(default_factory=list)
    discounts: dict = field(default_factory=dict)  # producer id → the best tier reached

    @property
    def product(self):
        return self.needs[0].product

    @property
    def organisation_ids(self):
        return {need.organisation_id for need in self.needs}

    @property
    def key(self):
        """The anchor of its place on the page."""
        return f"{self.product.pk}-{self.wanted_from:%Y%m%d}"


def weekly_quantity(need, unit):
    """The need's quantity for one week, in unit (None when the units cannot convert)."""
    facts = NeedFacts(
        quantity=need.quantity,
        unit=need.unit,
        frequency=need.frequency,
        wanted_from=need.wanted_from,
        wanted_until=need.wanted_until,
    )
    quantity = facts.weekly_quantity if need.frequency != "once" else None
    if quantity is None:  # a one-off or a season's total, spread over its weeks
        weeks = max(Decimal((need.wanted_until - need.wanted_from).days + 1) / 7, Decimal(1))
        quantity = need.quantity / weeks
    return convert_quantity(quantity, need.unit, unit)


def group(needs):
    """Opportunities among needs (for products): same product, periods overlapping one
    after another, at least two organisations. A pure function of the needs given."""
    by_product = defaultdict(list)
    for need in needs:
        if need.product_id is not None:
            by_product[need.product_id].append(need)
    found = []
    for product_needs in by_product.values():
        product_needs.sort(key=lambda need: (need.wanted_from, need.pk))
        cluster, end = [], None
        for need in product_needs + [None]:
            if need is not None and cluster and need.wanted_from <= end:
                cluster.append(need)
                end = max(end, need.wanted_until)
                continue
            opportunity = _opportunity(cluster)
            if opportunity is not None:
                found.append(opportunity)
            if need is not None:
                cluster, end = [need], need.wanted_until
    return found


def _opportunity(cluster):
    unit = cluster[0].unit if cluster else None
    members = [need for need in cluster if weekly_quantity(need, unit) is not None]
    if len({need.organisation_id for need in members}) < 2:
        return None
    return Opportunity(
        needs=members,
        unit=unit,
        weekly_quantity=peak_weekly_quantity(members, unit),
        wanted_from=min(need.wanted_from for need in members),
        wanted_until=max(need.wanted_until for need in members),
    )


def peak_weekly_quantity(needs, unit):
    """The most needed in any one week: needs that only follow one another do not add up."""
    changes = defaultdict(Decimal)
    for need in needs:
        quantity = weekly_quantity(need, unit)
        # A need ends after the needs that start on its last day (no day after 9999-12-31).
        changes[(need.wanted_from, 0)] += quantity
        changes[(need.wanted_until, 1)] -= quantity
    running, peak = Decimal(0), Decimal(0)
    for day in sorted(changes):
        running += changes[day]
        peak = max(peak, running)
    return peak


def opportunities(organisation_ids=None):
    """Today's opportunities, with suggested producers and discounts reached, in a fixed
    number of queries. Given organisations, only the opportunities they are part of."""
    needs = (
        Need.objects.open().filter(product__isnull=False).select_related("organisation", "product")
    )
    found = group(needs)
    if organisation_ids is not None:
        found = [o for o in found if o.organisation_ids & set(organisation_ids)]
    if not found:
        return []
    offers = defaultdict(list)
    for offer in offer_facts({o.product.pk for o in found}):
        offers[offer.product_id].append(offer)
    today = timezone.localdate()
    for opportunity in found:
        together = NeedFacts(
            quantity=opportunity.weekly_quantity,
            unit=opportunity.unit,
            frequency="weekly",
            wanted_from=opportunity.wanted_from,
            wanted_until=opportunity.wanted_until,
            delivery_required=False,
        )
        opportunity.suggestions = rank(together, offers[opportunity.product.pk], today=today)[
            :SUGGESTIONS_SHOWN
        ]
    producer_ids = {m.offer.producer_id for o in found for m in o.suggestions}
    tiers = defaultdict(list)
    for tier in DiscountTier.objects.filter(producer_id__in=producer_ids):
        tiers[tier.producer_id].append(tier)
    for opportunity in found:
        for match in opportunity.suggestions:
            reached = reached_tier(
                tiers[match.offer.producer_id], opportunity.weekly_quantity, opportunity.unit
            )
            if reached is not None:
                opportunity.discounts[match.offer.producer_id] = reached
    return found


def reached_tier(tiers, quantity, unit):
    """The best volume discount a weekly quantity reaches, or None."""
    reached = [
        tier
        for tier in tiers
        if (amount := convert_quantity(quantity, unit, tier.unit)) is not None
        and amount >= tier.min_quantity
    ]
    return max(reached, key=lambda tier: tier.percent, default=None)
