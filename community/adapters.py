from django.urls import reverse
from django.utils import translation

from allauth.account.adapter import DefaultAccountAdapter

from .emails import log_failure


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

    def send_mail(self, template_prefix, email, context):
        # As every email of the site (community.emails): a mail server that fails is logged
        # and never fails the sign-up or the password reset; the person can ask again.
        try:
            super().send_mail(template_prefix, email, context)
        except Exception:
            log_failure(template_prefix, 1)
