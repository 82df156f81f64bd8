"""Bounds on what a request can make the site do: how many forms a formset builds and how
far from today a typed date may lie. One place for each rule, used by every form."""

from datetime import date, datetime

from django import forms
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.forms.formsets import TOTAL_FORM_COUNT
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel

from . import formatting

# A date typed in a form lies from this many years before today to this many after:
# wide enough for a season planned ahead or a delivery logged late, and it keeps every
# computation over a period (weeks of a commitment, months of a need) short.
YEARS_BACK = 2
YEARS_AHEAD = 3


def _years_from(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


def date_window(today=None):
    """(first, last): the days a person may type, today's local date in the middle."""
    today = today or timezone.localdate()
    return _years_from(today, -YEARS_BACK), _years_from(today, YEARS_AHEAD)


def validate_typed_date(value):
    """A date or a date and time a person typed lies in date_window()."""
    if isinstance(value, datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    first, last = date_window()
    if not first <= value <= last:
        raise ValidationError(
            _("Give a date from %(first)s to %(last)s."),
            code="date_window",
            # As the page's language writes dates: "1er décembre 2024", "Dec 1, 2024".
            params={"first": formatting.date(first), "last": formatting.date(last)},
        )


class TypedDatesMixin:
    """For a form: each date or date-time field the person changed is checked with
    validate_typed_date. A date left as it was is kept, so that an old record can still
    be edited. Put the mixin first among the form's bases."""

    def clean(self):
        cleaned = super().clean()
        for name in self.changed_data:
            field, value = self.fields.get(name), cleaned.get(name)
            if isinstance(field, forms.DateField | forms.DateTimeField) and isinstance(value, date):
                try:
                    validate_typed_date(value)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned


def bounded(max_num):
    """Keyword arguments for formset_factory and its kin: at most max_num forms are built
    whatever the form count posted, and more is answered with the formset's error.
    Combine with RefusesTamperedCount as the formset's first base."""
    return {"max_num": max_num, "absolute_max": max_num, "validate_max": True}


class RefusesTamperedCount:
    """A page never sends more forms than max_num: it offers no more (its Add button stops
    there, no extra form is added at the bound). A larger count is a tampered form, so it
    gets the 400 page before any form is built, instead of max_num forms checked and shown
    again (over a second of CPU for the producer's 100 offers)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        management = self.management_form
        if (
            self.is_bound
            and management.is_valid()
            and management.cleaned_data[TOTAL_FORM_COUNT] > self.max_num
        ):
            raise SuspiciousOperation(f"{self.prefix}: more forms than {self.max_num}")


class BoundedChildFormSet(RefusesTamperedCount, BaseChildFormSet):
    """Wagtail's inline formsets cannot be given absolute_max (Django then builds up to
    max_num + 1000 forms from a tampered count): no more forms are built than allowed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.absolute_max = self.max_num

    def _construct_form(self, i, **kwargs):
        # modelcluster reads a posted row's id without catching a malformed one (Django's
        # own formsets do): a page never sends one, so it is a tampered form (400 page).
        try:
            return super()._construct_form(i, **kwargs)
        except ValidationError as error:
            raise SuspiciousOperation(f"{self.prefix}-{i}: malformed id") from error


class BoundedInlinePanel(InlinePanel):
    """An InlinePanel that takes at most max_num items (required)."""

    def __init__(self, relation_name, *, max_num, **kwargs):
        super().__init__(relation_name, max_num=max_num, **kwargs)

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = BoundedChildFormSet
        return options
