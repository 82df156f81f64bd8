from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from directory.bounds import TypedDatesMixin
from directory.forms import DateInput, DecimalCommaField, price_field, quantity_field

from .models import FollowUp, Need


class NeedForm(TypedDatesMixin, forms.ModelForm):
    """What an organisation needs to buy. Decimals accept French commas ("2,50")."""

    quantity = quantity_field(_("Quantity"))
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
        if not self.instance.pk:
            first = organisations.first()
            # Delivery is needed unless the organisation has a vehicle to pick up with.
            self.initial.setdefault("delivery_required", not (first and first.has_vehicle))

    def clean(self):
        data = super().clean()
        if not data.get("product") and not data.get("category"):
            self.add_error("product", _("Choose a product or a whole category."))
        start, end = data.get("wanted_from"), data.get("wanted_until")
        if start and end and end < start:
            self.add_error("wanted_until", _("The end comes before the start."))
        elif end and end < timezone.localdate() and "wanted_until" in self.changed_data:
            self.add_error("wanted_until", _("This date has passed."))
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


# The workspace's forms, in the Wagtail admin (see community.wagtail_hooks) ---------------


def not_past(day):
    if day is not None and day < timezone.localdate():
        raise forms.ValidationError(
            _("This day has passed: choose today or a later day."), code="past"
        )


class InteractionForm(TypedDatesMixin, WagtailAdminModelForm):
    """An interaction, and, if asked for, the follow-up it calls for."""

    follow_up = forms.CharField(
        label=_("Follow-up to do"),
        required=False,
        max_length=200,
        help_text=_("For example: call back after the harvest plan."),
    )
    follow_up_on = forms.DateField(
        label=_("Follow-up due on"), required=False, widget=AdminDateInput
    )

    def clean_happened_on(self):
        day = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _(
                    "An interaction is logged once it has happened. For one to come, set a follow-up."
                )
            )
        return day

    def clean_follow_up_on(self):
        day = self.cleaned_data.get("follow_up_on")
        not_past(day)
        return day

    def clean(self):
        cleaned = super().clean()
        what, day = cleaned.get("follow_up"), cleaned.get("follow_up_on")
        if what and not day and "follow_up_on" not in self.errors:
            self.add_error("follow_up_on", _("Give the day the follow-up is due."))
        if day and not what:
            self.add_error("follow_up", _("Say what is to be done."))
        return cleaned

    def save(self, commit=True):
        with transaction.atomic():
            interaction = super().save(commit=commit)
            if commit and self.cleaned_data.get("follow_up"):
                FollowUp.objects.create(
                    what=self.cleaned_data["follow_up"],
                    due_on=self.cleaned_data["follow_up_on"],
                    producer=interaction.producer,
                    organisation=interaction.organisation,
                    assigned_to=self.for_user,
                    created_by=self.for_user,
                )
        return interaction


class FollowUpForm(TypedDatesMixin, WagtailAdminModelForm):
    def clean_due_on(self):
        day = self.cleaned_data["due_on"]
        if "due_on" in self.changed_data:  # an overdue follow-up may still be edited
            not_past(day)
        return day


class OutcomeForm(TypedDatesMixin, WagtailAdminModelForm):
    quantity = DecimalCommaField(label=_("volume"), required=False, max_digits=10, decimal_places=2)
    value = price_field(_("value ($)"), max_digits=10)
