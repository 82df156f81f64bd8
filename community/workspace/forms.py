"""The workspace's forms, in the Wagtail admin: an interaction, a follow-up, an outcome."""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from directory.bounds import TypedDatesMixin
from directory.forms import DecimalCommaField, price_field

from .models import FollowUp


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
