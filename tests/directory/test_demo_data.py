"""The directory's demo data and the volume generator for benchmarks."""

from datetime import UTC, date, datetime
from io import StringIO

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest
import time_machine

from directory.models import (
    Area,
    Availability,
    DiscountTier,
    Offer,
    PriceObservation,
    Producer,
    Product,
)


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def load_demo():
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def generate(**options):
    out = StringIO()
    call_command("generate_directory_volume", stdout=out, **options)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Area, Producer, Product, Offer, DiscountTier, PriceObservation)
    }


def test_the_demo_looks_as_fresh_whatever_day_it_is_loaded(db, debug):
    """Loaded long after its file was written, the demo still has fresh and stale
    entries and prices, and markets open this year."""
    later = date(2028, 5, 20)
    # The whole clock moves (dates and instants alike), as it would for a real late load.
    with time_machine.travel(datetime(2028, 5, 20, 16, 0, tzinfo=UTC)):
        assert timezone.localdate() == later
        load_demo()
        assert Producer.objects.stale().exists()
        assert Producer.objects.exclude(pk__in=Producer.objects.stale()).exists()
        offers = Offer.objects.exclude(price=None)
        assert any(offer.price_is_stale for offer in offers)
        assert not all(offer.price_is_stale for offer in offers)
        assert all(offer.price_seen_on <= later for offer in offers)
        for market in Producer.objects.markets():
            assert market.season_start.year == market.season_end.year == later.year


def test_volume_generator_adds_exactly_what_is_asked(db, debug):
    """--producers and --offers are exact, on an empty database too."""
    output = generate(producers=50, offers=200, seed=3, batch_size=16)
    assert Producer.objects.count() == 50
    assert Offer.objects.count() == 200
    assert Product.objects.exists()
    assert "Offers: 200/200" in output


def test_volume_generator_is_deterministic_and_can_run_again(db, debug):
    """The same seed gives the same entries; a second run adds new ones without clashing."""
    generate(producers=20, offers=60, seed=7)
    first = list(Producer.objects.order_by("pk").values_list("name", "kind", "latitude"))
    generate(producers=20, offers=60, seed=7)
    assert Producer.objects.count() == 40
    assert Offer.objects.count() == 120
    second = list(Producer.objects.order_by("pk").values_list("name", "kind", "latitude"))[20:]
    assert second == first


def test_volume_generator_refuses_to_run_with_debug_off(db, settings):
    """It is for benchmarks: with DEBUG off it needs --force."""
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        generate(producers=5, offers=10)
    assert not Producer.objects.exists()
    generate(producers=5, offers=10, force=True)
    assert Producer.objects.count() == 5


SEARCHES = [
    # (what a visitor types, the product whose filter must give the same entries)
    ("carottes", "carotte"),
    ("carotte", "carotte"),
    ("Carottes", "carotte"),
    ("épinards", "epinard"),
    ("epinard", "epinard"),
    ("oeufs", "oeufs"),
    ("œufs", "oeufs"),
    ("œuf", "oeufs"),
    ("pommes", "pomme"),
    ("pomme", "pomme"),
    ("bleuets", "bleuet"),
    ("maïs", "mais-sucre"),
    ("mais sucre", "mais-sucre"),
    ("eggs", "oeufs"),
    ("carrots", "carotte"),
]


def listed(client, **query):
    """The slugs of every entry the directory list shows for this query, all pages."""
    response = client.get("/fr/producteurs/", query)
    assert response.status_code == 200
    return {producer.slug for producer in response.context["page_obj"].paginator.object_list}


