import hashlib
import json
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import CharField, Count, Exists, ExpressionWrapper, F, OuterRef, Prefetch
from django.db.models.lookups import StartsWith
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import MONTHS, MONTHS_AP
from django.utils.formats import number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET

from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from .charts import Series, price_chart
from .filters import DirectoryFilterForm
from .formatting import date, price_per, quantity
from .images import rendition
from .kept import kept_for_the_site
from .links import absolute_url, address_by_slug
from .models import Availability, Category, Offer, Producer, ProducerPhoto, Product
from .seasons import ALL_MONTHS, imported, in_season, month_bit
from .signals import data_version
from .templatetags.directory_tags import availability_list, category_icon
from .units import convert_unit_price

# The sizes the templates ask of producers' photos (producer_cards and
# producer_detail.html), fetched with the photos so that photos add no query per picture.
CARD_PHOTO = "fill-320x240"
PAGE_PHOTO = "fill-480x320"
PRODUCERS_PER_PAGE = 20
OFFERS_PER_PAGE = 25
GEOJSON_CACHE_SECONDS = 15 * 60


def filtered_producers(request):
    """The filter form for this request and the entries it selects."""
    form = DirectoryFilterForm(request.GET or None)
    producers = (
        form.apply(Producer.objects.all()) if form.is_bound else Producer.objects.order_by("name")
    )
    return form, producers


@require_GET
def producer_list(request):
    form, producers = filtered_producers(request)
    producers = producers.select_related("area").prefetch_related(
        photos_with_renditions(CARD_PHOTO),
        available_now(),
    )
    page = Paginator(producers, PRODUCERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/producer_list.html",
        {
            "form": form,
            "filter_fields": filter_fields(request, form),
            "page_obj": page,
            "cards": producer_cards(page.object_list),
            "ignored_filters": form.ignored,
            "active_filters": active_filters(request, form),
            "geojson_url": reverse("directory:producer_geojson") + query_without_page(request),
        },
    )


def filter_fields(request, form):
    """The filter form's fields as written for this query (its values, its errors), kept
    until the directory changes (their choices), or the month (the one chosen by default):
    seventeen fields through _field.html and Django's widget templates cost a fifth of
    the page."""
    query = sorted((key, value) for key, value in request.GET.lists() if key != "page")
    digest = hashlib.sha256(json.dumps(query).encode()).hexdigest()[:32]
    month = timezone.localdate().strftime("%Y-%m")
    key = f"directory:filters:{translation.get_language()}:{data_version()}:{month}:{digest}"
    html = cache.get(key)
    if html is None:
        html = render_to_string("directory/_filter_fields.html", {"form": form})
        cache.set(key, html, GEOJSON_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by the template above)


def producer_cards(producers):
    """What each card of the list shows, worked out once here so that the template is one
    flat loop: twenty cards rendered through an include, a dozen filters and tags each,
    cost more than everything else on the page."""
    producers = list(producers)
    kinds = {value: str(label) for value, label in Producer.Kind.choices}
    distances = {value: str(label) for value, label in Producer.DistanceClass.choices}
    offers = defaultdict(list)
    for producer_id, *product in (
        Offer.objects.filter(producer__in=producers)
        .order_by("product__name_fr")
        .values_list(
            "producer_id",
            "product_id",
            "product__name_fr",
            "product__name_en",
            "product__category_id",
            "product__category__slug",
        )
    ):
        offers[producer_id].append(product)
    english = translation.get_language() == "en"
    cards = []
    for producer in producers:
        photos = producer.photos.all()
        lines, more = product_lines(offers[producer.pk], english)
        cards.append(
            {
                "producer": producer,
                "url": producer.get_absolute_url(),
                "photo": (
                    photo_tag(
                        photos[0],
                        CARD_PHOTO,
                        {
                            "class": "producer-card__photo",
                            "loading": "lazy",
                            "decoding": "async",
                        },
                    )
                    if photos
                    else ""
                ),
                "kind": kinds.get(producer.kind, producer.kind),
                "distance": distances.get(producer.distance_class, producer.distance_class),
                "lines": lines,
                "more": more,
                "available": availability_list(producer.available_now),
                "verified": (
                    mark_safe(  # noqa: S308 (as blocktranslate: the translation is ours)
                        _("Verified on %(date)s")
                        % {"date": conditional_escape(date(producer.last_verified_on))}
                    )
                    if producer.last_verified_on
                    else _("Not verified yet")
                ),
            }
        )
    return cards


