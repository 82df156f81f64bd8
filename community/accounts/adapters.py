from urllib.parse import urlsplit, urlunsplit

from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils import translation

from allauth.account.adapter import DefaultAccountAdapter

from directory.links import absolute_url

from ..emails import as_written, queue


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
        # allauth writes its links (verification, password reset, sign-up) from the
        # request's host; like every other email, they take the site's configured address.
        request = context.get("request") or self.request
        if request is not None:
            host = request.get_host()
            context = {key: _at_site_address(value, host) for key, value in context.items()}
        # Written now, in the person's language; sent by the outbox, as every email of the
        # site (community.emails): nobody waits on the mail server, and one that fails is
        # tried again. Queued at once: allauth sends outside any transaction of ours, and
        # the outbox's record is part of whatever transaction is open.
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (body for body, kind in getattr(message, "alternatives", []) if kind == "text/html"), ""
        )
        queue(
            template_prefix,
            as_written,
            message.subject,
            message.body,
            message.from_email,
            message.to,
            html,
        )


def _at_site_address(value, host):
    if isinstance(value, str):
        parts = urlsplit(value)
        if parts.scheme in ("http", "https") and parts.netloc == host:
            return absolute_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))
    return value
