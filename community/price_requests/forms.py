"""Price requests' forms: the producers picked, and an answer (by link or taken by phone)."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.bounds import TypedDatesMixin
from directory.formatting import number
from directory.forms import DateInput, price_field, quantity_field
from directory.units import Unit

from .models import PriceRequest, default_deadline


class SendForm(TypedDatesMixin, forms.Form):
    """The candidates not asked yet, all ticked at first, and the deadline."""

    producers = forms.TypedMultipleChoiceField(
        label=_("Producers to ask"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pick at least one producer.")},
    )
    deadline = forms.DateField(
        label=_("Answer by"),
        widget=DateInput(format="%Y-%m-%d"),
        help_text=_("Producers who have not answered are reminded the day before."),
    )

    def __init__(self, need, candidates, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.need = need
        # Those already asked stay in the list, unticked: asking them again does nothing.
        self.fields["producers"].choices = [
            (c.producer.pk, _("%(name)s (already asked)") % {"name": c.producer.name})
            if c.asked
            else (c.producer.pk, c.producer.name)
            for c in candidates
        ]
        self.initial.setdefault("producers", [c.producer.pk for c in candidates if not c.asked])
        self.any_to_ask = any(not c.asked for c in candidates)
        self.initial.setdefault("deadline", default_deadline())

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        today = timezone.localdate()
        if deadline <= today:
            raise forms.ValidationError(_("Give producers at least until tomorrow."))
        if deadline > max(self.need.wanted_until, today + timedelta(days=1)):
            raise forms.ValidationError(_("The need's period ends before that date."))
        return deadline


def _typed(value):
    """A decimal as the person typed it, in the page's language: "2,10", "35,5"."""
    return None if value is None else number(value)


class PriceAnswerForm(forms.Form):
    """A price for the need, or "not this time" with a reason."""

    PRICE, DECLINE = "price", "decline"

    choice = forms.ChoiceField(
        label=_("Your answer"),
        choices=[(PRICE, _("I can supply it")), (DECLINE, _("Not this time"))],
        widget=forms.RadioSelect,
        initial=PRICE,
    )
    unit_price = price_field(_("Price per unit ($)"))
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices, required=False)
    quantity = quantity_field(_("Quantity you can supply (per delivery)"))
    delivery_terms = forms.CharField(
        label=_("Delivery terms"),
        max_length=300,
        required=False,
        help_text=_("Delivery days, pickup, minimum order…"),
    )
    decline_reason = forms.ChoiceField(
        label=_("Why not this time"),
        choices=[("", "—"), *PriceRequest.Reason.choices],
        required=False,
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, price_request, *args, **kwargs):
        need = price_request.round.need
        if price_request.status != PriceRequest.Status.WAITING:
            kwargs.setdefault(
                "initial",
                {
                    "choice": self.DECLINE
                    if price_request.status == PriceRequest.Status.DECLINED
                    else self.PRICE,
                    "unit_price": _typed(price_request.unit_price),
                    "unit": price_request.unit or need.unit,
                    "quantity": _typed(price_request.quantity),
                    "delivery_terms": price_request.delivery_terms,
                    "decline_reason": price_request.decline_reason,
                    "message": price_request.message,
                },
            )
        else:
            kwargs.setdefault("initial", {"unit": need.unit})
        super().__init__(*args, **kwargs)
        # Which of the two a person fills is read from the choice: neither part is required.
        self.fields["quantity"].required = False

    def clean(self):
        data = super().clean()
        if data.get("choice") == self.PRICE:
            for name, message in (
                ("unit_price", _("Give your price per unit.")),
                ("unit", _("Choose the unit of your price.")),
                ("quantity", _("Give the quantity you can supply.")),
            ):
                if data.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, message)
        elif data.get("choice") == self.DECLINE and not data.get("decline_reason"):
            self.add_error("decline_reason", _("Choose why not this time."))
        return data

    def save(self, price_request, by=None):
        from . import rules

        data = self.cleaned_data
        if data["choice"] == self.DECLINE:
            return rules.decline(
                price_request, reason=data["decline_reason"], message=data["message"], by=by
            )
        return rules.answer(
            price_request,
            unit_price=data["unit_price"],
            unit=data["unit"],
            quantity=data["quantity"],
            delivery_terms=data["delivery_terms"],
            message=data["message"],
            by=by,
        )
