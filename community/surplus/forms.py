"""The surplus lot's forms: a lot offered, and a claim on it."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.bounds import TypedDatesMixin
from directory.forms import DateTimeInput, UnitChoicesMixin, price_field, quantity_field

from .models import SurplusLot


class SurplusLotForm(UnitChoicesMixin, TypedDatesMixin, forms.ModelForm):
    quantity = quantity_field(_("Quantity"))
    price = price_field(_("Reduced price per unit ($)"))
    first_claim_minutes = forms.IntegerField(
        label=_("First-claim window (minutes)"),
        min_value=0,
        max_value=24 * 60,
        initial=30,
        help_text=SurplusLot._meta.get_field("first_claim_minutes").help_text,
    )

    class Meta:
        model = SurplusLot
        fields = [
            "producer",
            "product",
            "quantity",
            "unit",
            "kind",
            "price",
            "quality",
            "pickup_place",
            "pickup_from",
            "pickup_until",
            "expires_at",
            "gleaning",
            "first_claim_minutes",
            "notes",
        ]
        widgets = {
            "pickup_from": DateTimeInput(),
            "pickup_until": DateTimeInput(),
            "expires_at": DateTimeInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, producers, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["producer"].queryset = producers
        self.fields["producer"].empty_label = None
        if len(producers) == 1:  # one directory entry: nothing to choose
            del self.fields["producer"]
            self.instance.producer = producers[0]

    def clean(self):
        data = super().clean()
        if data.get("kind") == SurplusLot.Kind.REDUCED and data.get("price") is None:
            self.add_error("price", _("Give the reduced price."))
        start, end, expires = (data.get(k) for k in ("pickup_from", "pickup_until", "expires_at"))
        if start and end and end < start:
            self.add_error("pickup_until", _("The end comes before the start."))
        if expires and expires <= timezone.now():
            self.add_error("expires_at", _("This date has passed."))
        elif end and expires and end > expires:
            self.add_error("pickup_until", _("Pickup must end by the time the lot expires."))
        return data


class ClaimForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("For the organisation"), queryset=None, empty_label=None
    )
    quantity = quantity_field(_("Quantity you claim"))

    def __init__(self, organisations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
