"""Reading one cell: choices, yes and no, numbers, prices, lists, volume discounts, dates
and months, each with a message for the person who typed it when it cannot be read."""

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

from ..search import normalise
from ..seasons import ALL_YEAR, months_between, months_to_mask
from .words import ALL_YEAR_WORDS, MONTH_WORDS, NO_WORDS, YES_WORDS, normalize


class CellError(Exception):
    """A cell that cannot be read; the message says why, for the person who typed it."""


def choice_lookup(choices, words):
    """normalized spelling → value, from the values, the labels in French and English,
    and the extra words."""
    lookup = {}
    for language in ("en", "fr"):
        with translation.override(language):
            for value, label in choices:
                lookup[normalize(label)] = value
    lookup.update({normalize(word): value for word, value in words.items()})
    lookup.update({normalize(value): value for value, _label in choices})
    return lookup


def parse_choice(text, lookup):
    value = lookup.get(normalize(text))
    if value is None:
        raise CellError(_("“%(value)s” is not one of the accepted values.") % {"value": text})
    return value


def parse_boolean(text):
    word = normalize(text)
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise CellError(
        _("Write “oui” or “non” (or yes/no, 1/0, x), not “%(value)s”.") % {"value": text}
    )


def parse_decimal(text, places=2, minimum=None, maximum=None):
    """A number written with a decimal comma or point, spaces between thousands and
    perhaps a dollar sign, rounded to `places` decimals."""
    cleaned = re.sub(r"[\s$]", "", text)
    if "," in cleaned and "." in cleaned:
        # The last of the two separates the decimals; the other groups thousands.
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise CellError(_("“%(value)s” is not a number.") % {"value": text})
    value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if minimum is not None and value < minimum:
        raise CellError(
            _("%(value)s is below the smallest accepted value, %(limit)s.")
            % {"value": text, "limit": minimum}
        )
    if maximum is not None and value > maximum:
        raise CellError(
            _("%(value)s is above the largest accepted value, %(limit)s.")
            % {"value": text, "limit": maximum}
        )
    return value


def parse_price(text):
    value = parse_decimal(text, maximum=Decimal("999999.99"))
    if value < 0:
        raise CellError(_("A price cannot be negative."))
    return value


def parse_integer(text, minimum, maximum):
    value = parse_decimal(text, 2, Decimal(minimum), Decimal(maximum))
    if value != value.to_integral_value():
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": text})
    return int(value)


def parse_list(text, lookup, unknown):
    """The records a cell lists, separated by commas or semicolons, in the order given;
    `unknown` is the message for a name that matches none."""
    records = []
    for name in re.split(r"[,;]", text):
        if not name.strip():
            continue
        record = lookup.get(normalize(name)) or lookup.get(normalise(name))
        if record is None:
            raise CellError(unknown % {"value": name.strip()})
        if record not in records:
            records.append(record)
    return tuple(records)


DISCOUNT = re.compile(
    r"(?P<quantity>\d[\d\s.,]*?)\s*(?P<unit>[^\W\d_]+)\s*[:=]\s*(?P<percent>\d+(?:[.,]\d+)?)\s*%"
)


def parse_discounts(text, units):
    """Volume discounts written "100 kg: 5 %; 250 kg: 10 %": from that quantity, that
    percentage off. Returns (quantity, unit, percent) triples, smallest quantity first."""
    tiers, rest = [], DISCOUNT.sub("", text)
    if rest.strip(" ,;") or not DISCOUNT.search(text):
        raise CellError(
            _("Write volume discounts as “100 kg: 5 %%; 250 kg: 10 %%”, not “%(value)s”.")
            % {"value": text}
        )
    for match in DISCOUNT.finditer(text):
        quantity = parse_decimal(match["quantity"], 2, Decimal("0.01"), Decimal("99999999.99"))
        unit = parse_choice(match["unit"], units)
        percent = parse_decimal(match["percent"], 2, Decimal("0.01"), Decimal(100))
        tiers.append((quantity, unit, percent))
    return tuple(sorted(tiers))


def parse_date(text):
    """YYYY-MM-DD or DD/MM/YYYY (the French order)."""
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    french = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if french:
            return date(int(french[3]), int(french[2]), int(french[1]))
    except ValueError:
        pass
    raise CellError(
        _("“%(value)s” is not a date: write it as 2026-06-30 or 30/06/2026.") % {"value": text}
    )


def _months_error(text):
    return CellError(
        _(
            "“%(value)s” is not a list of months: write for example 6-10, juin-octobre, 6,7,8, nov-mars or toute l'année."
        )
        % {"value": text}
    )


def _month(token, text):
    if token.isdigit() and 1 <= int(token) <= 12:
        return int(token)
    if token in MONTH_WORDS:
        return MONTH_WORDS[token]
    raise _months_error(text)


def parse_months(text):
    """The month mask for "6-10", "juin-octobre", "6,7,8", "nov-mars" (over the year
    end), "juin à août", "juin, juillet et août", "toute l'année" or "all year"."""
    words = re.sub(r"['’.]", " ", normalise(str(text)))
    if re.sub(r"\s", "", words) in {re.sub(r"\s", "", phrase) for phrase in ALL_YEAR_WORDS}:
        return ALL_YEAR
    words = re.sub(r"[–—]", "-", words)
    words = re.sub(r"\s+(?:a|au|to|jusqu a)\s+", "-", f" {words} ").strip()
    months = []
    for part in re.split(r"[,;/+]|\s+(?:et|and)\s+", words):
        if "-" in part:
            ends = [end.strip() for end in part.split("-")]
            if len(ends) != 2:
                raise _months_error(text)
            months += months_between(_month(ends[0], text), _month(ends[1], text))
        else:
            months += [_month(token, text) for token in part.split()]
    if not months:
        raise _months_error(text)
    return months_to_mask(months)
