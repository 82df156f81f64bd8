from django.urls import reverse
from django.utils import translation

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Sends people back to the home page in the language they were using, rather than to
    "/" where the browser's preference would pick one."""

    def get_login_redirect_url(self, request):
        return reverse("wagtail_serve", args=[""])

    def get_logout_redirect_url(self, request):
        return reverse("wagtail_serve", args=[""])

    def save_user(self, request, user, form, commit=True):
        # Emails are written in the language the person signed up in, until they choose.
        user.language = translation.get_language() or user.language
        return super().save_user(request, user, form, commit=commit)
