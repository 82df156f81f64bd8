import json

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from directory import descriptions

register = template.Library()

# The characters that could close the script element or start markup, written as
# JSON escapes (the same ones Django's json_script uses).
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """A schema.org JSON-LD block; text from the directory cannot break out of it."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


# The icons drawn for the site (static/img/categories/), by category slug, French or
# English; a category without one of its own gets the basket.
CATEGORY_ICONS = {
    "legumes": "vegetables",
    "vegetables": "vegetables",
    "fruits": "fruit",
    "produits-laitiers": "dairy",
    "dairy": "dairy",
    "oeufs": "eggs",
    "eggs": "eggs",
    "viandes": "meat",
    "meat": "meat",
    "cereales-legumineuses": "grains",
    "grains": "grains",
    "produits-transformes": "preserves",
    "processed": "preserves",
    "herbes": "herbs",
    "herbs": "herbs",
    "miel-erable": "honey-maple",
    "honey-maple": "honey-maple",
    "poissons": "fish",
    "fish": "fish",
    "boissons": "beverages",
    "beverages": "beverages",
}


@register.simple_tag
def category_icon(slug):
    """A category's icon. Decorative: the category's name is always written beside it."""
    name = CATEGORY_ICONS.get(slug, "other")
    return format_html(
        '<img class="category-icon" src="{}" alt="" aria-hidden="true" width="24" height="24">',
        static(f"img/categories/{name}.svg"),
    )


@register.simple_tag
def producer_description(producer, offers):
    """A producer page's description for search engines (directory/descriptions.py)."""
    return descriptions.shorten(descriptions.producer_description(producer, offers))


@register.simple_tag
def product_description(product, offers, supply):
    """A product page's: its offers (a page of them: all are counted) and its months."""
    count = offers.paginator.count
    return descriptions.shorten(descriptions.product_description(product, count, supply))
