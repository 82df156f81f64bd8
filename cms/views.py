from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Locale, Page

from directory.links import absolute_url

from .calendar import calendar, deadlines_calendar
from .models import EventPage, FundingDeadline, FundingGuidePage
from .pagination import Paginator
from .privacy import visible_to
from .search import matching_pages, page_groups, producer_group, product_group

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_QUERY_MAX_LENGTH = 200


@require_GET
def search(request):
    """Site-wide search: directory entries and products first (on the first page of
    results), then the published pages this visitor may open, in their language."""
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    results = None
    groups = []
    total = 0
    if query:
        results = Paginator(matching_pages(query, request), SEARCH_RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        directory_groups = [
            group for group in (producer_group(query), product_group(query)) if group
        ]
        total = results.paginator.count + sum(group["count"] for group in directory_groups)
        if results.number == 1:
            groups += directory_groups
        groups += page_groups(results, request)
    return render(
        request,
        "cms/search.html",
        {"query": query, "results": results, "groups": groups, "total": total},
    )


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap lists one language's tree; ours lists every translation of
    the site, public and live pages only."""

    def items(self):
        site = self.get_wagtail_site()
        in_site = Q()
        for root in site.root_page.get_translations(inclusive=True):
            in_site |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(in_site)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def get_urls(self, *args, **kwargs):
        # Wagtail writes each address from the Site record; crawlers get the configured one.
        urls = super().get_urls(*args, **kwargs)
        for url in urls:
            url["location"] = absolute_url(urlsplit(url["location"]).path)
        return urls


@cache_control(max_age=3600, public=True)
def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": AllLanguagesSitemap})


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    disallowed = ["/admin/"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            disallowed += [reverse(name) for name in ("search", "account_login", "account_signup")]
    return render(
        request,
        "robots.txt",
        {"disallowed": disallowed, "sitemap_url": absolute_url(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )


@require_GET
def event_ical(request, event_id):
    """One event as an .ics file, for anyone who may see the event's page."""
    event = get_object_or_404(EventPage.objects.live().public(), pk=event_id)
    response = HttpResponse(event.as_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@require_GET
def events_feed(request):
    """The iCalendar feed of upcoming public events in the visitor's language."""
    events = (
        EventPage.objects.live()
        .public()
        .filter(locale=Locale.get_active(), ends_at__gte=timezone.now())
        .order_by("starts_at")
    )
    body = calendar(events, name=_("%(site)s events") % {"site": settings.SITE_NAME})
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@require_GET
def funding_deadlines_feed(request):
    """Upcoming deadlines of the funding guides the visitor may open, as iCalendar."""
    guides = visible_to(FundingGuidePage.objects.live(), request).filter(locale=Locale.get_active())
    deadlines = (
        FundingDeadline.objects.filter(page__in=guides, date__gte=timezone.localdate())
        .select_related("page")
        .order_by("date")
    )
    body = deadlines_calendar(deadlines, name=_("Funding deadlines"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def server_error(request):
    """The 500 page, rendered without the request or the database (either may be what
    failed). It says the team was told only when someone was: Django mails the error to
    ADMINS (ADMIN_EMAILS in production), and to nobody when that list is empty."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"team_told": bool(settings.ADMINS)}))
