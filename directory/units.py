"""Units in which food is sold, and conversion between those that measure the same thing.

Prices are compared per unit (a kilogram, a dozen), so an offer in pounds and an
observation in kilograms can sit side by side; a bunch and a kilogram cannot."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    KILOGRAM = "kg", _("kilogram")
    POUND = "lb", _("pound")
    GRAM = "g", _("gram")
    LITRE = "l", _("litre")
    UNIT = "unit", _("unit")
    DOZEN = "dozen", _("dozen")
    BUNCH = "bunch", _("bunch")
    CASE = "case", _("case")


# How many of the base unit (kilogram, litre, single item) one unit holds.
_BASE = {
    Unit.KILOGRAM: ("mass", Decimal("1")),
    Unit.POUND: ("mass", Decimal("0.45359237")),
    Unit.GRAM: ("mass", Decimal("0.001")),
    Unit.LITRE: ("volume", Decimal("1")),
    Unit.UNIT: ("count", Decimal("1")),
    Unit.DOZEN: ("count", Decimal("12")),
}


def convertible(from_unit, to_unit):
    """True when a quantity in from_unit can be expressed in to_unit."""
    if from_unit == to_unit:
        return True
    return from_unit in _BASE and to_unit in _BASE and _BASE[from_unit][0] == _BASE[to_unit][0]


def convert_quantity(quantity, from_unit, to_unit):
    """The quantity expressed in to_unit, or None when the units measure different things."""
    if from_unit == to_unit:
        return Decimal(quantity)
    if not convertible(from_unit, to_unit):
        return None
    return Decimal(quantity) * _BASE[from_unit][1] / _BASE[to_unit][1]


def convert_unit_price(price, from_unit, to_unit):
    """A price per from_unit expressed per to_unit (e.g. $/lb → $/kg), or None."""
    if from_unit == to_unit:
        return Decimal(price)
    if not convertible(from_unit, to_unit):
        return None
    return Decimal(price) * _BASE[to_unit][1] / _BASE[from_unit][1]
