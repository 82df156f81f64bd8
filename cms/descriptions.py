"""Every page's <meta name="description">, written here once: what a search engine
shows under the page's title. A Wagtail page's own search description first, else its
summary or introduction; the directory's producer and product pages from their records;
other pages a sentence about what they list."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.models import Page

from directory.seasons import describe, month_bit

# Search engines show about this many characters.
LENGTH = 160


def description(context):
    page = context.get("page")
    if isinstance(page, Page):
        return shorten(page_description(page))
    match = getattr(context.get("request"), "resolver_match", None)
    view_name = match.view_name if match else ""
    # A page of these views may also be their 404, without the record.
    if view_name == "directory:producer_detail" and "producer" in context:
        return shorten(producer_description(context["producer"], context["offers"]))
    if view_name == "directory:product_detail" and "product" in context:
        offers = context["offers"].paginator.count
        return shorten(product_description(context["product"], offers, context["supply"]))
    if view_name == "directory:producer_list":
        return _(
            "Local producers, farms and markets of Montréal's Grand Sud-Ouest: what they sell "
            "and when, where they deliver, how to order."
        )
    if view_name == "directory:in_season":
        return _(
            "What local producers offer in %(month)s, product by product, and the seasons "
            "of the whole year."
        ) % {"month": context.get("month_name", "")}
    return site_description()


def site_description():
    return _(
        "The local-food network of Montréal's Grand Sud-Ouest: a directory of local "
        "producers, workshops and farm visits, resources and funding guides."
    )


def page_description(page):
    for field in ("search_description", "summary", "intro"):
        text = getattr(page, field, "")
        if text:
            return text
    lists = {
        "eventindexpage": _(
            "The network's workshops, farm visits and meetings: dates, places and registration."
        ),
        "resourceindexpage": _(
            "Guides, templates, studies and price comparisons for buying local food together."
        ),
        "fundingindexpage": _(
            "Programmes that help community organisations buy local food, with their deadlines."
        ),
    }
    return lists.get(page._meta.model_name, site_description())


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
