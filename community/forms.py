from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class RegistrationForm(forms.Form):
    """The questions an event asks (cms.EventQuestion), one field each."""

    def __init__(self, event, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.questions = list(event.questions.all())
        self.organisations = []
        if user.is_authenticated and any(q.kind == "organisation" for q in self.questions):
            self.organisations = list(
                user.memberships.filter(status="approved").values_list(
                    "organisation__name", flat=True
                )
            )
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = self._field(question)

    def _field(self, question):
        common = {"label": question.label, "required": question.required}
        if question.kind == "organisation" and self.organisations:
            choices = [(name, name) for name in self.organisations]
            return forms.ChoiceField(
                choices=choices,
                widget=forms.RadioSelect,
                initial=choices[0][0] if len(choices) == 1 else None,
                **common,
            )
        if question.kind == "choice":
            choices = [(choice, choice) for choice in question.choice_list]
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        if question.kind == "yes_no":
            return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
        return forms.CharField(max_length=500, **common)

    def answers(self):
        """{question: answer} as people read them, for the registration."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"question_{question.pk}")
            if value:
                answers[question.label] = (
                    str(dict(YES_NO)[value]) if question.kind == "yes_no" else value
                )
        return answers


class JoinForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)

    def __init__(self, *args, **kwargs):
        from .models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            status=Organisation.Status.APPROVED
        )


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


MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, [a link](https://…), > a quotation, - a list. "
    "Web addresses become links."
)


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        help_text=MARKDOWN_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].validators.append(
            MaxLengthValidator(settings.FORUM_LIMITS["post_max_length"])
        )


class TopicForm(PostForm):
    title = forms.CharField(label=_("Title"), min_length=5, max_length=200)
    field_order = ["title", "body"]


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this post?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason shown in place of the post"),
        max_length=300,
        widget=forms.TextInput,
    )


class NotificationPreferencesForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["forum_emails", "language"]
        widgets = {"forum_emails": forms.RadioSelect, "language": forms.RadioSelect}