def product_lines(offers, english, limit=8):
    """A card's products by category, in the order they first come, each product once
    (an entry can offer one product twice: fresh and frozen, two grades): [(category's
    icon, "product, product"), ...] with at most `limit` products in all, and whether some
    were left out. `offers` are rows (product id, French and English names, category id
    and slug)."""
    shown, by_category = set(), {}
    more = False
    for product_id, name_fr, name_en, category_id, category_slug in offers:
        if product_id in shown:
            continue
        if len(shown) == limit:
            more = True
            break
        shown.add(product_id)
        if category_id not in by_category:
            by_category[category_id] = (category_slug, [])
        by_category[category_id][1].append(name_en if english and name_en else name_fr)
    lines = [(category_icon(slug), ", ".join(names)) for slug, names in by_category.values()]
    return lines, more


def photo_tag(photo, spec, attrs):
    """A photo's <img> at this size, as {% image %} writes it, from the renditions fetched
    with it."""
    return rendition(photo.image, spec).img_tag({"alt": photo.alt_text, **attrs})


def photos_with_renditions(spec):
    """Producers' photos, their images and these images' renditions at this size."""
    return Prefetch(
        "photos",
        queryset=ProducerPhoto.objects.select_related("image").prefetch_related(
            photo_renditions(spec)
        ),
    )


def photo_renditions(spec):
    """Photos' images' renditions at this size, as photo_tag finds them."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=spec)
    return Prefetch("image__renditions", queryset=renditions, to_attr="prefetched_renditions")


def available_now():
    """The producers' lines of this week still current, as `available_now`."""
    return Prefetch(
        "availabilities",
        queryset=Availability.objects.current().select_related("product"),
        to_attr="available_now",
    )


def query_without_page(request, leave_out=()):
    query = request.GET.copy()
    for name in ("page", *leave_out):
        query.pop(name, None)
    return f"?{query.urlencode()}" if query else ""


def active_filters(request, form):
    """Each filter in use, named with its value, and the same selection without it: the
    removable chips above the results, and the ways to widen an empty search."""
    filters = form.filters
    chips = []
    for name, value in filters.items():
        if name in ("sort", "month"):
            continue
        field = form.fields[name]
        if name == "in_season":
            shown = MONTHS[form.chosen_month]  # "in season" is about the chosen month
        elif isinstance(field, forms.BooleanField):
            shown = None
        elif isinstance(field, forms.ChoiceField):
            shown = dict(field.choices).get(value, value)
        elif isinstance(value, Decimal):
            shown = number_format(value, decimal_pos=2)
        else:
            shown = value
        leave_out = (name, "month") if name == "in_season" else (name,)
        chips.append(
            {
                "label": field.label,
                "value": shown,
                "category": value if name == "category" else None,
                "url": request.path + query_without_page(request, leave_out),
            }
        )
    return chips


@require_GET
@gzip_page
def producer_geojson(request):
    """The list's selection as GeoJSON points for the map, cached until the directory
    changes, or the month ("in season" is this month's unless another is chosen). Names
    travel as data: the map script writes them as text, never as HTML."""
    query = sorted((key, value) for key, value in request.GET.lists() if key != "page")
    digest = hashlib.sha256(json.dumps(query).encode()).hexdigest()[:32]
    month = timezone.localdate().strftime("%Y-%m")
    key = f"directory:geojson:{translation.get_language()}:{data_version()}:{month}:{digest}"
    body = cache.get(key)
    if body is None:
        _form, producers = filtered_producers(request)
        body = geojson(
            producers.located().values("slug", "name", "kind", "city", "latitude", "longitude")
        )
        cache.set(key, body, GEOJSON_CACHE_SECONDS)
    return HttpResponse(body, content_type="application/geo+json")


