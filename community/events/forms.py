"""The registration form: the event's own questions, asked of the person registering."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .. import access

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
                access.memberships(user).values_list("organisation__name", flat=True)
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
