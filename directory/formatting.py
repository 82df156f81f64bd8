"""Money, quantities and dates as each language writes them, in one place: "$2.00" and
"2,00 $", "40 kg", "3 douzaines", "12 L", "lundi 12 octobre 2026, 13 h 40", "1er décembre".
Templates use the filters of the same names ({% load formatting %}), and every template's
`date` filter is ours (see templatetags/dates.py); Python code these functions. The date
formats themselves are in site/formats/ (Django's FORMAT_MODULE_PATH)."""

import re
from decimal import ROUND_HALF_UP, Decimal

from django.utils import dateformat, formats, timezone
from django.utils.translation import npgettext, pgettext

from .units import Unit

# Units measured in the metric or imperial system are written with their symbol in
# both languages; units that are counted are words, singular or plural.
SYMBOLS = {Unit.KILOGRAM: "kg", Unit.POUND: "lb", Unit.GRAM: "g", Unit.LITRE: "L"}


def money(amount, decimals=2):
    """An amount in dollars: "$1,234.50" in English, "1 234,50 $" in French, rounded half
    up to the cent (2,425 is "2,43 $"; Django's number_format would cut it to "2,42 $")."""
    if amount is None or amount == "":
        return ""
    rounded = Decimal(amount).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    number = formats.number_format(
        rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True
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


def date(value, format_name=None):
    """A date as the page's language writes it, with a named format ("DATE_FORMAT", the
    default) or a format string: "1er décembre 2026" in French, "Dec 1, 2026" in English.
    Django's own `date` leaves out French's ordinal for the first of a month."""
    if value in (None, ""):
        return ""
    value = _local(value)
    return dateformat.format(
        value, _with_first_of_month(formats.get_format(format_name or "DATE_FORMAT"), value)
    )


def percent(value, signed=False):
    """A percentage: "5%" and "+5%" in English, "5 %" and "+5 %" in French."""
    if value is None or value == "":
        return ""
    text = number(value)
    if signed and Decimal(value) > 0:
        text = f"+{text}"
    # Translators: a percentage; French puts a no-break space before the sign.
    return pgettext("percent", "%(number)s%%") % {"number": text}


def hours(value):
    """A duration in hours: "6 hours", "1.5 hours" in English; "6 heures", "1,5 heure" in
    French."""
    if value is None or value == "":
        return ""
    return npgettext("duration", "%(number)s hour", "%(number)s hours", _plural_count(value)) % {
        "number": number(value)
    }


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
            return date(value, getattr(module, name))
    return date(value, fallback)


# A day of the month, "j", and a month's name, not escaped by a backslash.
_DAY = re.compile(r"(?<!\\)j")
_MONTH_NAME = re.compile(r"(?<!\\)[FEMNb]")


def _with_first_of_month(format_string, value):
    """The format with the first of the month written as the language writes it
    (FIRST_OF_MONTH in site/formats/fr: "1er"), where the format writes the day as "j"
    before a month's name ("1er décembre"; a calendar's bare "j" stays "1")."""
    first = formats.get_format("FIRST_OF_MONTH")
    if getattr(value, "day", None) != 1 or first == "FIRST_OF_MONTH":
        return format_string
    if not _MONTH_NAME.search(format_string):
        return format_string
    return _DAY.sub(lambda match: "".join(f"\\{letter}" for letter in first), format_string)


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
