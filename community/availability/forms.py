"""The one-minute form: a line per product, with the quantity available, the price per
unit and until when (the end of the week unless told otherwise)."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from directory.bounds import RefusesTamperedCount, bounded
from directory.formatting import date as formatted_date
from directory.formatting import number
from directory.forms import DateInput, UnitChoicesMixin, price_field, quantity_field
from directory.models import Product, end_of_week
from directory.units import Unit

MAX_LINES = 30
LONGEST = timedelta(weeks=8)  # a line says what is available now, not next season's


class LineForm(UnitChoicesMixin, forms.Form):
    """One product: every part is needed once any part is filled; a blank line is left out."""

    product = forms.TypedChoiceField(label=_("Product"), coerce=int, required=False)
    quantity = quantity_field(_("Quantity available"))
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    price = price_field(_("Price per unit ($)"))
    available_until = forms.DateField(
        label=_("Available until"), widget=DateInput(format="%Y-%m-%d"), required=False
    )

    def __init__(self, *args, product_choices=(), products=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].choices = product_choices
        self.fields["quantity"].required = False
        self.products = products or {}

    @property
    def is_blank(self):
        data = getattr(self, "cleaned_data", {})
        return not any(
            data.get(name) not in (None, "") for name in ("product", "quantity", "price")
        )

    def clean(self):
        data = super().clean()
        if self.is_blank and not self.errors:
            return data
        for name, message in (
            ("product", _("Choose the product.")),
            ("quantity", _("Give the quantity available.")),
            ("price", _("Give your price per unit.")),
        ):
            if data.get(name) in (None, "") and name not in self.errors:
                self.add_error(name, message)
        if data.get("product") not in (None, "") and data["product"] not in self.products:
            self.add_error("product", _("Choose a product of the list."))
        until = data.get("available_until")
        today = timezone.localdate()
        if until is None and "available_until" not in self.errors:
            data["available_until"] = end_of_week(today)
        elif until is not None and until < today:
            self.add_error("available_until", _("This day is past: give today or a later day."))
        elif until is not None and until > today + LONGEST:
            self.add_error(
                "available_until",
                _("Give a day by %(last)s: say what you have now, and again next week.")
                % {"last": formatted_date(today + LONGEST)},
            )
        return data


class BaseLineFormSet(RefusesTamperedCount, forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "Send at most %(num)d line.", "Send at most %(num)d lines.", "num"
        )
    }

    def __init__(self, *args, producer, **kwargs):
        self.producer = producer
        self.product_choices, self.products = _product_choices(producer)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"product_choices": self.product_choices, "products": self.products}

    def lines(self):
        """The lines filled in and not removed: (product, quantity, unit, price, until)."""
        return [
            {**form.cleaned_data, "product": self.products[form.cleaned_data["product"]]}
            for form in self.forms
            if form not in self.deleted_forms and not form.is_blank
        ]


def _product_choices(producer):
    """The producer's own products first (its offers), then the directory's others."""
    products = {product.pk: product for product in Product.objects.all()}
    own_ids = list(
        dict.fromkeys(
            producer.offers.order_by("product__name_fr").values_list("product", flat=True)
        )
    )
    own = [(pk, products[pk].name) for pk in own_ids if pk in products]
    others = sorted(
        ((pk, product.name) for pk, product in products.items() if pk not in set(own_ids)),
        key=lambda choice: str(choice[1]).casefold(),
    )
    choices = [("", "—")]
    if own:
        choices.append((_("Your products"), own))
    if others:
        choices.append((_("Other products of the directory") if own else _("Products"), others))
    return choices, products


LineFormSet = forms.formset_factory(
    LineForm, formset=BaseLineFormSet, extra=3, can_delete=True, **bounded(MAX_LINES)
)


def initial_lines(lines):
    """Lines to start the form from (last week's, or this week's sent already), as a person
    types them; their day moves to this week's end when it is past."""
    today = timezone.localdate()
    return [
        {
            "product": line.product_id,
            "quantity": number(line.quantity),
            "unit": line.unit,
            "price": number(line.price),
            "available_until": line.available_until
            if line.available_until >= today
            else end_of_week(today),
        }
        for line in lines
    ]


def line_formset(producer, lines, data=None):
    return LineFormSet(data, producer=producer, initial=initial_lines(lines), prefix="lines")
