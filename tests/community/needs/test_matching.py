"""Ranking producers for a need: a pure function of the need and the offers' facts."""

from datetime import date
from decimal import Decimal

from django.utils import translation

import pytest

from community.needs.matching import NeedFacts, OfferFacts, rank

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)

TODAY = date(2026, 11, 23)
VERDUN = 7
WINTER = 0b1110_0000_0111  # Nov, Dec, Jan, Feb, Mar
ALL_YEAR = 0b1111_1111_1111


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def need(**facts):
    defaults = {
        "quantity": Decimal("40"),
        "unit": "kg",
        "frequency": "weekly",
        "wanted_from": date(2026, 11, 1),
        "wanted_until": date(2027, 3, 31),
        "borough_id": VERDUN,
    }
    return NeedFacts(**{**defaults, **facts})


def offer(number=1, **facts):
    defaults = {
        "offer_id": number,
        "producer_id": number,
        "producer_name": f"Ferme {number}",
        "unit": "kg",
        "months": ALL_YEAR,
        "last_verified_on": date(2026, 9, 1),
    }
    return OfferFacts(**{**defaults, **facts})


def names(matches):
    return [m.offer.producer_name for m in matches]


def test_a_season_across_the_year_end_matches_winter_offers():
    winter = offer(1, producer_name="Hiver", months=WINTER)
    summer = offer(2, producer_name="Été", months=0b0000_1111_0000)  # May–Aug
    autumn_only = offer(3, producer_name="Automne", months=0b1100_0000_0000)  # Nov–Dec
    matches = rank(need(), [summer, autumn_only, winter], today=TODAY)
    assert names(matches) == ["Hiver", "Automne"]
    assert "In season for the whole period" in matches[0].reasons
    assert "In season for part of the period" in matches[1].reasons


def test_prices_in_pounds_are_compared_with_a_budget_per_kilogram():
    in_pounds = offer(1, unit="lb", price=Decimal("1.00"))  # 2.20 $/kg
    matches = rank(need(budget_per_unit=Decimal("2.50")), [in_pounds], today=TODAY)
    assert matches[0].unit_price.quantize(Decimal("0.01")) == Decimal("2.20")
    assert "Price within your budget" in matches[0].reasons
    over = rank(need(budget_per_unit=Decimal("2.00")), [in_pounds], today=TODAY)
    assert "Price above your budget" in over[0].warnings


def test_dozens_answer_a_need_counted_in_units_and_bunches_do_not():
    eggs = need(quantity=Decimal("120"), unit="unit", frequency="weekly")
    by_the_dozen = offer(1, unit="dozen", price=Decimal("6.00"), weekly_capacity=Decimal("15"))
    by_the_bunch = offer(2, unit="bunch", price=Decimal("3.00"))
    matches = rank(eggs, [by_the_dozen, by_the_bunch], today=TODAY)
    assert [m.offer.offer_id for m in matches] == [1]
    assert matches[0].unit_price == Decimal("0.50")
    assert "Can supply the quantity" in matches[0].reasons  # 180 eggs a week ≥ 120


def test_stale_entries_are_ranked_lower_and_flagged():
    fresh = offer(1, producer_name="Fraîche", last_verified_on=date(2026, 10, 1))
    stale = offer(2, producer_name="Ancienne", last_verified_on=date(2024, 5, 1))
    never = offer(3, producer_name="Jamais vérifiée", last_verified_on=None)
    matches = rank(need(), [stale, never, fresh], today=TODAY)
    assert names(matches)[0] == "Fraîche"
    assert all(m.stale for m in matches[1:])
    assert "Directory entry not verified recently" in matches[1].warnings


def test_delivery_to_the_borough_or_pickup_when_it_fits():
    delivers = offer(1, producer_name="Livre", delivery_area_ids=frozenset({VERDUN}))
    pickup = offer(2, producer_name="Cueillette", pickup_available=True)
    neither = offer(3, producer_name="Loin")
    matches = rank(need(delivery_required=False), [neither, pickup, delivers], today=TODAY)
    assert names(matches) == ["Livre", "Cueillette", "Loin"]
    assert "Pickup possible" in matches[1].reasons
    required = rank(need(delivery_required=True), [pickup], today=TODAY)
    assert "Does not deliver to your borough" in required[0].warnings


def test_organic_and_quality_requirements_leave_offers_out():
    organic = offer(1, organic=True)
    conventional = offer(2)
    seconds = offer(3, grade="seconds")
    assert [
        m.offer.offer_id
        for m in rank(need(organic_required=True), [conventional, organic], today=TODAY)
    ] == [1]
    assert 3 not in [
        m.offer.offer_id for m in rank(need(quality="standard"), [seconds], today=TODAY)
    ]
    welcome = rank(need(quality="seconds"), [seconds, conventional], today=TODAY)
    assert {m.offer.offer_id for m in welcome} == {2, 3}


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2026, 11, 15), date(2027, 2, 10), {11, 12, 1, 2}),
        (date(2026, 6, 1), date(2026, 6, 30), {6}),
        (date(2026, 1, 1), date(2027, 1, 1), set(range(1, 13))),
        (date(2026, 3, 20), date(2027, 3, 10), set(range(1, 13))),  # under a year, all months
    ],
)
def test_the_months_a_need_covers(start, end, months):
    assert need(wanted_from=start, wanted_until=end).months == months


def test_a_monthly_need_is_compared_with_weekly_capacity_per_week():
    monthly = need(quantity=Decimal("100"), frequency="monthly")  # about 23 kg a week
    small = offer(1, weekly_capacity=Decimal("25"))
    assert "Can supply the quantity" in rank(monthly, [small], today=TODAY)[0].reasons
