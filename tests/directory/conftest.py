"""Directory factories: each returns a callable with unique defaults."""

import itertools
from datetime import date
from decimal import Decimal

from django.utils import timezone

import pytest

from directory.models import Area, Category, Certification, Offer, Producer, Product
from directory.seasons import months_to_mask

_sequence = itertools.count(1)


@pytest.fixture
def area_factory(db):
    def make(name=None, kind=Area.Kind.BOROUGH):
        number = next(_sequence)
        name = name or f"Quartier {number}"
        return Area.objects.create(name=name, slug=f"area-{number}", kind=kind)

    return make


@pytest.fixture
def category_factory(db):
    def make(name_fr=None, name_en=None):
        number = next(_sequence)
        return Category.objects.create(
            name_fr=name_fr or f"Catégorie {number}",
            name_en=name_en or f"Category {number}",
            slug=f"category-{number}",
        )

    return make


@pytest.fixture
def product_factory(category_factory):
    def make(name_fr=None, name_en=None, category=None, **fields):
        number = next(_sequence)
        return Product.objects.create(
            name_fr=name_fr or f"Produit {number}",
            name_en=name_en or f"Product {number}",
            slug=f"product-{number}",
            category=category or category_factory(),
            **fields,
        )

    return make


@pytest.fixture
def certification_factory(db):
    def make(name_fr="Biologique", name_en="Organic", is_organic=True):
        number = next(_sequence)
        return Certification.objects.create(
            name_fr=name_fr, name_en=name_en, slug=f"certification-{number}", is_organic=is_organic
        )

    return make


@pytest.fixture
def producer_factory(db):
    """make(name=..., **fields) → a verified producer near Montréal."""

    def make(name=None, delivery_areas=(), certifications=(), categories_sold=(), **fields):
        number = next(_sequence)
        fields.setdefault("latitude", Decimal("45.45") + Decimal(number) / 1000)
        fields.setdefault("longitude", Decimal("-73.60") - Decimal(number) / 1000)
        fields.setdefault("last_verified_on", timezone.localdate())
        producer = Producer.objects.create(name=name or f"Ferme {number}", **fields)
        producer.delivery_areas.set(delivery_areas)
        producer.certifications.set(certifications)
        producer.categories_sold.set(categories_sold)
        producer.save()  # parental many-to-many relations are written on save
        return producer

    return make


@pytest.fixture
def offer_factory(producer_factory, product_factory):
    """make(producer=..., product=..., months=[6, 7, 8], price="2.50")."""

    def make(producer=None, product=None, months=range(1, 13), price="3.00", **fields):
        fields.setdefault("price_seen_on", timezone.localdate())
        return Offer.objects.create(
            producer=producer or producer_factory(),
            product=product or product_factory(),
            months=months_to_mask(months),
            price=Decimal(price) if price is not None else None,
            **fields,
        )

    return make


@pytest.fixture
def today():
    return timezone.localdate()


def days_ago(days):
    return date.fromordinal(timezone.localdate().toordinal() - days)
