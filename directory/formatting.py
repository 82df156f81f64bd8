"""Money, quantities and dates as each language writes them, in one place: "$2.00" and
"2,00 $", "40 kg", "3 douzaines", "12 L", "lundi 12 octobre 2026, 13 h 40". Templates use
the filters of the same names ({% load formatting %}); Python code these functions. The
date formats themselves are in site/formats/ (Django's FORMAT_MODULE_PATH)."""

from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import npgettext, pgettext

from .units import Unit

# Units measured in the metric or imperial system are written with their symbol in
# both languages; units that are counted are words, singular or plural.
SYMBOLS = {Unit.KILOGRAM: "kg", Unit.POUND: "lb", Unit.GRAM: "g", Unit.LITRE: "L"}


def money(amount, decimals=2):
    """An amount in dollars: "$1,234.50" in English, "1 234,50 $" in French."""
    if amount is None or amount == "":
        return ""
    number = formats.number_format(
        Decimal(amount), decimal_pos=decimals, use_l10n=True, force_grouping=True
    )
    # Translators: an amount of money; French puts the sign after, with a no-break space.
    return pgettext("money", "$%(amount)s") % {"amount": number}


def number(value):
    """A quantity's number, with at most two decimals and no trailing zero: "40", "2,5"."""
    rounded = Decimal(value).quantize(Decimal("0.01")).normalize()
    return formats.number_format(rounded, use_l10n=True, force_grouping=True)


def unit_label(unit, count=1):
    """How a unit is written after a number: "kg", "L"; "dozen", "douzaines"."""
    if unit in SYMBOLS:
        return SYMBOLS[unit]
    count = _plural_count(count)
    if unit == Unit.DOZEN:
        return npgettext("unit", "dozen", "dozen", count)
    if unit == Unit.BUNCH:
        return npgettext("unit", "bunch", "bunches", count)
    if unit == Unit.CASE:
        return npgettext("unit", "case", "cases", count)
    return npgettext("unit", "unit", "units", count)


def quantity(value, unit):
    """A quantity with its unit, as people write it: "40 kg", "3 douzaines"."""
    if value is None or value == "":
        return ""
    return f"{number(value)}\xa0{unit_label(unit, value)}"


def price_per(amount, unit):
    """A unit price: "$2.00/kg", "2,00 $/douzaine"."""
    if amount is None or amount == "":
        return ""
    return pgettext("unit price", "%(price)s/%(unit)s") % {
        "price": money(amount),
        "unit": unit_label(unit),
    }


def percent(value, signed=False):
    """A percentage: "5%" and "+5%" in English, "5 %" and "+5 %" in French."""
    if value is None or value == "":
        return ""
    text = number(value)
    if signed and Decimal(value) > 0:
        text = f"+{text}"
    # Translators: a percentage; French puts a no-break space before the sign.
    return pgettext("percent", "%(number)s%%") % {"number": text}


def signed_percent(value):
    """A change in percent, with its sign: "+5%", "-12%"."""
    return percent(value, signed=True)


def weekday_datetime(value):
    """An event's start: "lundi 12 octobre 2026, 13 h 40", "Monday, Oct 12, 2026, 1:40 PM"
    (Django's named formats have no weekday; ours are beside them in site/formats/)."""
    return _our_format(value, "WEEKDAY_DATETIME_FORMAT", "DATETIME_FORMAT")


def weekday_date(value):
    """A day of a calendar: "lundi 12 octobre", "Monday, Oct 12"."""
    return _our_format(value, "WEEKDAY_DATE_FORMAT", "MONTH_DAY_FORMAT")


def _our_format(value, name, fallback):
    if not value:
        return ""
    for module in formats.get_format_modules():
        if hasattr(module, name):
            return formats.date_format(_local(value), getattr(module, name))
    return formats.date_format(_local(value), fallback)


def _local(value):
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return timezone.localtime(value)
    return value


def _plural_count(count):
    """Whole numbers choose the plural as they are; fractions above one are plural."""
    count = Decimal(count)
    if count == count.to_integral_value():
        return int(count)
    return 2 if count > 1 else 1
