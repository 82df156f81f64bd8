"""What a search engine shows under a directory page's title (<meta name="description">),
from the page's record: templates fill base.html's `meta_description` block with the
tags of directory_tags. cms.descriptions describes the site's other pages."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .seasons import describe, month_bit

# Search engines show about this many characters.
LENGTH = 160


def producer_description(producer, offers):
    if producer.description:
        return producer.description
    where = f"{producer.get_kind_display()}, {producer.city}" if producer.city else ""
    names = ", ".join(dict.fromkeys(offer.product.name for offer in offers))
    parts = [producer.name, where, names]
    return " · ".join(part for part in parts if part)


def product_description(product, offers, supply):
    """The product, its offers and its months: "Carotte : 12 offres dans le répertoire,
    en saison juil.–mars ; prix locaux et importés comparés."."""
    text = ngettext(
        "%(product)s: %(count)s offer in the directory",
        "%(product)s: %(count)s offers in the directory",
        offers,
    ) % {"product": product.name, "count": offers}
    mask = sum(month_bit(number) for number, month in enumerate(supply, 1) if month["count"])
    if mask:
        text += _(", in season %(months)s") % {"months": describe(mask)}
    return text + _("; local and imported prices compared.")


def shorten(text):
    """The text on one line, cut at a word before LENGTH characters."""
    text = " ".join(str(text).split())
    if len(text) <= LENGTH:
        return text
    cut = text[: LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:·–- ")
    return cut + "…"
