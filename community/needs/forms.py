"""The needs board's forms: a need posted, a producer's answer, closing a need."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.bounds import TypedDatesMixin
from directory.forms import DateInput, UnitChoicesMixin, price_field, quantity_field

from .models import Need


class NeedForm(UnitChoicesMixin, TypedDatesMixin, forms.ModelForm):
    """What an organisation needs to buy. Decimals accept French commas ("2,50")."""

    quantity = quantity_field(_("Quantity"))
    pickup_max_load_kg = forms.IntegerField(
        label=_("Maximum load of the vehicle (kg)"),
        min_value=1,
        max_value=100_000,
        required=False,
        help_text=_("A larger delivery than this is suggested from producers who deliver."),
    )
    budget_per_unit = price_field(
        _("Budget per unit ($)"),
        help_text=_(
            "Seen only by your organisation, the network's staff and producers you accept."
        ),
    )

    class Meta:
        model = Need
        fields = [
            "organisation",
            "product",
            "category",
            "quantity",
            "unit",
            "frequency",
            "wanted_from",
            "wanted_until",
            "quality",
            "organic_required",
            "budget_per_unit",
            "delivery_required",
            "pickup_vehicle",
            "pickup_refrigerated",
            "pickup_max_load_kg",
            "buy_together",
            "notes",
        ]
        widgets = {
            "wanted_from": DateInput(format="%Y-%m-%d"),
            "wanted_until": DateInput(format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, organisations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None
        self.fields["pickup_vehicle"].help_text = _(
            "If you can pick up: what with. Filled in from your organisation's profile."
        )
        self.fields["pickup_refrigerated"].help_text = _(
            "Dairy, eggs and meat are picked up only in a refrigerated vehicle."
        )
        if not self.instance.pk and (first := organisations.first()):
            # Delivery is needed unless the organisation has a vehicle to pick up with;
            # what that vehicle can do comes from the organisation's profile.
            self.initial.setdefault("delivery_required", not first.has_vehicle)
            self.initial.setdefault("pickup_vehicle", first.has_vehicle)
            self.initial.setdefault("pickup_refrigerated", first.refrigerated_vehicle)
            self.initial.setdefault("pickup_max_load_kg", first.max_load_kg)

    def clean(self):
        data = super().clean()
        if not data.get("product") and not data.get("category"):
            self.add_error("product", _("Choose a product or a whole category."))
        start, end = data.get("wanted_from"), data.get("wanted_until")
        if start and end and end < start:
            self.add_error("wanted_until", _("The end comes before the start."))
        elif end and end < timezone.localdate() and "wanted_until" in self.changed_data:
            self.add_error("wanted_until", _("This date has passed."))
        if data.get("pickup_refrigerated"):  # a refrigerated vehicle is a vehicle
            data["pickup_vehicle"] = True
        if not data.get("pickup_vehicle"):
            data["pickup_refrigerated"] = False
            data["pickup_max_load_kg"] = None
        return data


class AnswerForm(forms.Form):
    producer = forms.ModelChoiceField(label=_("Answer for"), queryset=None, empty_label=None)
    unit_price = price_field(_("Your unit price ($)"), required=True)
    quantity = quantity_field(_("Quantity you can supply"))
    delivery_terms = forms.CharField(label=_("Delivery terms"), max_length=300, required=False)
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, producers, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["producer"].queryset = producers
        if len(producers) == 1:  # nothing to choose: one directory entry
            del self.fields["producer"]
            self.producer = producers[0]

    def clean(self):
        data = super().clean()
        if "producer" in self.fields:
            self.producer = data.pop("producer", None)
        return data


class CloseNeedForm(forms.Form):
    fulfilled_by = forms.ModelChoiceField(
        label=_("Bought from (optional)"), queryset=None, required=False
    )
    price_paid = price_field(_("Price paid per unit ($, optional)"))

    def __init__(self, need, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from directory.models import Producer

        self.fields["fulfilled_by"].queryset = (
            Producer.objects.filter(need_answers__need=need)
            .exclude(need_answers__status="withdrawn")
            .distinct()
        )
