"""The directory's entries (farms, processors, distributors, markets...), their photos
and their volume discounts."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from directory.bounds import BoundedInlinePanel

from ..search import searchable_text
from ..units import Unit
from .areas import Area
from .catalogue import Category, Certification


class ProducerQuerySet(models.QuerySet):
    def stale(self, days=None):
        """Entries not verified in the last `days` (DIRECTORY_STALE_AFTER_DAYS)."""
        days = settings.DIRECTORY_STALE_AFTER_DAYS if days is None else days
        limit = timezone.localdate() - timedelta(days=days)
        return self.filter(
            models.Q(last_verified_on__lt=limit) | models.Q(last_verified_on__isnull=True)
        )

    def markets(self):
        return self.filter(kind__in=Producer.MARKET_KINDS)

    def located(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def refresh_search_text(self):
        """Recompute the search text of these entries (after bulk changes)."""
        producers = self.select_related("area").prefetch_related("offers__product")
        for producer in producers.iterator(chunk_size=500):
            names = [
                name
                for offer in producer.offers.all()
                for name in (offer.product.name_fr, offer.product.name_en)
            ]
            text = searchable_text(producer, names)
            if text != producer.search_text:
                Producer.objects.filter(pk=producer.pk).update(search_text=text)


class Producer(ClusterableModel):
    """An entry of the directory: a farm, processor, cooperative, distributor, wholesaler
    or importer (the suppliers organisations buy from), or a market or kiosk where
    households spend the Carte proximité. One model, so that one list, one search and
    one map serve them all; `kind` tells them apart."""

    class Kind(models.TextChoices):
        FARM = "farm", _("farm")
        MARKET_GARDEN = "market_garden", _("market garden")
        ORCHARD = "orchard", _("orchard")
        DAIRY = "dairy", _("dairy")
        PROCESSOR = "processor", _("processor")
        COOPERATIVE = "cooperative", _("cooperative")
        DISTRIBUTOR = "distributor", _("distributor")
        WHOLESALER = "wholesaler", _("dry-goods wholesaler")
        IMPORTER = "importer", _("importer")
        PUBLIC_MARKET = "public_market", _("public market")
        FARMERS_MARKET = "farmers_market", _("farmers' market")
        SOLIDARITY_MARKET = "solidarity_market", _("solidarity market")
        KIOSK = "kiosk", _("kiosk")

    class Group(models.TextChoices):
        """The kinds as a visitor filters them."""

        PRODUCER = "producer", _("producers")
        PROCESSOR = "processor", _("processors and cooperatives")
        DISTRIBUTOR = "distributor", _("distributors, wholesalers and importers")
        MARKET = "market", _("markets and kiosks")

    GROUPS = {
        Group.PRODUCER: [Kind.FARM, Kind.MARKET_GARDEN, Kind.ORCHARD, Kind.DAIRY],
        Group.PROCESSOR: [Kind.PROCESSOR, Kind.COOPERATIVE],
        Group.DISTRIBUTOR: [Kind.DISTRIBUTOR, Kind.WHOLESALER, Kind.IMPORTER],
        Group.MARKET: [Kind.PUBLIC_MARKET, Kind.FARMERS_MARKET, Kind.SOLIDARITY_MARKET, Kind.KIOSK],
    }
    MARKET_KINDS = GROUPS[Group.MARKET]

    class VerifiedBy(models.TextChoices):
        """Who vouched for the entry last: an editor who checked it with the producer, or
        the producer itself, answering the directory's freshness check."""

        STAFF = "staff", _("the network's staff")
        PRODUCER = "producer", _("the producer")

    class DistanceClass(models.TextChoices):
        LOCAL = "local", _("local (Montréal area)")
        REGIONAL = "regional", _("regional (neighbouring regions)")
        QUEBEC = "quebec", _("elsewhere in Québec")
        IMPORTED = "imported", _("imported")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.FARM)
    description = models.TextField(_("description"), blank=True)

    address = models.CharField(_("address"), max_length=250, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="producers",
        verbose_name=_("borough or region"),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    distance_class = models.CharField(
        _("distance"), max_length=10, choices=DistanceClass.choices, default=DistanceClass.REGIONAL
    )
    certifications = ParentalManyToManyField(
        Certification, blank=True, related_name="producers", verbose_name=_("certifications")
    )

    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)

    orders_by_phone = models.BooleanField(_("orders by phone"), default=False)
    orders_by_email = models.BooleanField(_("orders by email"), default=False)
    orders_by_website = models.BooleanField(_("orders on its website"), default=False)
    ordering_platform = models.CharField(
        _("producers' platform"),
        max_length=120,
        blank=True,
        help_text=_("The online platform of producers through which it takes orders, if any."),
    )
    order_lead_time_days = models.PositiveSmallIntegerField(
        _("order lead time (days)"), null=True, blank=True
    )
    delivery_days = models.CharField(_("delivery days"), max_length=120, blank=True)
    delivery_areas = ParentalManyToManyField(
        Area, blank=True, related_name="delivering_producers", verbose_name=_("delivers to")
    )
    pickup_available = models.BooleanField(_("pickup available"), default=False)
    pickup_details = models.CharField(_("pickup details"), max_length=250, blank=True)
    minimum_order = models.DecimalField(
        _("minimum order ($)"), max_digits=8, decimal_places=2, null=True, blank=True
    )

    accepts_carte_proximite = models.BooleanField(_("accepts the Carte proximité"), default=False)
    open_to_donations = models.BooleanField(_("open to donations"), default=False)
    open_to_gleaning = models.BooleanField(_("open to field gleaning"), default=False)

    # Markets and kiosks
    opening_hours = models.TextField(_("opening hours"), blank=True)
    season_start = models.DateField(_("season starts"), null=True, blank=True)
    season_end = models.DateField(_("season ends"), null=True, blank=True)
    categories_sold = ParentalManyToManyField(
        Category, blank=True, related_name="markets", verbose_name=_("categories sold")
    )

    search_text = models.TextField(
        editable=False, blank=True, help_text="Kept by directory.search."
    )
    last_verified_on = models.DateField(_("information verified on"), null=True, blank=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    last_verified_kind = models.CharField(
        _("verified by whom"), max_length=10, choices=VerifiedBy.choices, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
        help_text=_("Who last changed the entry from the site (a member of the producer)."),
    )

    objects = ProducerQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("description")],
            heading=_("Entry"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("postal_code")]),
                FieldPanel("area"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("distance_class"),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")], heading=_("Contact")
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("orders_by_phone"),
                        FieldPanel("orders_by_email"),
                        FieldPanel("orders_by_website"),
                    ]
                ),
                FieldPanel("ordering_platform"),
                FieldPanel("order_lead_time_days"),
                FieldPanel("delivery_days"),
                FieldPanel("delivery_areas"),
                FieldRowPanel([FieldPanel("pickup_available"), FieldPanel("pickup_details")]),
                FieldPanel("minimum_order"),
                BoundedInlinePanel("discount_tiers", max_num=10, label=_("Volume discounts")),
            ],
            heading=_("How to order"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("certifications"),
                FieldPanel("accepts_carte_proximite"),
                FieldPanel("open_to_donations"),
                FieldPanel("open_to_gleaning"),
            ],
            heading=_("Labels and programmes"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("opening_hours"),
                FieldRowPanel([FieldPanel("season_start"), FieldPanel("season_end")]),
                FieldPanel("categories_sold"),
            ],
            heading=_("Markets and kiosks"),
        ),
        BoundedInlinePanel("photos", max_num=20, label=_("Photos")),
        FieldPanel("last_verified_on"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")
        indexes = [
            models.Index(fields=["name"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["last_verified_on"]),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Producer, self.name)
        self.search_text = searchable_text(self, self.product_names())
        super().save(*args, **kwargs)

    def product_names(self):
        """The French and English names of what it offers, as stored."""
        from .offers import Offer  # offers.py imports this module

        if self.pk is None:
            return []
        pairs = Offer.objects.filter(producer=self).values_list(
            "product__name_fr", "product__name_en"
        )
        return [name for pair in pairs for name in pair]

    def get_absolute_url(self):
        return reverse("directory:producer_detail", args=[self.slug])

    @property
    def is_market(self):
        return self.kind in self.MARKET_KINDS

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def is_stale(self):
        if self.last_verified_on is None:
            return True
        return self.last_verified_on < timezone.localdate() - timedelta(
            days=settings.DIRECTORY_STALE_AFTER_DAYS
        )

    @property
    def order_methods(self):
        methods = []
        if self.orders_by_phone:
            methods.append(_("phone"))
        if self.orders_by_email:
            methods.append(_("email"))
        if self.orders_by_website:
            methods.append(_("website"))
        if self.ordering_platform:
            methods.append(self.ordering_platform)
        return methods


def unique_slug(model, name):
    base = slugify(name)[:180] or "entry"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class ProducerPhoto(Orderable):
    producer = ParentalKey(Producer, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the photo for people who cannot see it."),
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text")]


class DiscountTier(Orderable):
    """A volume discount: from this quantity, this percentage off."""

    producer = ParentalKey(Producer, on_delete=models.CASCADE, related_name="discount_tiers")
    min_quantity = models.DecimalField(_("from quantity"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.KILOGRAM)
    percent = models.DecimalField(_("discount (%)"), max_digits=5, decimal_places=2)

    panels = [
        FieldRowPanel([FieldPanel("min_quantity"), FieldPanel("unit"), FieldPanel("percent")])
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("volume discount")
        verbose_name_plural = _("volume discounts")
