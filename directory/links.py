"""Links to the site. Those read away from it (emails, .ics files, the sitemap, printed
pages, structured data) are built from WAGTAILADMIN_BASE_URL, the site's
configured address, never from the request or from Wagtail's Site record: emails and
calendars are often written without a request (commands, tasks), a request's host is
whatever the last proxy said, and a Site record only knows a hostname and a port, so
it writes http:// for any port but 443. Production requires the setting; `make run`
sets it from PORT; the demo loader gives the default Site the same address."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse


def absolute_url(path):
    """The site's address followed by path ("/fr/producteurs/")."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def page_url(page):
    """A Wagtail page's absolute address (None when the page is not routable)."""
    parts = page.get_url_parts()
    return None if parts is None else absolute_url(parts[2])


def site_host():
    """The site's host name alone, as in calendar identifiers (event-12@salim.example)."""
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname


def address_by_slug(view_name):
    """A function from a slug to the view's address on the site: one reverse() for a
    page's many links (a slug needs no quoting)."""
    pattern = reverse(view_name, args=["slug-placeholder"])
    return lambda slug: pattern.replace("slug-placeholder", slug)
