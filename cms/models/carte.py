"""The Carte proximité guide: the programme explained by editors, and the live list and
map of the directory's markets and producers that accept the card, by borough, with the
organisations that hand out cards. Each borough has a printable one-page version."""

from django.core.cache import cache
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from directory.bounds import BoundedInlinePanel
from directory.models import Area, Producer
from directory.signals import versions

from ..blocks import BaseStreamBlock

# Bumped when the cached lists of places change shape (their template, say).
CARTE_FORMAT = 1
# At most, whatever changed: a safety net for writes no signal tells of (a bulk_create,
# the database's shell). Every change made through the site moves a version at once.
CARTE_CACHE_SECONDS = 3600


class CarteProximitePage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("the programme"),
        blank=True,
        help_text=_(
            "Who receives a card, monthly amounts by household size, season, eligible food, FAQ."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        BoundedInlinePanel(
            "distributors", max_num=200, label=_("Organisations that distribute cards")
        ),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Carte proximité guide")
        verbose_name_plural = _("Carte proximité guides")

    def get_template(self, request, *args, **kwargs):
        if request.GET.get("print"):
            return "cms/carte_proximite_page_print.html"
        return super().get_template(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        boroughs = list(Area.objects.filter(kind=Area.Kind.BOROUGH))
        borough = next((area for area in boroughs if area.slug == request.GET.get("borough")), None)
        map_filters = {"carte": "1"}
        if borough is not None:
            map_filters["area"] = borough.slug
        context.update(
            {
                "boroughs": boroughs,
                "borough": borough,
                "places": self.places_html(borough),
                "geojson_url": f"{reverse('directory:producer_geojson')}?{urlencode(map_filters)}",
            }
        )
        return context

    def places_html(self, borough):
        """The lists of markets, producers and card distributors (of the borough, or all),
        written once and then read from the cache while nothing of the directory and no
        page has changed: they change with no date."""
        key = (
            f"cms:carte:{CARTE_FORMAT}:{self.pk}:{get_language()}:"
            f"{borough.slug if borough else ''}:{versions('directory', 'pages')}"
        )
        html = cache.get(key)
        if html is None:
            html = render_to_string("cms/_carte_places.html", self.places(borough))
            cache.set(key, html, timeout=CARTE_CACHE_SECONDS)
        return html  # safe: a SafeString, in the cache too

    def places(self, borough):
        places = (
            Producer.objects.filter(accepts_carte_proximite=True)
            .select_related("area")
            .prefetch_related("categories_sold")
            .order_by("name")
        )
        distributors = self.distributors.select_related("area")
        if borough is not None:
            places = places.filter(area=borough)
            distributors = distributors.filter(area=borough)
        places = list(places)
        return {
            "markets": [place for place in places if place.is_market],
            "producers": [place for place in places if not place.is_market],
            "distributor_list": list(distributors),
        }


class CarteDistributor(Orderable):
    """An organisation that hands out cards (kept here until organisations have their
    own records on the site)."""

    page = ParentalKey(CarteProximitePage, on_delete=models.CASCADE, related_name="distributors")
    name = models.CharField(_("organisation"), max_length=200)
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("borough"),
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    hours = models.CharField(_("when to come"), max_length=200, blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("area"), FieldPanel("phone")]),
        FieldPanel("address"),
        FieldPanel("hours"),
    ]
