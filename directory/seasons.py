"""Months of availability, stored as a 12-bit mask (bit 0 = January) so that "in season
in March" is one indexed-free arithmetic test that SQLite and PostgreSQL both run."""

from django import forms
from django.db import models
from django.db.models import F, Q
from django.utils.dates import MONTHS, MONTHS_AP
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ALL_MONTHS = range(1, 13)
ALL_YEAR = (1 << 12) - 1


def month_bit(month):
    return 1 << (month - 1)


def months_to_mask(months):
    """The mask of months given as numbers 1 to 12 (ValueError for any other)."""
    mask = 0
    for month in months:
        month = int(month)
        if not 1 <= month <= 12:  # a tampered 10**20 would be a shift of that many bits
            raise ValueError(f"not a month: {month}")
        mask |= month_bit(month)
    return mask


def mask_to_months(mask):
    return [month for month in ALL_MONTHS if mask & month_bit(month)]


def months_between(first, last):
    """The months from first to last inclusive, wrapping the year end (Nov → Mar)."""
    if first <= last:
        return list(range(first, last + 1))
    return list(range(first, 13)) + list(range(1, last + 1))


def describe(mask):
    """The months as short ranges for people: "juil.–mars", "juin, sept.–oct.", "all year"."""
    months = mask_to_months(mask)
    if len(months) == 12:
        return gettext("all year")
    if not months:
        return ""
    runs, run = [], [months[0]]
    for month in months[1:]:
        if month == run[-1] + 1:
            run.append(month)
        else:
            runs.append(run)
            run = [month]
    runs.append(run)
    if len(runs) > 1 and runs[0][0] == 1 and runs[-1][-1] == 12:  # a run across the year end
        runs[0] = runs.pop() + runs[0]
    return ", ".join(
        str(MONTHS_AP[run[0]]) if len(run) == 1 else f"{MONTHS_AP[run[0]]}–{MONTHS_AP[run[-1]]}"
        for run in runs
    )


def imported(producer="producer__"):
    """Offers (or, with producer="", entries) that are imported: an importer's, or an
    entry from outside Québec. Their food is available, never "in season": the season
    is the territory's."""
    return Q(**{f"{producer}kind": "importer"}) | Q(**{f"{producer}distance_class": "imported"})


def in_season(offers, month, field="months"):
    """The offers available in month that are grown here (imported ones are left out)."""
    return (
        offers.exclude(imported())
        .annotate(_in_month=F(field).bitand(month_bit(month)))
        .filter(_in_month__gt=0)
    )


class MonthsFormField(forms.TypedMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.pop("max_value", None)
        kwargs.pop("min_value", None)
        kwargs.pop("step_size", None)
        super().__init__(choices=list(MONTHS.items()), coerce=int, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return mask_to_months(value)
        return value

    def clean(self, value):
        return months_to_mask(super().clean(value))

    def has_changed(self, initial, data):
        initial_mask = initial if isinstance(initial, int) else months_to_mask(initial or [])
        try:
            return initial_mask != months_to_mask(data or [])
        except (TypeError, ValueError):
            return True


class MonthsField(models.PositiveSmallIntegerField):
    """The months a product is available, edited as twelve checkboxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", 0)
        kwargs.setdefault("verbose_name", _("months available"))
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": MonthsFormField, "choices_form_class": None, **kwargs}
        )
