from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import sharing as cms_sharing
from cms import views as cms_views

urlpatterns = [
    # The Wagtail admin's own login form has no rate limit; the site's sign-in has.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", cms_views.sitemap, name="sitemap"),
    path("robots.txt", cms_views.robots_txt, name="robots_txt"),
]

urlpatterns += i18n_patterns(
    path(_("search/"), cms_views.search, name="search"),
    path(_("events/calendar.ics"), cms_views.events_feed, name="events_feed"),
    path(_("events/<int:event_id>/event.ics"), cms_views.event_ical, name="event_ical"),
    path(
        _("funding/deadlines.ics"), cms_views.funding_deadlines_feed, name="funding_deadlines_feed"
    ),
    path(_("resources/share/"), cms_sharing.share_resource, name="share_resource"),
    path("", include("community.urls")),
    path(_("accounts/"), include("allauth.urls")),
    # Wagtail's sign-in form for private pages, reached directly: the site's instead.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login",
    ),
    path("", include("directory.urls")),
    path("", include(wagtail_urls)),
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(
        settings.MEDIA_URL + "images/", document_root=settings.MEDIA_ROOT / "images"
    )

# Django's own 500 view renders without any context: ours says whether the team was told.
handler500 = "cms.views.server_error"
# Ours tells someone not yet a member how to join, and a member refused why.
handler403 = "community.organisations.views.refused"
