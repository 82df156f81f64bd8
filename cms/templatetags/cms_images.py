"""{% kept_image %}: Wagtail's {% image %} tag without its write to the cache on every
call (directory.images)."""

from django import template

from directory.images import rendition

register = template.Library()


@register.simple_tag
def kept_image(image, spec, **attrs):
    """The <img> of the image's rendition to the filter spec, as {% image image spec
    attr=value %} writes it; nothing without an image."""
    if not image:
        return ""
    return rendition(image, spec).img_tag(attrs)
