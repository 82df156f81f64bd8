"""{% kept_image %}: Wagtail's {% image %} tag, for a rendition found in the cache, without
writing it back there. Wagtail's get_rendition() sets the rendition's cache entry on every
call, found or not: with the database cache, four queries for every image of every page."""

from django import template

from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_rendition_or_not_found

register = template.Library()


@register.simple_tag
def kept_image(image, spec, **attrs):
    """The <img> of the image's rendition to the filter spec, as {% image image spec
    attr=value %} writes it; nothing without an image."""
    if not image:
        return ""
    return kept_rendition(image, spec).img_tag(attrs)


def kept_rendition(image, spec):
    """The rendition from the cache when it is there (one read), else as Wagtail finds or
    makes it (and keeps it in the cache)."""
    rendition_model = image.get_rendition_model()
    filter = image.clean_filter_for_svg(Filter(spec=spec))
    key = rendition_model.construct_cache_key(image, filter.get_cache_key(image), filter.spec)
    rendition = rendition_model.cache_backend.get(key)
    if rendition is None:
        return get_rendition_or_not_found(image, filter)
    rendition.image = image  # its alt text and focal point are this image's
    return rendition