def geojson(rows):
    url_pattern = reverse("directory:producer_detail", args=["slug-placeholder"])
    kind_labels = {kind.value: str(kind.label) for kind in Producer.Kind}
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [float(row["longitude"]), float(row["latitude"])],
            },
            "properties": {
                "name": row["name"],
                "kind": kind_labels[row["kind"]],
                "city": row["city"],
                "url": url_pattern.replace("slug-placeholder", row["slug"]),
            },
        }
        for row in rows
    ]
    return json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
    )


@require_GET
def producer_detail(request, slug):
    """One producer's page. What it lists is read in a query each, without
    prefetch_related, whose machinery for many producers costs a third more for one."""
    producer = get_object_or_404(Producer.objects.select_related("area"), slug=slug)
    offers = list(producer.offers.select_related("product").order_by("product__name_fr"))
    photos = producer.photos.select_related("image")  # renditions from the cache (images.py)
    # A market's page shows the categories it sells, a producer's how to order.
    market = producer.is_market
    categories_sold = list(producer.categories_sold.all()) if market else []
    delivery_areas = [] if market else [str(area) for area in producer.delivery_areas.all()]
    discount_tiers = [] if market else list(producer.discount_tiers.all())
    return render(
        request,
        "directory/producer_detail.html",
        {
            "producer": producer,
            "photos": [
                photo_tag(
                    photo, PAGE_PHOTO, {"loading": "lazy", "decoding": "async"} if later else {}
                )
                for later, photo in enumerate(photos)
            ],
            "offers": offers,
            "offer_rows": offer_rows(offers),
            "available": availability_list(
                Availability.objects.current().filter(producer=producer).select_related("product")
            ),
            "certifications": list(producer.certifications.all()),
            "categories_sold": categories_sold,
            "delivery_areas": delivery_areas,
            "discount_tiers": discount_tiers,
            "season_rows": season_rows(offers),
            "months": month_headers(),
            "structured_data": structured_data(producer),
            "next_visit": next_visit(request, producer),
        },
    )


def offer_rows(offers):
    """The offers table's rows, written here as producer_cards writes the list's cards:
    the table's filters per row cost as much as the rest of the page."""
    product_url = address_by_slug("directory:product_detail")
    grades = {value: str(label) for value, label in Offer.Grade.choices}
    return [
        {
            "url": product_url(offer.product.slug),
            "name": offer.product.name,
            "organic": offer.organic,
            "price": price_per(offer.price, offer.unit) if offer.price is not None else None,
            "seen_on": date(offer.price_seen_on, "SHORT_DATE_FORMAT"),
            "stale": offer.price_is_stale,  # shown beside the date seen only
            "grade": grades.get(offer.grade, offer.grade),
            "capacity": quantity(offer.weekly_capacity, offer.unit)
            if offer.weekly_capacity
            else "",
        }
        for offer in offers
    ]


def next_visit(request, producer):
    """The farm's next visit, if one is published and public, in the reader's language
    where it is translated."""
    now = timezone.now()
    visits = kept_for_the_site(request, "farm-visits", visits_ahead).get(producer.pk, ())
    return next((visit for visit in visits if visit["starts_at"] >= now), None)


