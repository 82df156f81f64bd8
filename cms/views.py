from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Locale, Page

from .calendar import calendar
from .models import EventPage

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_QUERY_MAX_LENGTH = 200


@require_GET
def search(request):
    """Site-wide search of the published, public pages in the visitor's language."""
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    results = None
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        results = Paginator(pages.search(query), SEARCH_RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
    return render(request, "cms/search.html", {"query": query, "results": results})


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
        request, "robots.txt", {"disallowed": disallowed}, content_type="text/plain; charset=utf-8"
    )


@require_GET
def event_ical(request, event_id):
    """One event as an .ics file, for anyone who may see the event's page."""
    event = get_object_or_404(EventPage.objects.live().public(), pk=event_id)
    response = HttpResponse(event.as_ical(request), content_type="text/calendar; charset=utf-8")
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
    body = calendar(events, request, name=_("%(site)s events") % {"site": settings.SITE_NAME})
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
