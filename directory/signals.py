"""Keep derived data in step with the records: each entry's search text (it holds its
products' and its area's names) and the version that cached GeoJSON (and the community's
triage of needs) is keyed on."""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import Area, Availability, Category, Certification, Offer, Producer, Product

VERSION_KEY = "directory:version"
# Moves with every version at all (the community's use the same bump): what is cached
# under it is rebuilt after any change, for one read.
ANY_VERSION_KEY = "versions:any"


def versions_at(*keys):
    """The numbers stored in the cache at these keys, that `bump` moves on, read at once.
    Begun from the clock when missing (a full cache culls keys, these too): never a
    number that results were cached under before."""
    global _highest_read
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            new = _new_version()
            cache.add(key, new, timeout=None)  # unless another process just did
            found[key] = cache.get(key, new)
    numbers = [found[key] for key in keys]
    _highest_read = max(_highest_read, *numbers)
    return numbers


_highest_read = 0  # by this process, which may keep results under any of them


def any_version(request):
    """ANY_VERSION_KEY's number as this request first read it: what one request keeps or
    looks up is keyed on one version, for one read of the shared cache."""
    if not hasattr(request, "_any_version"):
        request._any_version = versions_at(ANY_VERSION_KEY)[0]
    return request._any_version


def bump(key):
    """Move the number at `key` on, now and again once the transaction commits: a reader
    between the two saw the new number with the records of before, and may have cached
    them under it."""
    keys = (key, ANY_VERSION_KEY)
    for each in keys:
        _increment(each)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: [_increment(each) for each in keys])


def _increment(key):
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _new_version(), timeout=None)


def _new_version():
    """The clock in microseconds; above every number this process has read, should the
    clock be behind them (set back, or sent back in time by a test)."""
    return max(time.time_ns() // 1000, _highest_read + 1)


def subject_key(subject):
    """Where the version of a subject of community.versions' is kept ("directory" is
    the directory's own)."""
    return VERSION_KEY if subject == "directory" else f"community:version:{subject}"


def versions(*subjects):
    """One string that changes whenever a record of any of the subjects changes, read in
    one go: what the apps' cached results are keyed on (community.versions says which
    records each subject covers)."""
    return ":".join(str(version) for version in versions_at(*map(subject_key, subjects)))


def data_version():
    """A number that changes whenever the directory changes."""
    return versions_at(VERSION_KEY)[0]


def bump_version(**kwargs):
    bump(VERSION_KEY)


def refresh_offer_producer(sender, instance, **kwargs):
    Producer.objects.filter(pk=instance.producer_id).refresh_search_text()


def refresh_area_producers(sender, instance, created=False, **kwargs):
    if not created:
        Producer.objects.filter(area=instance).refresh_search_text()


def refresh_product_producers(sender, instance, created=False, **kwargs):
    if not created:
        Producer.objects.filter(offers__product=instance).distinct().refresh_search_text()


def connect():
    for model in (Producer, Offer, Area, Category, Product, Certification, Availability):
        post_save.connect(
            bump_version, sender=model, dispatch_uid=f"directory-version-save-{model.__name__}"
        )
        post_delete.connect(
            bump_version, sender=model, dispatch_uid=f"directory-version-delete-{model.__name__}"
        )
    for through in (Producer.delivery_areas.through, Producer.certifications.through):
        m2m_changed.connect(
            bump_version, sender=through, dispatch_uid=f"directory-version-m2m-{through.__name__}"
        )
    post_save.connect(
        refresh_offer_producer, sender=Offer, dispatch_uid="directory-search-offer-save"
    )
    post_delete.connect(
        refresh_offer_producer, sender=Offer, dispatch_uid="directory-search-offer-delete"
    )
    post_save.connect(
        refresh_area_producers, sender=Area, dispatch_uid="directory-search-area-save"
    )
    post_save.connect(
        refresh_product_producers, sender=Product, dispatch_uid="directory-search-product-save"
    )