def visits_ahead():
    """Each producer's published, public visits still to come and not cancelled, soonest
    first, as this language's readers are shown them: the page in their language, or in
    another where it has none. Visits are events of the site's pages (cms, reached
    through the producer's reverse relation: the directory does not import it); all are
    read in one query (Wagtail's public() would first read every view restriction in
    another)."""
    restricted = PageViewRestriction.objects.filter(
        StartsWith(ExpressionWrapper(OuterRef("path"), output_field=CharField()), F("page__path"))
    )  # on the page or one of its ancestors
    pages = (
        Producer.events.rel.related_model.objects.live()
        .filter(~Exists(restricted), producer__isnull=False, cancelled=False)
        .filter(starts_at__gte=timezone.now())
        .order_by("starts_at")
        .only("title", "url_path", "starts_at", "locale", "translation_key", "producer")
        .select_related("locale")
    )
    language = translation.get_language()
    chosen = {}  # (producer, visit) → its page in the reader's language, or the first
    for page in pages:
        key = (page.producer_id, page.translation_key)
        if key not in chosen or page.locale.language_code == language:
            chosen[key] = page
    visits = defaultdict(list)
    for page in sorted(chosen.values(), key=lambda page: page.starts_at):
        visits[page.producer_id].append(
            {"title": page.title, "url": page.url, "starts_at": page.starts_at}
        )
    return dict(visits)


def month_headers():
    return [
        {
            "number": number,
            "name": MONTHS[number],
            "short": MONTHS_AP[number],
            "initial": str(MONTHS[number])[0].upper(),  # the month grid's heading on a phone
        }
        for number in ALL_MONTHS
    ]


def season_rows(offers):
    """One row per product: the twelve months, available or not."""
    masks = defaultdict(int)
    products = {}
    for offer in offers:
        masks[offer.product_id] |= offer.months
        products[offer.product_id] = offer.product
    grid = SeasonGrid()
    return [grid.row(products[pk], mask) for pk, mask in masks.items()]


class SeasonGrid:
    """The rows of directory/_season_grid.html: a product, its link and its twelve cells,
    written here once for a page (the in-season page has some 800 of them, and a cell
    written by the template cost as much as a row written here)."""

    def __init__(self):
        self.on = format_html(
            '<td class="season--on"><span aria-hidden="true">●</span>'
            '<span class="visually-hidden">{}</span></td>',
            _("available"),
        )
        self.off = format_html(
            '<td class="season--off"><span class="visually-hidden">{}</span></td>',
            _("not available"),
        )
        self.product_url = address_by_slug("directory:product_detail")

    def row(self, product, mask, **extra):
        months = [bool(mask & month_bit(month)) for month in ALL_MONTHS]
        return {
            "product": product,
            "url": self.product_url(product.slug),
            "months": months,
            "cells": mark_safe("".join(self.on if on else self.off for on in months)),  # noqa: S308
            **extra,
        }


def structured_data(producer):
    """schema.org LocalBusiness, for search engines."""
    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": producer.name,
        "url": absolute_url(producer.get_absolute_url()),
    }
    if producer.description:
        data["description"] = producer.description
    if producer.phone:
        data["telephone"] = producer.phone
    if producer.email:
        data["email"] = producer.email
    if producer.address or producer.city:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": producer.address,
            "addressLocality": producer.city,
            "postalCode": producer.postal_code,
            "addressRegion": "QC",
            "addressCountry": "CA",
        }
    if producer.has_location:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(producer.latitude),
            "longitude": float(producer.longitude),
        }
    if producer.opening_hours:
        data["openingHours"] = producer.opening_hours
    return data


