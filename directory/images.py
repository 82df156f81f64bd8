"""Renditions of images as Wagtail's {% image %} finds them, without its write to the
cache: get_rendition() sets the rendition's cache entry on every call, found or not,
which with the database cache costs four queries per image on every page."""

from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_rendition_or_not_found


def rendition(image, spec):
    """The image's rendition to the filter spec: from those prefetched with it, the
    cache or the database (each read, none written), else made as {% image %} makes it."""
    image_filter = image.clean_filter_for_svg(Filter(spec=spec))
    try:
        return image.find_existing_rendition(image_filter)
    except image.get_rendition_model().DoesNotExist:
        return get_rendition_or_not_found(image, image_filter)
