from urllib.parse import urlsplit, urlunsplit

from django.urls import reverse
from django.utils import translation

from allauth.account.adapter import DefaultAccountAdapter

from directory.links import absolute_url


class AccountAdapter(DefaultAccountAdapter):
    """Sends people, in the language they were using (rather than to "/", where the
    browser's preference would pick one), to their own space once signed in and to the
    home page once signed out."""

    def get_login_redirect_url(self, request):
        # Asked only when the sign-in carries no ?next=: an explicit destination wins.
        return reverse("community:my_space")

    def get_signup_redirect_url(self, request):
        # Where a new account's first sign-in leads (its address verified in the browser
        # that signed up: ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION): the next step, joining an
        # organisation.
        return reverse("community:join")

    def get_email_verification_redirect_url(self, email_address):
        # Verified in another browser: sign in there first, then the same next step.
        if self.request.user.is_authenticated:
            return reverse("community:join")
        return f"{reverse('account_login')}?next={reverse('community:join')}"

    def get_logout_redirect_url(self, request):
        return reverse("wagtail_serve", args=[""])

    def save_user(self, request, user, form, commit=True):
        # Emails are written in the language the person signed up in, until they choose.
        user.language = translation.get_language() or user.language
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        # allauth writes its links (verification, password reset, sign-up) from the
        # request's host; like every other email, they take the site's configured address.
        request = context.get("request") or self.request
        if request is not None:
            host = request.get_host()
            context = {key: _at_site_address(value, host) for key, value in context.items()}
        # Written now, in the person's language; sent by the outbox (EMAIL_BACKEND).
        super().send_mail(template_prefix, email, context)


def _at_site_address(value, host):
    if isinstance(value, str):
        parts = urlsplit(value)
        if parts.scheme in ("http", "https") and parts.netloc == host:
            return absolute_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))
    return value
