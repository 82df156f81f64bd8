from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from wagtail.models import Page, Site
from wagtail.views import serve

from csp.middleware import CSPMiddleware

from directory.kept import kept_for_the_site


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site's policy everywhere; the Wagtail admin, which needs inline scripts and
    styles of its own, gets CONTENT_SECURITY_POLICY_ADMIN_REPLACE on top."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith("/admin/"):
            parts.replace = {
                **settings.CONTENT_SECURITY_POLICY_ADMIN_REPLACE,
                **(parts.replace or {}),
            }
        return parts


class KeptSiteMiddleware:
    """Wagtail finds the request's Site, then reads its home page in the visitor's
    language as its type, for every page it serves (two or three queries): they are kept
    for the site instead (directory.kept), until any record changes. Wagtail then routes
    from that home page as it would."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is serve:
            name = f"wagtail-site:{request.get_port()}"  # Wagtail matches the port too
            site = kept_for_the_site(request, name, lambda: site_with_its_home(request))
            request._wagtail_site = site  # where Site.find_for_request looks (None: no site)


def site_with_its_home(request):
    """The request's Site, its root page the home page in the active language as its
    type: what Wagtail routes from (root_page.localized.specific), found once. The site's
    other readers on a page's request look for the translations of its root page."""
    site = Site.find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.localized.specific
    return site


class PrivateResponsesMiddleware:
    """What the site answers a signed-in person may hold their own data (their account,
    their data export, members-only pages): no shared cache on the way and no browser's
    disk may keep it. Responses that already say no-store (Django's never_cache, as in
    the admin) keep their own header; static files never get here (WhiteNoise answers
    them first). Only requests with a session cookie are looked at, so that anonymous
    visitors' responses, and their caching, stay as they were."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and request.user.is_authenticated
            and "no-store" not in response.get("Cache-Control", "")
        ):
            response["Cache-Control"] = "private, no-store"
        return response


class NulCharacterMiddleware:
    """A NUL byte in the address (%00) is never meant: no page, search or filter uses one,
    and PostgreSQL refuses it in any query (a server error). It gets the friendly 400
    page before any view sees it. Form fields refuse NUL in POST data themselves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return render(request, "400.html", status=400)
        return self.get_response(request)


class NulCookieMiddleware:
    """A cookie holding a NUL byte (a quoted "\\000") was never set by the site, and the
    session cookie would take it to PostgreSQL, which refuses it (a server error). Such a
    cookie is dropped, as if the browser had not sent it. Before SessionMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, value in list(request.COOKIES.items()):
            if "\x00" in name or "\x00" in value:
                del request.COOKIES[name]
        return self.get_response(request)


class PageCreatedTwiceMiddleware:
    """Wagtail's editor autosaves a new page in the background: a JSON POST to the
    create view, which goes on receiving the form until that request has answered. A
    click on Publish in the meantime creates the same page a second time; both requests
    pass the form's slug check before either has saved, so the later save fails on the
    slug (or, on PostgreSQL, on the page tree's path) and the person got a server error.
    Once the other request has saved, the conflict is an ordinary one: the person who
    clicked is taken to the draft the autosave made, and an autosave is answered as
    Wagtail answers any slug in use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        match = request.resolver_match
        slug_taken = isinstance(exception, ValidationError) and "slug" in getattr(
            exception, "error_dict", {}
        )
        if (
            match is None
            or match.view_name != "wagtailadmin_pages:add"
            or request.method != "POST"
            or not (slug_taken or isinstance(exception, IntegrityError))
        ):
            return None
        draft = None
        if request.accepts("text/html"):  # a person's click, not the autosave itself
            parent = Page.objects.get(pk=match.kwargs["parent_page_id"])
            draft = (
                parent.get_children()
                .filter(slug=request.POST.get("slug", ""), owner=request.user, live=False)
                .first()
            )
        if draft is not None:
            messages.warning(
                request,
                gettext(
                    "“%(title)s” was autosaved as a draft at that very moment. Here it is: "
                    "check it, then publish it or submit it again."
                )
                % {"title": draft.draft_title},
            )
            return redirect("wagtailadmin_pages:edit", draft.pk)
        return match.func(request, *match.args, **match.kwargs)
