"""Public pages served to anonymous visitors from a cache of whole responses.

Django's cache framework keeps them, in each server process's memory (the "pages" cache):
a kept page is then served for about the cost of a static file, with one read of the
shared cache (the version below); this middleware decides what may be kept and for whom. wagtail-cache,
the library made for this, requires Wagtail < 8 and clears its whole cache on a change;
Django's own cache middleware caches signed-in people's pages too (keyed on their cookie).

A request is looked up only when it is a GET, carries no session and no message cookie
(signed-in people, and anyone with a session or a message waiting, always get their page
built for them), and its address starts with a language (/fr/, /en/). The key is the
scheme, host, language, address with its query string, today's date, the static files'
manifest and the version that moves with every subject's (directory.signals'
ANY_VERSION_KEY: the pages, the directory, the community's records of community.versions),
read from the shared cache when the request arrives: a page published, unpublished, moved
or made private, or any change to the directory, moves it, so the next request, in any
process, builds the page afresh; what a page shows that no record holds (an event now
past) is kept at most PAGE_CACHE_SECONDS.

A response is kept only when its view is one of PAGE_CACHE_VIEWS, it is a 200 for the
address's language, sets no cookie (a CSRF token, a session or a message would) and says
nothing against it in Cache-Control (Wagtail marks members-only pages no-cache, the site
marks signed-in people's responses no-store). So a CSRF token is never in a kept page:
every form a visitor can post from one comes from a page that is not kept."""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language_from_path

from directory.signals import any_version

HEADER = "X-Page-Cache"  # hit, or miss when the response was built and kept
REFUSED = ("private", "no-cache", "no-store")


class PageCacheMiddleware:
    """After WhiteNoise (static files never get here), before the session is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = lookup_key(request) if settings.PAGE_CACHE_SECONDS else None
        if key is None:
            return self.get_response(request)
        store = caches[settings.PAGE_CACHE_ALIAS]
        kept = store.get(key)
        if kept is not None:
            content, headers = kept
            response = HttpResponse(content, headers=headers)
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if keepable(request, response):
            store.set(key, (response.content, dict(response.items())), settings.PAGE_CACHE_SECONDS)
            response[HEADER] = "miss"
        return response


def lookup_key(request):
    """The request's key, or None when it must not be served from the cache."""
    if request.method != "GET" or any(
        name in request.COOKIES
        for name in (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
    ):
        return None
    language = get_language_from_path(request.path_info)
    if language is None:
        return None
    request.page_cache_language = language
    parts = [
        request.scheme,
        request.get_host(),
        language,
        request.get_full_path(),
        timezone.localdate().isoformat(),
        getattr(staticfiles_storage, "manifest_hash", ""),
        str(any_version(request)),
    ]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def keepable(request, response):
    match = request.resolver_match
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and match is not None
        and match.view_name in settings.PAGE_CACHE_VIEWS
        and getattr(request, "LANGUAGE_CODE", None) == request.page_cache_language
        and not any(word in cache_control for word in REFUSED)
    )
