from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .formatting import unit_label
from .units import Unit


class DecimalCommaField(forms.DecimalField):
    """A decimal typed as people type it here: "2,50" as well as "2.50", spaces ignored
    ("1 200,00"), whatever the page's language. A text box with the decimal keypad: a
    browser's number box refuses the comma in some languages and not in others."""

    widget = forms.TextInput

    def widget_attrs(self, widget):
        return {"inputmode": "decimal"}

    def to_python(self, value):
        if isinstance(value, str):
            value = (
                value.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
            )
        return super().to_python(value)


def quantity_field(label):
    """A quantity above zero, typed with a comma or a point."""
    return DecimalCommaField(
        label=label,
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={"min_value": _("Give a quantity above zero.")},
    )


def price_field(label, required=False, max_digits=8, **kwargs):
    """An amount in dollars, zero or more, typed with a comma or a point."""
    return DecimalCommaField(
        label=label,
        max_digits=max_digits,
        decimal_places=2,
        min_value=0,
        required=required,
        **kwargs,
    )


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def unit_choices():
    """The units as people write them after a number, in the page's language: "kg", "L",
    "douzaine", never "kilogramme" (the model's labels, which name the unit)."""
    return [(unit.value, unit_label(unit)) for unit in Unit]


class UnitChoicesMixin:
    """For a form with a `unit` field: its choices written as people write units."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("unit")
        if field is not None:
            blank = [choice for choice in field.choices if choice[0] == ""]
            field.choices = blank + unit_choices()