@pytest.mark.usefixtures("demo")
class TestTheDemoDirectory:
    """The directory as the demo content leaves it: loaded once for these tests
    (tests/conftest.py's demo), each test in a savepoint of its own."""

    def test_demo_directory_has_suppliers_markets_products_and_prices(self, db, debug, demo):
        """The demo directory is big enough to try every filter, the map and the comparison."""
        output = demo
        assert "Directory:" in output
        producers = Producer.objects.all()
        assert producers.exclude(kind__in=Producer.MARKET_KINDS).count() >= 60
        assert producers.markets().count() >= 10
        assert Product.objects.count() >= 40
        assert Offer.objects.count() >= 200
        for origin in (Producer.DistanceClass.LOCAL, Producer.DistanceClass.IMPORTED):
            observed = PriceObservation.objects.filter(origin=origin)
            assert observed.values("product").distinct().count() >= 8
        assert producers.filter(kind=Producer.Kind.IMPORTER, distance_class="imported").exists()
        assert producers.filter(kind=Producer.Kind.WHOLESALER).exists()
        # A few producers have sent this week's availability, through the one-minute form.
        week = Availability.objects.current()
        assert week.values("producer").distinct().count() >= 2
        assert not week.exclude(source="site").exists()
        # One price a day per producer, product and unit in the history.
        assert (
            PriceObservation.objects.filter(source="Disponibilités de la semaine").count()
            == week.values("producer", "product", "unit").distinct().count()
        )

    def test_demo_directory_gives_the_freshness_panel_something_to_show(self, db, debug):
        """Some entries are stale, some have no coordinates, some prices are old."""
        assert Producer.objects.stale().exists()
        assert Producer.objects.exclude(pk__in=Producer.objects.stale()).exists()
        assert Producer.objects.filter(latitude__isnull=True).exists()
        assert any(offer.price_is_stale for offer in Offer.objects.exclude(price=None))
        assert Offer.objects.filter(grade=Offer.Grade.SECONDS).exists()
        assert DiscountTier.objects.exists()

    def test_demo_markets_have_hours_seasons_and_categories(self, db, debug):
        """Markets carry what the Carte proximité guide shows."""
        markets = Producer.objects.markets()
        assert markets.filter(accepts_carte_proximite=True).count() >= 8
        for market in markets:
            assert market.opening_hours
            assert market.season_start < market.season_end
            assert market.categories_sold.exists()
            assert market.has_location

    def test_running_the_demo_twice_duplicates_nothing_and_keeps_edits(self, db, debug):
        """A second run adds nothing and leaves an editor's changes alone."""
        carrots = Product.objects.get(slug="carotte")
        carrots.name_fr = "Carotte nantaise"
        carrots.save()
        farm = Producer.objects.get(slug="ferme-menard-daoust")
        farm.description = "Texte revu par l'équipe."
        farm.save()
        farm.offers.first().delete()
        before = counts()
        load_demo()
        assert counts() == before
        assert Product.objects.get(slug="carotte").name_fr == "Carotte nantaise"
        assert (
            Producer.objects.get(slug="ferme-menard-daoust").description
            == "Texte revu par l'équipe."
        )

    def test_volume_generator_adds_to_the_demo_data(self, db, debug):
        """After the demo, the counts grow by exactly what was asked, with every flag in use."""
        before = counts()
        generate(producers=50, offers=200)
        after = counts()
        assert after["Producer"] - before["Producer"] == 50
        assert after["Offer"] - before["Offer"] == 200
        assert after["Product"] == before["Product"]
        generated = Producer.objects.filter(slug__contains="-v1-")
        assert generated.count() == 50
        assert generated.filter(latitude__isnull=False).exists()
        assert Producer.delivery_areas.through.objects.filter(producer__in=generated).exists()

    def test_generated_entries_are_searchable_as_saved_ones(self, db, debug):
        """Bulk inserts skip save(): the generator still gives every entry the search text
        saving it would, so benchmarks search what production searches."""
        generate(producers=30, offers=150, seed=5)
        generated = dict(Producer.objects.values_list("slug", "search_text"))
        for producer in Producer.objects.all():
            producer.save()
        assert dict(Producer.objects.values_list("slug", "search_text")) == generated
        assert all(generated.values())

    def test_volume_generator_adds_offers_to_existing_suppliers(self, db, debug):
        """With --producers 0 the offers go to the entries already there, none duplicated."""
        before = Offer.objects.count()
        generate(producers=0, offers=300)
        assert Offer.objects.count() == before + 300

    def test_searching_the_demo_by_product_finds_what_the_product_filter_finds(
        self, client, db, debug
    ):
        """Typing a product's name, with or without accents, ligature or plural, lists at
        least every entry that offers it: the demo's entries are searchable as imported ones."""
        for typed, product in SEARCHES:
            offering = listed(client, product=product)
            assert offering, product
            found = listed(client, q=typed)
            assert offering <= found, (typed, sorted(offering - found))
