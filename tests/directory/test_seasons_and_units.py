"""Seasons (month masks) and units: the small pure functions the directory and the
needs board rely on."""

from decimal import Decimal

from django.utils import translation

import pytest

from directory.seasons import describe, mask_to_months, months_between, months_to_mask
from directory.units import Unit, convert_quantity, convert_unit_price, convertible


def test_months_round_trip_through_the_mask():
    assert mask_to_months(months_to_mask([11, 12, 1, 2, 3])) == [1, 2, 3, 11, 12]
    assert months_to_mask([]) == 0


def test_months_between_wraps_the_year_end():
    assert months_between(6, 9) == [6, 7, 8, 9]
    assert months_between(11, 3) == [11, 12, 1, 2, 3]


@pytest.mark.parametrize(
    ("months", "french", "english"),
    [
        (range(1, 13), "toute l'année", "all year"),
        ([6, 7], "juin–juil.", "June–July"),
        ([7, 8, 9, 10, 11, 12, 1, 2, 3], "juil.–mars", "July–March"),
        ([6, 9, 10], "juin, sept.–oct.", "June, Sept.–Oct."),
    ],
)
def test_seasons_read_as_ranges_in_both_languages(months, french, english):
    mask = months_to_mask(months)
    with translation.override("fr"):
        assert describe(mask) == french
    with translation.override("en"):
        assert describe(mask) == english


def test_unit_prices_convert_between_units_of_the_same_kind():
    assert convert_unit_price(Decimal("1.00"), Unit.POUND, Unit.KILOGRAM).quantize(
        Decimal("0.01")
    ) == Decimal("2.20")
    assert convert_unit_price(Decimal("6.00"), Unit.DOZEN, Unit.UNIT) == Decimal("0.5")
    assert convert_quantity(Decimal("2"), Unit.DOZEN, Unit.UNIT) == Decimal("24")


def test_units_of_different_kinds_do_not_convert():
    assert not convertible(Unit.KILOGRAM, Unit.DOZEN)
    assert convert_unit_price(Decimal("3"), Unit.BUNCH, Unit.KILOGRAM) is None
    assert convert_quantity(Decimal("3"), Unit.LITRE, Unit.KILOGRAM) is None
