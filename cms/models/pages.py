"""The home page and plain content pages."""

import math
from datetime import timedelta
from typing import NamedTuple

from django.core.cache import cache
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from directory.models import Offer, Product
from directory.seasons import in_season
from directory.signals import versions

from ..blocks import BaseStreamBlock
from .carte import CarteProximitePage
from .events import EventIndexPage, EventPage
from .funding import CLOSING_SOON_DAYS, FundingGuidePage, FundingIndexPage, with_deadlines
from .resources import ResourceIndexPage, ResourcePage

# How much of each section the home page shows.
HOME_PRODUCTS = 8
HOME_PRODUCERS_PER_PRODUCT = 3
HOME_EVENTS = 3
HOME_DEADLINES = 3
HOME_RESOURCES = 3
# Bumped when what the cache holds of the home page changes shape.
HOME_FORMAT = 1
# At most, whatever changed: a safety net for writes no signal tells of (a bulk_create,
# the database's shell). Every change made through the site moves a version at once.
HOME_CACHE_SECONDS = 3600


class HomePage(Page):
    """The site's front page, one per language (Wagtail keeps a tree per locale)."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    # No max_count: each language has its own home page, all of this type.
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.StandardPage",
        "cms.EventIndexPage",
        "cms.ResourceIndexPage",
        "cms.FundingIndexPage",
        "cms.CarteProximitePage",
        "cms.ProjectSummaryPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        """What leads into the site: what is in season with who sells it, the next
        events, deadlines closing soon, the latest resources and the sections' pages.
        Public pages only, whoever looks: the home page is the same for everyone. A
        fixed number of queries, whatever the amount of content, and one read of the
        cache while nothing they show has changed."""
        context = super().get_context(request, *args, **kwargs)
        context.update(self.cached_sections(timezone.now()))
        return context

    def cached_sections(self, now):
        """sections(), from the cache while no page and nothing of the directory has
        changed, on the same day (deadlines count in days, the season in months), and
        until the first of the events shown ends (it then leaves the list)."""
        key = (
            f"cms:home:{HOME_FORMAT}:{self.pk}:{get_language()}:"
            f"{timezone.localdate(now).isoformat()}:{versions('pages', 'directory')}"
        )
        kept = cache.get(key)
        if kept is not None and now < kept["fresh_until"]:
            return kept["sections"]
        sections = self.sections(now)
        fresh_until = min(
            [event.ends_at for event in sections["events"]]
            + [now + timedelta(seconds=HOME_CACHE_SECONDS)]
        )
        timeout = max(1, math.ceil((fresh_until - now).total_seconds()))
        cache.set(key, {"sections": sections, "fresh_until": fresh_until}, timeout=timeout)
        return sections

    def sections(self, now):
        today = timezone.localdate(now)
        private = Page.objects.all().private_q()  # read once for every section below

        def public(pages):
            return in_language(pages.live().exclude(private), self.locale_id)

        indexes = {
            page.specific_class: page
            for page in public(
                Page.objects.type(
                    EventIndexPage, ResourceIndexPage, FundingIndexPage, CarteProximitePage
                ).order_by("path")
            )
        }
        return {
            "in_season": in_season_now(today.month),
            "events": list(
                public(EventPage.objects.filter(ends_at__gte=now, cancelled=False)).order_by(
                    "starts_at"
                )[:HOME_EVENTS]
            ),
            "deadlines": list(
                with_deadlines(public(FundingGuidePage.objects.all()), today)
                .filter(next_deadline__lte=today + timedelta(days=CLOSING_SOON_DAYS))
                .order_by("next_deadline", "title")[:HOME_DEADLINES]
            ),
            "resources": list(
                public(ResourcePage.objects.all()).order_by("-first_published_at", "-pk")[
                    :HOME_RESOURCES
                ]
            ),
            "events_index": indexes.get(EventIndexPage),
            "resource_index": indexes.get(ResourceIndexPage),
            "funding_index": indexes.get(FundingIndexPage),
            "carte_page": indexes.get(CarteProximitePage),
        }


def in_language(pages, locale_id):
    """Each page in that language when it has a live translation in it, else as it was
    written: many guides and resources exist in French only."""
    translation = Page.objects.live().filter(
        locale_id=locale_id, translation_key=OuterRef("translation_key")
    )
    return pages.filter(Q(locale_id=locale_id) | ~Exists(translation))


class ProducerLink(NamedTuple):
    """A producer as the home page's cards name it: its name, linked to its page."""

    name: str
    url: str


def in_season_now(month):
    """The products most offered this month, each with a few of the producers offering
    it (by name): three queries, and rows bounded whatever the directory's size."""
    counts = list(
        in_season(Offer.objects.all(), month)
        .values("product_id")
        .annotate(producers=Count("producer", distinct=True))
        .order_by("-producers", "product__name_fr")[:HOME_PRODUCTS]
    )
    products = Product.objects.in_bulk([row["product_id"] for row in counts])
    offers = (
        in_season(Offer.objects.filter(product__in=products), month)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("product_id"),
                order_by=[F("producer__name").asc(), F("producer_id").asc()],
            )
        )
        # A producer may offer a product in two units or grades: keep room for both.
        .filter(rank__lte=2 * HOME_PRODUCERS_PER_PRODUCT)
        .order_by("product_id", "rank")
        # Rows, not models: a producer's name and address are all the card shows.
        .values_list("product_id", "producer_id", "producer__name", "producer__slug")
    )
    producers = {pk: {} for pk in products}
    for product_id, producer_id, name, slug in offers:
        links = producers[product_id]
        if producer_id not in links and len(links) < HOME_PRODUCERS_PER_PRODUCT:
            links[producer_id] = ProducerLink(
                name, reverse("directory:producer_detail", args=[slug])
            )
    return [
        {
            "product": products[row["product_id"]],
            "count": row["producers"],
            "producers": list(producers[row["product_id"]].values()),
        }
        for row in counts
    ]


class StandardPage(Page):
    """A plain content page: about us, contact, the network's charter..."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage", "cms.ProjectSummaryPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
