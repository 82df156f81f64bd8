"""What pages of a site repeat (the menu, the footer, the site and its home page) or read
across all the records of a kind (the farm visits ahead, the seasons), kept in each
process's memory until any record changes."""

from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from directory.signals import any_version

MISSING = object()  # what build() returns may be None: a host without a site


def kept_for_the_site(request, name, build):
    """What build() returns for this host and language, kept in this process's memory
    (the "pages" cache) until any record changes: keyed on the version every subject's
    change moves (directory.signals.ANY_VERSION_KEY, read once per request), so a page
    published, renamed or moved, or new navigation or footer text, shows on the next
    request in every process. The menu and the footer alone would otherwise cost each
    page some fifteen milliseconds and six queries."""
    key = (
        f"site-part:{name}:{request.get_host()}:{translation.get_language()}:{any_version(request)}"
    )
    store = caches[settings.PAGE_CACHE_ALIAS]
    kept = store.get(key, MISSING)
    if kept is MISSING:
        kept = build()
        store.set(key, kept, timeout=None)
    return kept
