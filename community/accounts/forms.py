"""A person's name (asked at sign-up) and email preferences, and leaving the site."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

FIRST_NAME_REQUIRED = _("Give your first name: members and the network's team see it.")


class SignupForm(forms.Form):
    """What allauth's sign-up form asks beyond the email and password
    (ACCOUNT_SIGNUP_FORM_CLASS): the name members and the network's team see, so that
    join requests and posts are signed by someone."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput({"autocomplete": "given-name"}),
        error_messages={"required": FIRST_NAME_REQUIRED},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        required=False,
        widget=forms.TextInput({"autocomplete": "family-name"}),
    )
    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])


class NotificationPreferencesForm(forms.ModelForm):
    """The name members see beside what the person writes, and the emails they get. The
    first name is required here as at sign-up: blanked, posts would be signed by nobody."""

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "forum_emails", "need_emails", "language"]
        help_texts = {"first_name": _("Members see your name beside what you write.")}
        widgets = {"forum_emails": forms.RadioSelect, "language": forms.RadioSelect}
        error_messages = {"first_name": {"required": FIRST_NAME_REQUIRED}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(_("This is not your password."))
        return self.cleaned_data["password"]
