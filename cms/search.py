"""Site search: the directory's producers and products and the pages this visitor may
open, in groups named in the visitor's words (not the page types' names).

Producers and products are matched by the directory's own search (directory.search), so
that "carotte", "Carottes" and "carottes" find the same entries here and in the
directory; pages by Wagtail's search backend, each word looked for singular or plural."""

import re

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page
from wagtail.search.query import And, Or, PlainText

from directory.models import Producer, Product
from directory.search import PLURAL_ENDINGS, matches, matching

from .models import (
    EventIndexPage,
    EventPage,
    FundingGuidePage,
    FundingIndexPage,
    HomePage,
    ResourceIndexPage,
    ResourcePage,
)
from .privacy import visible_to

# Shown on the first page of results; the group links on to the directory for the rest.
PRODUCERS_SHOWN = 5
PRODUCTS_SHOWN = 5

# Home and index pages are ways in, not answers: the menu already leads to them.
NOT_RESULTS = (HomePage, EventIndexPage, ResourceIndexPage, FundingIndexPage)
PAGE_GROUPS = [
    (EventPage, _("Events")),
    (ResourcePage, _("Resources")),
    (FundingGuidePage, _("Funding guides")),
]
OTHER_PAGES = _("Pages")


def matching_pages(query, request):
    """The live pages of the visitor's language that they may open, best first."""
    pages = (
        visible_to(Page.objects.live(), request)
        .filter(locale=Locale.get_active())
        .not_type(*NOT_RESULTS)
        .specific()
    )
    return pages.search(plural_blind(query))


def plural_blind(query):
    """The query for the pages' index with each word singular or plural, as the directory
    matches: "carottes" looks for "carotte" or "carottes", and "carotte" for both too
    (the index keeps words as written, without French stemming)."""
    words = re.findall(r"\w+", query)
    if not words:
        return query
    clauses = []
    for word in words:
        singular = word[:-1] if len(word) > 3 and word.lower().endswith(PLURAL_ENDINGS) else word
        forms = sorted({word, singular, f"{singular}s"})
        clauses.append(Or([PlainText(form) for form in forms]))
    return clauses[0] if len(clauses) == 1 else And(clauses)


def page_groups(pages, request):
    """One page of page results, grouped by kind in a fixed order (their addresses from
    the sites' root paths read once for the request)."""
    by_label = {}
    for page in pages:
        label = next((label for kind, label in PAGE_GROUPS if isinstance(page, kind)), OTHER_PAGES)
        by_label.setdefault(label, []).append(
            {"title": page.title, "url": page.get_url(request), "summary": _summary(page)}
        )
    labels = [label for _kind, label in PAGE_GROUPS] + [OTHER_PAGES]
    return [{"label": label, "results": by_label[label]} for label in labels if label in by_label]


def _summary(page):
    return page.search_description or getattr(page, "intro", "") or getattr(page, "summary", "")


def producer_group(query):
    """The first few directory entries that match, with the count and a link to all of
    them in the directory (two queries)."""
    producers = Producer.objects.filter(matching(query))
    count = producers.count()
    if not count:
        return None
    shown = producers.select_related("area").order_by("name")[:PRODUCERS_SHOWN]
    return {
        "label": _("Producers"),
        "count": count,
        "more_url": reverse("directory:producer_list") + "?" + urlencode({"q": query})
        if count > PRODUCERS_SHOWN
        else None,
        "results": [
            {
                "title": producer.name,
                "url": producer.get_absolute_url(),
                "summary": " · ".join(
                    str(part)
                    for part in (
                        capfirst(producer.get_kind_display()),
                        producer.city or producer.area,
                    )
                    if part
                ),
            }
            for producer in shown
        ],
    }


def product_group(query):
    """The catalogue's products whose French or English name matches (one query: the
    catalogue is a short list, read whole)."""
    products = [
        product
        for product in Product.objects.select_related("category")
        if matches(query, [product.name_fr, product.name_en])
    ]
    if not products:
        return None
    return {
        "label": _("Products"),
        "count": len(products),
        "results": [
            {
                "title": product.name,
                "url": product.get_absolute_url(),
                "summary": product.category.name,
            }
            for product in sorted(products, key=lambda product: product.name)[:PRODUCTS_SHOWN]
        ],
    }
