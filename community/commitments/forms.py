"""The commitment's forms: the terms proposed or countered, and a delivery logged."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.bounds import TypedDatesMixin
from directory.forms import DateInput, UnitChoicesMixin, price_field, quantity_field

from .models import Commitment

TERMS = ["product", "quantity", "unit", "basis", "starts_on", "ends_on", "price_per_unit", "notes"]


class CommitmentTermsForm(UnitChoicesMixin, TypedDatesMixin, forms.ModelForm):
    """The terms of a commitment, as proposed or countered."""

    quantity = quantity_field(_("Quantity"))
    price_per_unit = price_field(_("Indicative price per unit ($)"))

    class Meta:
        model = Commitment
        fields = TERMS
        widgets = {
            "starts_on": DateInput(format="%Y-%m-%d"),
            "ends_on": DateInput(format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end comes before the start."))
        return data


class CommitmentForm(CommitmentTermsForm):
    class Meta(CommitmentTermsForm.Meta):
        fields = ["organisation", "producer", *TERMS]

    def __init__(self, organisations, own_producers, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from directory.models import Producer

        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None
        # Only producers with members on the site can answer; never one's own farm.
        self.fields["producer"].queryset = Producer.objects.filter(
            organisation__status="approved"
        ).exclude(pk__in=own_producers.values("pk"))


class DeliveryForm(TypedDatesMixin, forms.Form):
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DateInput(format="%Y-%m-%d"))
    quantity = quantity_field(_("Quantity delivered"))

    def clean_delivered_on(self):
        day = self.cleaned_data["delivered_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A delivery cannot be in the future."))
        return day
