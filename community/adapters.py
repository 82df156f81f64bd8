from django.urls import reverse

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Sends people back to the home page in the language they were using, rather than to
    "/" where the browser's preference would pick one."""

    def get_login_redirect_url(self, request):
        return reverse("wagtail_serve", args=[""])

    def get_logout_redirect_url(self, request):
        return reverse("wagtail_serve", args=[""])