@require_GET
def product_detail(request, slug):
    product = get_object_or_404(Product.objects.select_related("category"), slug=slug)
    offers = Paginator(
        product.offers.select_related("producer", "producer__area").order_by(
            "producer__name", "pk"
        ),
        OFFERS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    producer_url = address_by_slug("directory:producer_detail")
    distances = {value: str(label) for value, label in Producer.DistanceClass.choices}
    for offer in offers:
        offer.reference_price = (
            convert_unit_price(offer.price, offer.unit, product.reference_unit)
            if offer.price is not None
            else None
        )
        offer.producer_url = producer_url(offer.producer.slug)
        offer.distance = distances.get(offer.producer.distance_class, offer.producer.distance_class)
    masks = list(product.offers.exclude(imported()).values_list("months", flat=True))
    supply = [sum(1 for mask in masks if mask & month_bit(month)) for month in ALL_MONTHS]
    series = price_series(product)
    available = (
        product.availabilities.current()
        .select_related("producer")
        .order_by("producer__name", "available_until", "pk")
    )
    return render(
        request,
        "directory/product_detail.html",
        {
            "product": product,
            "offers": offers,
            "page_obj": offers,
            "months": month_headers(),
            "supply": [
                {"month": MONTHS[month], "count": supply[month - 1]} for month in ALL_MONTHS
            ],
            "most_supply": max(supply) or 1,
            "series": series,
            "available": availability_list(available, by_producer=True),
            "chart": price_chart(series),
            "price_rows": [
                {"month": MONTHS[month], "values": [s.values[month - 1] for s in series]}
                for month in ALL_MONTHS
            ],
        },
    )


def price_series(product):
    """Average unit prices per calendar month over the last year, local (Québec) and
    imported, in the product's reference unit."""
    since = timezone.localdate() - timedelta(days=365)
    sums = {True: defaultdict(list), False: defaultdict(list)}
    for observation in product.price_observations.filter(observed_on__gte=since):
        price = convert_unit_price(observation.price, observation.unit, product.reference_unit)
        if price is not None:
            sums[observation.is_imported][observation.observed_on.month].append(price)

    def averages(imported):
        by_month = sums[imported]
        return [
            (sum(by_month[month]) / len(by_month[month])).quantize(Decimal("0.01"))
            if by_month[month]
            else None
            for month in ALL_MONTHS
        ]

    return [
        Series(label=_("Local and Québec"), css_class="series--local", values=averages(False)),
        Series(label=_("Imported"), css_class="series--imported", values=averages(True)),
    ]


@require_GET
def products_in_season(request):
    """Products by month for the territory."""
    try:
        month = int(request.GET.get("month", ""))
    except ValueError:
        month = timezone.localdate().month
    if month not in ALL_MONTHS:
        month = timezone.localdate().month
    masks = kept_for_the_site(request, "seasons", seasons_grown_here)
    producers_now, imported_ids = kept_for_the_site(
        request, f"in-season:{month}", lambda: offers_in_month(month)
    )
    imported_now = Product.objects.filter(pk__in=imported_ids).select_related("category")
    categories = []
    grid = SeasonGrid()
    for category in Category.objects.prefetch_related("products"):
        rows = [
            grid.row(
                product,
                masks[product.pk],
                producers_now=producers_now.get(product.pk, 0),
                category=category,
            )
            for product in category.products.all()
            if masks.get(product.pk)
        ]
        if rows:
            categories.append({"category": category, "rows": rows})
    return render(
        request,
        "directory/in_season.html",
        {
            "month": month,
            "month_name": MONTHS[month],
            "previous_month": 12 if month == 1 else month - 1,
            "next_month": 1 if month == 12 else month + 1,
            "months": month_headers(),
            "categories": categories,
            "in_season_now": [
                row for group in categories for row in group["rows"] if row["months"][month - 1]
            ],
            "imported_now": imported_now,
        },
    )


def seasons_grown_here():
    """Each product's months, from the offers grown here (imported food is listed apart,
    as such), read across every offer: kept for the site until the directory changes."""
    masks = defaultdict(int)
    for product_id, months in (
        Offer.objects.exclude(imported()).values_list("product_id", "months").distinct()
    ):
        masks[product_id] |= months
    return dict(masks)


def offers_in_month(month):
    """How many entries offer each product in month, and the products only imported then,
    read across every offer: kept for the site, per month, until the directory changes."""
    producers_now = dict(
        in_season(Offer.objects.all(), month)
        .values("product_id")
        .annotate(count=Count("producer", distinct=True))
        .values_list("product_id", "count")
    )
    imported_ids = list(
        Product.objects.filter(pk__in=in_season_imported(month))
        .exclude(pk__in=in_season(Offer.objects.all(), month).values("product_id"))
        .values_list("pk", flat=True)
    )
    return producers_now, imported_ids


def in_season_imported(month):
    """The products of imported offers available in month."""
    return (
        Offer.objects.filter(imported())
        .annotate(_in_month=F("months").bitand(month_bit(month)))
        .filter(_in_month__gt=0)
        .values("product_id")
    )
