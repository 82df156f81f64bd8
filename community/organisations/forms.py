"""Joining an organisation, proposing one, an admin's decision, and its profile."""

from django import forms
from django.utils.translation import gettext_lazy as _


class JoinForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)

    def __init__(self, *args, **kwargs):
        from .models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            status=Organisation.Status.APPROVED
        )


class JoinRequestDecisionForm(forms.Form):
    """An organisation admin's answer to a request to join, as the requests page sends it."""

    membership = forms.IntegerField()
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("refuse", _("Refuse"))])


class ProposeOrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name of the organisation"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"))
    borough = forms.ModelChoiceField(label=_("Borough"), queryset=None, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        from directory.models import Area

        from .models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Organisation.Kind.choices
        self.fields["borough"].queryset = Area.objects.filter(kind=Area.Kind.BOROUGH)


class OrganisationProfileForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        from .models import Organisation

        model = Organisation
        fields = [
            "name",
            "kind",
            "borough",
            "website",
            "contact_email",
            "contact_phone",
            "has_vehicle",
            "refrigerated_vehicle",
            "max_load_kg",
            "cold_room",
            "freezer",
            "monthly_food_budget",
            "products_usually_bought",
        ]
        widgets = {"products_usually_bought": forms.CheckboxSelectMultiple}
