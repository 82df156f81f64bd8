import json

from django import template
from django.templatetags.static import static
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from directory import descriptions
from directory.formatting import date, price_per, quantity
from directory.links import address_by_slug

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


@register.simple_tag
def availability_list(lines, by_producer=False):
    """This week's lines (Availability) as a list, each linked to its product, or to its
    producer (by_producer, on a product's page); "" when there are none. Written here
    rather than in a template: a list of cards holds a dozen of them."""
    if not lines:
        return ""
    address = address_by_slug(
        "directory:producer_detail" if by_producer else "directory:product_detail"
    )
    items = []
    for line in lines:
        linked = line.producer if by_producer else line.product
        text = mark_safe(  # noqa: S308 (the translation is ours, the values escaped)
            _("%(quantity)s at %(price)s, until %(until)s")
            % {
                "quantity": conditional_escape(quantity(line.quantity, line.unit)),
                "price": conditional_escape(price_per(line.price, line.unit)),
                "until": conditional_escape(date(line.available_until)),
            }
        )
        items.append((address(linked.slug), linked.name, text))
    return format_html(
        '<ul class="availability-list">{}</ul>',
        format_html_join("", '<li><a href="{}">{}</a> — {}</li>', items),
    )
