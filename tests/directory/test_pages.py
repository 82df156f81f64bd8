"""A producer's page, a product's page and the in-season page."""

import json
import re
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from directory.models import DiscountTier, PriceObservation, Producer, Unit
from directory.seasons import months_to_mask

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)


def structured_data(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )


def test_producer_page_shows_how_to_order_offers_and_freshness(
    client, home_pages, producer_factory, offer_factory, product_factory, area_factory
):
    verdun = area_factory("Verdun")
    farm = producer_factory(
        "Ferme Lebeau",
        description="Maraîchage diversifié à Saint-Rémi.",
        phone="450-555-0101",
        email="info@lebeau.example",
        orders_by_phone=True,
        ordering_platform="Maturin",
        order_lead_time_days=2,
        delivery_days="mardi et vendredi",
        delivery_areas=[verdun],
        pickup_available=True,
        minimum_order=Decimal("150"),
        last_verified_on=date(2026, 11, 2),
    )
    DiscountTier.objects.create(
        producer=farm, min_quantity=Decimal("100"), unit=Unit.KILOGRAM, percent=Decimal("5")
    )
    carrot = product_factory("Carotte", "Carrot")
    offer_factory(
        producer=farm,
        product=carrot,
        months=[7, 8, 9, 10, 11, 12, 1, 2, 3],
        price="1.85",
        price_seen_on=date(2026, 10, 15),
    )
    html = client.get(farm.get_absolute_url()).content.decode()
    assert "<h1>Ferme Lebeau</h1>" in html
    assert "Maraîchage diversifié" in html
    assert "450-555-0101" in html and "Maturin" in html
    assert "mardi et vendredi" in html and "Verdun" in html
    assert "150,00\xa0$" in html
    assert "à partir de 100\xa0kg : 5 % de rabais" in html
    assert "1,85\xa0$/kg" in html
    assert "2026-10-15" in html
    assert "Information vérifiée le 2 novembre 2026" in html


def test_producer_page_has_a_twelve_month_seasonality_grid(
    client, home_pages, producer_factory, offer_factory, product_factory
):
    farm = producer_factory()
    offer_factory(producer=farm, product=product_factory("Fraise"), months=[6, 7])
    html = client.get(farm.get_absolute_url()).content.decode()
    grid = html[html.index('class="season-grid"') :]
    row = re.search(r"Fraise</a></th>(.*?)</tr>", grid, re.S).group(1)
    cells = re.findall(r'class="season--(on|off)"', row)
    assert cells == ["off"] * 5 + ["on", "on"] + ["off"] * 5


def test_producer_page_flags_stale_information_and_old_prices(
    client, home_pages, producer_factory, offer_factory
):
    old = timezone.localdate() - timedelta(days=400)
    farm = producer_factory("Ferme oubliée", last_verified_on=old)
    offer_factory(producer=farm, price_seen_on=old)
    html = client.get(farm.get_absolute_url()).content.decode()
    assert "n'est peut-être plus à jour" in html.replace("&#x27;", "'")
    assert "prix à vérifier" in html


def test_producer_page_carries_schema_org_local_business(client, home_pages, producer_factory):
    farm = producer_factory(
        "Ferme </script><script>alert(1)</script>", city="Saint-Rémi", phone="450-555-0101"
    )
    html = client.get(farm.get_absolute_url()).content.decode()
    data = structured_data(html)
    assert data["@type"] == "LocalBusiness"
    assert data["name"] == "Ferme </script><script>alert(1)</script>"
    assert data["address"]["addressLocality"] == "Saint-Rémi"
    assert data["geo"]["latitude"] == float(farm.latitude)
    assert "<script>alert(1)</script>" not in html


