"""Renditions of images as Wagtail's {% image %} finds them, without its write to the
cache on every call: get_rendition() sets the rendition's cache entry whether it found it
there or not. Here a rendition is written to the cache only when the cache lacked it."""

from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_rendition_or_not_found


def rendition(image, spec):
    """The image's rendition to the filter spec: from those prefetched with it
    (directory.views.photo_renditions), else the "renditions" cache, else the database
    (then kept in the cache), else made as {% image %} makes it."""
    image_filter = image.clean_filter_for_svg(Filter(spec=spec))
    Rendition = image.get_rendition_model()
    prefetched = getattr(image, "prefetched_renditions", None) is not None
    if not prefetched:
        key = Rendition.construct_cache_key(
            image, image_filter.get_cache_key(image), image_filter.spec
        )
        kept = Rendition.cache_backend.get(key)
        if kept is not None:
            kept.image = image
            return kept
    try:
        found = image.find_existing_rendition(image_filter)
    except Rendition.DoesNotExist:
        return get_rendition_or_not_found(image, image_filter)
    if not prefetched:
        Rendition.cache_backend.set(key, found)
    return found
