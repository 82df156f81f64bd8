"""Keep derived data in step with the records: each entry's search text (it holds its
products' and its area's names) and the version that cached GeoJSON is keyed on."""

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import Area, Offer, Producer, Product

VERSION_KEY = "directory:version"


def data_version():
    """A number that changes whenever the directory changes."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, timeout=None)
    return version


def bump_version(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def refresh_offer_producer(sender, instance, **kwargs):
    Producer.objects.filter(pk=instance.producer_id).refresh_search_text()


def refresh_area_producers(sender, instance, created=False, **kwargs):
    if not created:
        Producer.objects.filter(area=instance).refresh_search_text()


def refresh_product_producers(sender, instance, created=False, **kwargs):
    if not created:
        Producer.objects.filter(offers__product=instance).distinct().refresh_search_text()


def connect():
    for model in (Producer, Offer, Area, Product):
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