def test_market_page_shows_hours_season_and_categories(
    client, home_pages, producer_factory, category_factory
):
    fruits = category_factory("Fruits", "Fruit")
    market = producer_factory(
        "Marché Atwater",
        kind=Producer.Kind.PUBLIC_MARKET,
        opening_hours="Tous les jours, 8 h à 18 h",
        season_start=date(2026, 5, 1),
        season_end=date(2026, 10, 31),
        categories_sold=[fruits],
        accepts_carte_proximite=True,
    )
    html = client.get(market.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Tous les jours, 8 h à 18 h" in html
    assert "1er mai" in html and "31 octobre 2026" in html
    assert "Fruits" in html
    assert "Carte proximité" in html


def test_unknown_producer_is_not_found(client, home_pages):
    assert client.get("/fr/producteurs/nexiste-pas/").status_code == 404


def test_product_page_lists_producers_with_prices_in_the_reference_unit(
    client, home_pages, producer_factory, offer_factory, product_factory
):
    carrot = product_factory("Carotte", "Carrot", reference_unit=Unit.KILOGRAM)
    offer_factory(
        producer=producer_factory("Ferme en livres"), product=carrot, unit=Unit.POUND, price="1.00"
    )
    offer_factory(
        producer=producer_factory("Ferme en kilos"),
        product=carrot,
        unit=Unit.KILOGRAM,
        price="2.00",
    )
    response = client.get(carrot.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ferme en livres" in html and "Ferme en kilos" in html
    assert "2,20\xa0$" in html  # 1.00 $/lb is 2.20 $/kg
    assert "2,00\xa0$" in html


def test_product_page_compares_local_and_imported_prices_by_month(
    client, home_pages, product_factory
):
    tomato = product_factory("Tomate", "Tomato", reference_unit=Unit.KILOGRAM)
    today = timezone.localdate()
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=15)
    PriceObservation.objects.create(
        product=tomato, observed_on=last_month, price=Decimal("4.00"), origin="local"
    )
    PriceObservation.objects.create(
        product=tomato, observed_on=last_month, price=Decimal("6.00"), origin="local"
    )
    PriceObservation.objects.create(
        product=tomato,
        observed_on=last_month,
        price=Decimal("1.00"),
        unit=Unit.POUND,
        origin="imported",
    )
    response = client.get(tomato.get_absolute_url())
    html = response.content.decode()
    assert '<svg viewBox="0 0 640 280" role="img"' in html
    assert html.count('<polyline class="price-chart__line') == 2
    series = {s.label: s.values[last_month.month - 1] for s in response.context["series"]}
    assert series["Local et québécois"] == Decimal("5.00")
    assert series["Importé"] == Decimal("2.20")
    assert "5,00" in html and "2,20" in html  # the table beside the chart


def test_product_page_without_prices_says_so(client, home_pages, product_factory):
    html = client.get(product_factory("Panais").get_absolute_url()).content.decode()
    assert "price-chart-title" not in html  # no price chart
    assert "Aucun prix" in html


def test_in_season_page_lists_products_of_the_month(
    client, home_pages, offer_factory, product_factory
):
    offer_factory(product=product_factory("Fraise", "Strawberry"), months=[6, 7])
    offer_factory(product=product_factory("Courge", "Squash"), months=[9, 10, 11])
    june = client.get("/fr/de-saison/", {"month": "6"})
    assert [row["product"].name_fr for row in june.context["in_season_now"]] == ["Fraise"]
    october = client.get("/en/in-season/", {"month": "10"})
    assert [row["product"].name_en for row in october.context["in_season_now"]] == ["Squash"]
    assert "In season in October" in october.content.decode()
    assert client.get("/fr/de-saison/", {"month": "99"}).status_code == 200


def test_in_season_page_follows_the_offers_on_the_next_request(
    client, home_pages, offer_factory, product_factory
):
    strawberry = offer_factory(product=product_factory("Fraise", "Strawberry"), months=[6, 7])

    def in_season(month):
        rows = client.get("/fr/de-saison/", {"month": month}).context["in_season_now"]
        return sorted((row["product"].name_fr, row["producers_now"]) for row in rows)

    assert in_season(6) == [("Fraise", 1)]
    offer_factory(product=strawberry.product, months=[6])
    offer_factory(product=product_factory("Asperge", "Asparagus"), months=[5, 6])
    offer_factory(product=product_factory("Bleuet", "Blueberry"), months=[7])
    assert in_season(6) == [("Asperge", 1), ("Fraise", 2)]
    strawberry.months = months_to_mask([7])
    strawberry.save()
    assert in_season(6) == [("Asperge", 1), ("Fraise", 1)]
    assert in_season(7) == [("Bleuet", 1), ("Fraise", 1)]  # each month its own


def test_imported_food_is_never_listed_in_season_but_apart_as_imported(
    client, home_pages, offer_factory, product_factory, producer_factory
):
    """In December the demo's importer sells bananas and oranges all year: they are
    imported, not in season; a Québec squash is."""
    importer = producer_factory("Importations Soleil", kind="importer", distance_class="imported")
    abroad = producer_factory("Distributeur du Sud", kind="distributor", distance_class="imported")
    banana = product_factory("Banane", "Banana")
    offer_factory(producer=importer, product=banana)
    offer_factory(producer=abroad, product=product_factory("Mangue", "Mango"), months=[12])
    squash = product_factory("Courge", "Squash")
    offer_factory(product=squash, months=[9, 10, 11, 12])
    offer_factory(producer=importer, product=squash)  # grown here in December too
    december = client.get("/fr/de-saison/", {"month": "12"})
    assert [row["product"].name_fr for row in december.context["in_season_now"]] == ["Courge"]
    assert [product.name_fr for product in december.context["imported_now"]] == [
        "Banane",
        "Mangue",
    ]
    page = december.content.decode()
    imported_list = page[page.index("Importé, pas de saison ici") :]
    assert 'Banane</a> <span class="badge">importé</span>' in imported_list
    year = page[page.index("Toute l") :]
    assert "Courge" in year and "Banane" not in year  # the seasons are those grown here
    english = client.get("/en/in-season/", {"month": "12"}).content.decode()
    assert "Imported, not in season here" in english


def test_a_products_season_counts_the_offers_grown_here(
    client, home_pages, offer_factory, product_factory, producer_factory
):
    orange = product_factory("Orange", "Orange")
    offer_factory(
        producer=producer_factory(kind="importer", distance_class="imported"), product=orange
    )
    offer_factory(product=orange, months=[8, 9])  # a Québec greenhouse, say
    supply = client.get(orange.get_absolute_url()).context["supply"]
    assert [month["count"] for month in supply] == [0] * 7 + [1, 1] + [0] * 3


def test_the_home_page_says_in_season_only_of_food_grown_here(
    client, home_pages, offer_factory, product_factory, producer_factory
):
    importer = producer_factory("Importations Soleil", kind="importer", distance_class="imported")
    offer_factory(producer=importer, product=product_factory("Banane"))
    apples = product_factory("Pomme")
    offer_factory(producer=producer_factory("Verger"), product=apples)
    offer_factory(producer=importer, product=apples)
    [row] = client.get("/fr/").context["in_season"]
    assert row["product"] == apples and [p.name for p in row["producers"]] == ["Verger"]


def test_product_page_pages_its_offers_but_counts_them_all_by_month(
    client, home_pages, offer_factory, product_factory
):
    apple = product_factory("Pomme", "Apple")
    for _ in range(30):
        offer_factory(product=apple, months=[9, 10])
    first = client.get(apple.get_absolute_url())
    assert len(first.context["offers"]) == 25
    assert [month["count"] for month in first.context["supply"]] == [0] * 8 + [30, 30] + [0, 0]
    second = client.get(apple.get_absolute_url(), {"page": "2"})
    assert len(second.context["offers"]) == 5


def img_tags(html, css_class=None):
    tags = re.findall(r"<img [^>]+>", html)
    return [tag for tag in tags if css_class is None or f'class="{css_class}"' in tag]


def test_cards_show_the_first_photo_sized_described_and_lazy(
    client, home_pages, producer_factory, photo_factory
):
    farm = producer_factory("Ferme du Ruisseau")
    photo_factory(farm, alt_text="Des rangs de carottes au lever du jour")
    photo_factory(farm, alt_text="La grange")
    producer_factory("Ferme sans photo")
    html = client.get("/fr/producteurs/").content.decode()
    [tag] = img_tags(html, "producer-card__photo")
    assert 'alt="Des rangs de carottes au lever du jour"' in tag
    assert 'width="320"' in tag and 'height="240"' in tag  # its box is kept while it loads
    assert 'loading="lazy"' in tag


def test_producer_page_shows_its_photos_the_first_at_once_the_others_lazily(
    client, home_pages, producer_factory, photo_factory
):
    farm = producer_factory("Ferme du Ruisseau")
    photo_factory(farm, alt_text="Les rangs")
    photo_factory(farm, alt_text="La grange")
    html = client.get(farm.get_absolute_url()).content.decode()
    first, second = [tag for tag in img_tags(html) if 'width="480"' in tag]
    assert 'alt="Les rangs"' in first and "loading" not in first
    assert 'alt="La grange"' in second and 'loading="lazy"' in second
    assert 'height="320"' in first


def test_categories_carry_the_icon_drawn_for_them_beside_their_name(
    client, home_pages, category_factory, product_factory, offer_factory
):
    from directory.models import Category

    fruits = Category.objects.create(name_fr="Fruits", name_en="Fruits", slug="fruits")
    apple = product_factory("Pomme", category=fruits)
    offer_factory(product=apple)
    honey = product_factory("Miel", category=category_factory("Ruches"))  # no icon of its own
    offer_factory(product=honey)
    page = client.get(apple.get_absolute_url()).content.decode()
    assert re.search(
        r'<img class="category-icon" src="/static/img/categories/fruit.svg" alt="" '
        r'aria-hidden="true" width="24" height="24"> Fruits',
        page,
    )
    assert "categories/other.svg" in client.get(honey.get_absolute_url()).content.decode()
    in_season = client.get("/fr/de-saison/").content.decode()
    assert (
        'categories/fruit.svg" alt="" aria-hidden="true" width="24" height="24"> Fruits'
        in in_season
    )


def test_every_category_icon_is_a_drawn_svg_of_the_site():
    from pathlib import Path

    from django.conf import settings

    from directory.templatetags.directory_tags import CATEGORY_ICONS

    folder = Path(settings.BASE_DIR) / "static/img/categories"
    for name in {*CATEGORY_ICONS.values(), "other"}:
        drawing = (folder / f"{name}.svg").read_text()
        assert drawing.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"')
        assert "<script" not in drawing and "href" not in drawing
