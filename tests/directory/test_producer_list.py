"""The public directory list: search, filters that combine and live in the URL,
pagination, empty results and unknown values."""

import re
import zoneinfo
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

import pytest

from directory.models import Area, Producer

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)

LIST = "/fr/producteurs/"
MONTREAL = zoneinfo.ZoneInfo("America/Montreal")


def names(response):
    return [producer.name for producer in response.context["page_obj"].object_list]


@pytest.fixture
def verdun(area_factory):
    return area_factory("Verdun")


def test_list_shows_every_entry_with_a_count(client, home_pages, producer_factory):
    producer_factory("Ferme du Ruisseau")
    producer_factory("Verger des Collines", kind=Producer.Kind.ORCHARD)
    response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert names(response) == ["Ferme du Ruisseau", "Verger des Collines"]
    assert "2 entrées" in html


def test_list_is_in_english_at_its_english_address(client, home_pages, producer_factory):
    producer_factory("Ferme du Ruisseau")
    response = client.get("/en/producers/")
    assert response.status_code == 200
    assert "1 entry" in response.content.decode()
    assert "Producer directory" in response.content.decode()


def test_search_finds_names_descriptions_and_products(
    client, home_pages, producer_factory, offer_factory, product_factory
):
    carrot = product_factory("Carotte", "Carrot")
    grower = producer_factory("Ferme Lebeau", description="Maraîchage diversifié")
    offer_factory(producer=grower, product=carrot)
    producer_factory("Laiterie du Coteau", description="Fromages fermiers")
    assert names(client.get(LIST, {"q": "carottes"})) == ["Ferme Lebeau"]
    assert names(client.get(LIST, {"q": "carrot"})) == ["Ferme Lebeau"]
    assert names(client.get(LIST, {"q": "fromages"})) == ["Laiterie du Coteau"]
    assert names(client.get(LIST, {"q": "lebeau"})) == ["Ferme Lebeau"]


def test_search_ignores_accents_and_case_and_matches_parts_of_words(
    client, home_pages, producer_factory, offer_factory, product_factory, area_factory
):
    spinach = product_factory("Épinard", "Spinach")
    offer_factory(
        producer=producer_factory("Jardins Côté", area=area_factory("Lachine")), product=spinach
    )
    assert names(client.get(LIST, {"q": "EPINARDS"})) == ["Jardins Côté"]
    assert names(client.get(LIST, {"q": "jardins cote"})) == ["Jardins Côté"]
    assert names(client.get(LIST, {"q": "lach"})) == ["Jardins Côté"]
    assert names(client.get(LIST, {"q": "épinard lachine"})) == ["Jardins Côté"]
    assert names(client.get(LIST, {"q": "épinard verdun"})) == []


def test_search_follows_changes_to_offers_and_product_names(
    client, home_pages, producer_factory, offer_factory, product_factory
):
    farm = producer_factory("Ferme Lebeau")
    kale = product_factory("Chou frisé", "Kale")
    assert names(client.get(LIST, {"q": "kale"})) == []
    offer = offer_factory(producer=farm, product=kale)
    assert names(client.get(LIST, {"q": "kale"})) == ["Ferme Lebeau"]
    kale.name_en = "Curly kale"
    kale.save()
    assert names(client.get(LIST, {"q": "curly"})) == ["Ferme Lebeau"]
    offer.delete()
    assert names(client.get(LIST, {"q": "kale"})) == []


def test_filter_by_kind_of_entry(client, home_pages, producer_factory):
    producer_factory("Ferme A")
    producer_factory("Marché Atwater", kind=Producer.Kind.PUBLIC_MARKET)
    producer_factory("Distribution B", kind=Producer.Kind.DISTRIBUTOR)
    assert names(client.get(LIST, {"group": "market"})) == ["Marché Atwater"]
    assert names(client.get(LIST, {"group": "distributor"})) == ["Distribution B"]
    assert names(client.get(LIST, {"group": "producer"})) == ["Ferme A"]


def test_filter_by_category_and_product(
    client, home_pages, producer_factory, offer_factory, product_factory, category_factory
):
    vegetables, fruits = category_factory("Légumes"), category_factory("Fruits")
    carrot = product_factory("Carotte", category=vegetables)
    apple = product_factory("Pomme", category=fruits)
    offer_factory(producer=producer_factory("Ferme Carotte"), product=carrot)
    offer_factory(producer=producer_factory("Verger Pomme"), product=apple)
    producer_factory(
        "Marché aux fruits", kind=Producer.Kind.FARMERS_MARKET, categories_sold=[fruits]
    )
    assert names(client.get(LIST, {"category": fruits.slug})) == [
        "Marché aux fruits",
        "Verger Pomme",
    ]
    assert names(client.get(LIST, {"product": carrot.slug})) == ["Ferme Carotte"]


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2027, 1, 15, 12, tzinfo=MONTREAL), ["Caveau d'hiver"]),
        (datetime(2026, 6, 15, 12, tzinfo=MONTREAL), ["Fraisière"]),
        (datetime(2026, 4, 15, 12, tzinfo=MONTREAL), []),
        # 23:30 on 31 May in Montréal is June in UTC: still May here, nothing in season.
        (datetime(2026, 5, 31, 23, 30, tzinfo=MONTREAL), []),
    ],
)
def test_in_season_uses_the_chosen_month_and_defaults_to_this_month(
    client,
    home_pages,
    producer_factory,
    offer_factory,
    product_factory,
    time_machine,
    now,
    expected,
):
    time_machine.move_to(now, tick=False)
    strawberry, carrot = product_factory("Fraise"), product_factory("Carotte")
    offer_factory(producer=producer_factory("Fraisière"), product=strawberry, months=[6, 7])
    offer_factory(
        producer=producer_factory("Caveau d'hiver"), product=carrot, months=[11, 12, 1, 2, 3]
    )
    assert names(client.get(LIST, {"in_season": "1", "month": "6"})) == ["Fraisière"]
    assert names(client.get(LIST, {"in_season": "1", "month": "1"})) == ["Caveau d'hiver"]
    assert names(client.get(LIST, {"in_season": "1"})) == expected


def test_an_importer_is_never_listed_in_season(
    client, home_pages, producer_factory, offer_factory, product_factory
):
    carrot = product_factory("Carotte")
    offer_factory(producer=producer_factory("Caveau d'hiver"), product=carrot)
    offer_factory(producer=producer_factory("Importations Soleil", kind="importer"), product=carrot)
    offer_factory(
        producer=producer_factory("Grossiste du Sud", distance_class="imported"), product=carrot
    )
    assert names(client.get(LIST, {"in_season": "1", "month": "12"})) == ["Caveau d'hiver"]
    assert len(names(client.get(LIST, {"product": carrot.slug}))) == 3


def test_product_and_season_must_hold_for_the_same_offer(
    client, home_pages, producer_factory, offer_factory, product_factory
):
    strawberry, carrot = product_factory("Fraise"), product_factory("Carotte")
    farm = producer_factory("Ferme mixte")
    offer_factory(producer=farm, product=strawberry, months=[6, 7])
    offer_factory(producer=farm, product=carrot, months=[9, 10])
    assert (
        names(client.get(LIST, {"product": strawberry.slug, "in_season": "1", "month": "9"})) == []
    )
    assert names(client.get(LIST, {"product": carrot.slug, "in_season": "1", "month": "9"})) == [
        "Ferme mixte"
    ]


def test_markets_are_in_season_between_their_season_dates(client, home_pages, producer_factory):
    producer_factory(
        "Marché d'été",
        kind=Producer.Kind.PUBLIC_MARKET,
        season_start=date(2026, 6, 1),
        season_end=date(2026, 10, 31),
    )
    assert names(client.get(LIST, {"in_season": "1", "month": "8"})) == ["Marché d'été"]
    assert names(client.get(LIST, {"in_season": "1", "month": "12"})) == []


def test_filter_by_area_and_delivery_borough(
    client, home_pages, producer_factory, area_factory, verdun
):
    monteregie = area_factory("Montérégie", kind=Area.Kind.REGION)
    producer_factory("Ferme de Saint-Rémi", area=monteregie, delivery_areas=[verdun])
    producer_factory("Ferme de Mirabel", area=area_factory("Laurentides", kind=Area.Kind.REGION))
    assert names(client.get(LIST, {"area": monteregie.slug})) == ["Ferme de Saint-Rémi"]
    assert names(client.get(LIST, {"delivers_to": verdun.slug})) == ["Ferme de Saint-Rémi"]


def test_filter_by_distance_certification_and_flags(
    client, home_pages, producer_factory, certification_factory
):
    organic = certification_factory("Biologique", "Organic", is_organic=True)
    local_label = certification_factory(
        "Aliments du Québec", "Aliments du Québec", is_organic=False
    )
    producer_factory(
        "Bio locale",
        distance_class="local",
        certifications=[organic],
        pickup_available=True,
        accepts_carte_proximite=True,
        open_to_donations=True,
    )
    producer_factory(
        "Importateur",
        distance_class="imported",
        certifications=[local_label],
        open_to_gleaning=True,
    )
    assert names(client.get(LIST, {"distance": "imported"})) == ["Importateur"]
    assert names(client.get(LIST, {"certification": "organic"})) == ["Bio locale"]
    assert names(client.get(LIST, {"certification": local_label.slug})) == ["Importateur"]
    assert names(client.get(LIST, {"pickup": "1"})) == ["Bio locale"]
    assert names(client.get(LIST, {"carte": "1"})) == ["Bio locale"]
    assert names(client.get(LIST, {"donations": "1"})) == ["Bio locale"]
    assert names(client.get(LIST, {"gleaning": "1"})) == ["Importateur"]


def test_filter_by_ordering_method_and_minimum_order(client, home_pages, producer_factory):
    producer_factory("Par téléphone", orders_by_phone=True, minimum_order=Decimal("150"))
    producer_factory("Sur plateforme", ordering_platform="Maturin", minimum_order=None)
    producer_factory("Gros minimum", orders_by_email=True, minimum_order=Decimal("500"))
    assert names(client.get(LIST, {"order_method": "phone"})) == ["Par téléphone"]
    assert names(client.get(LIST, {"order_method": "platform"})) == ["Sur plateforme"]
    assert names(client.get(LIST, {"max_minimum_order": "200"})) == [
        "Par téléphone",
        "Sur plateforme",
    ]
    assert names(client.get(LIST, {"max_minimum_order": "200,00"})) == names(
        client.get(LIST, {"max_minimum_order": "200"})
    )


def test_filters_combine(client, home_pages, producer_factory, verdun):
    producer_factory("Les deux", accepts_carte_proximite=True, delivery_areas=[verdun])
    producer_factory("Carte seulement", accepts_carte_proximite=True)
    producer_factory("Livraison seulement", delivery_areas=[verdun])
    assert names(client.get(LIST, {"carte": "1", "delivers_to": verdun.slug})) == ["Les deux"]


def test_sort_by_most_recently_verified(client, home_pages, producer_factory):
    producer_factory("Ancienne", last_verified_on=date(2025, 1, 10))
    producer_factory("Récente", last_verified_on=timezone.localdate())
    producer_factory("Jamais", last_verified_on=None)
    assert names(client.get(LIST, {"sort": "verified"})) == ["Récente", "Ancienne", "Jamais"]


def test_unknown_filter_values_are_ignored_with_a_notice(client, home_pages, producer_factory):
    producer_factory("Ferme A")
    response = client.get(
        LIST, {"group": "spaceship", "month": "13", "category": "nope", "max_minimum_order": "abc"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert names(response) == ["Ferme A"]
    assert "ont été ignorées" in html
    assert "Type d&#x27;entrée" in html.split("ont été ignorées")[1]


def test_empty_result_says_so_and_offers_to_widen(client, home_pages, producer_factory):
    producer_factory("Ferme A", accepts_carte_proximite=True)
    response = client.get(LIST, {"carte": "1", "gleaning": "1"})
    html = response.content.decode()
    assert names(response) == []
    assert "Aucune entrée ne correspond" in html
    assert 'href="/fr/producteurs/?carte=1"' in html  # the same search without gleaning


def test_pages_beyond_the_last_give_the_last_page(client, home_pages, producer_factory):
    for number in range(25):
        producer_factory(f"Ferme {number:02d}")
    assert len(names(client.get(LIST))) == 20
    last = client.get(LIST, {"page": "999"})
    assert last.status_code == 200
    assert last.context["page_obj"].number == 2
    assert len(names(last)) == 5
    assert client.get(LIST, {"page": "abc"}).context["page_obj"].number == 1


def test_filters_live_in_the_links_of_the_pages(client, home_pages, producer_factory):
    for number in range(25):
        producer_factory(f"Ferme {number:02d}", accepts_carte_proximite=True)
    html = client.get(LIST, {"carte": "1"}).content.decode()
    assert 'href="?carte=1&amp;page=2"' in html


def test_names_are_escaped_in_the_list(client, home_pages, producer_factory):
    producer_factory('<script>alert("x")</script> Ferme')
    html = client.get(LIST).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def chips(html):
    """The removable chips above the results: {text: link}."""
    section = html.split('class="chips"')[1].split("</ul>")[0]
    return {
        re.sub(r"<[^>]+>", "", text).replace("Retirer le filtre ", "").replace("×", ""): url
        for url, text in re.findall(r'<a class="chip" href="([^"]+)">(.*?)</a>', section)
    }


def test_filters_in_use_show_as_chips_that_each_remove_one(
    client, home_pages, producer_factory, category_factory
):
    fruits = category_factory("Fruits")
    producer_factory("Ferme A", accepts_carte_proximite=True)
    html = client.get(
        LIST, {"category": fruits.slug, "carte": "1", "in_season": "1", "month": "3", "q": "pomme"}
    ).content.decode()
    assert chips(html) == {
        "Rechercher\u00a0: pomme": "/fr/producteurs/?category="
        + fruits.slug
        + "&amp;carte=1&amp;in_season=1&amp;month=3",
        "Catégorie\u00a0: Fruits": "/fr/producteurs/?carte=1&amp;in_season=1&amp;month=3&amp;q=pomme",
        "De saison\u00a0: mars": "/fr/producteurs/?category="
        + fruits.slug
        + "&amp;carte=1&amp;q=pomme",
        "Accepte la Carte proximité": "/fr/producteurs/?category="
        + fruits.slug
        + "&amp;in_season=1&amp;month=3&amp;q=pomme",
    }
    assert "(4 actifs)" in html  # on the folded filters' summary


def test_no_chips_without_filters(client, home_pages, producer_factory):
    producer_factory("Ferme A")
    html = client.get(LIST).content.decode()
    assert 'class="chips"' not in html
    assert "actif" not in html


def test_cards_show_products_by_category_with_its_icon(
    client, home_pages, producer_factory, offer_factory, product_factory, category_factory
):
    """A card's products come in lines by category, each with the category's icon."""
    vegetables, fruits = category_factory("Légumes"), category_factory("Fruits")
    for category, slug in ((vegetables, "legumes"), (fruits, "fruits")):
        category.slug = slug
        category.save()
    farm = producer_factory("Ferme Lebeau")
    for name, category in (("Carotte", vegetables), ("Pomme", fruits), ("Panais", vegetables)):
        offer_factory(producer=farm, product=product_factory(name, category=category))
    html = client.get(LIST).content.decode()
    products = html.split('<ul class="producer-card__products">')[1].split("</ul>")[0]
    lines = re.findall(r'<li><img[^>]*src="([^"]*)"[^>]*> ([^<]*)</li>', products)
    assert [(icon.rsplit("/", 1)[-1], text) for icon, text in lines] == [
        ("vegetables.svg", "Carotte, Panais"),
        ("fruit.svg", "Pomme"),
    ]


def test_a_card_names_each_product_once_and_says_when_some_are_left_out(
    client, home_pages, producer_factory, offer_factory, product_factory, category_factory
):
    """Blueberries sold by the kilo and by the case, first grade and seconds, are one
    product on the card; the ellipsis comes only when more products than shown exist."""
    fruits = category_factory("Fruits")
    farm = producer_factory("Bleuetière du Rang")
    blueberry = product_factory("Bleuet", category=fruits)
    offer_factory(producer=farm, product=blueberry, unit="kg")
    offer_factory(producer=farm, product=blueberry, unit="kg", grade="seconds")
    for name in ("Fraise", "Framboise", "Cassis", "Mûre", "Groseille", "Camerise"):
        offer_factory(producer=farm, product=product_factory(name, category=fruits))

    def card():
        html = client.get(LIST).content.decode()
        return html.split('<ul class="producer-card__products">')[1].split("</ul>")[0]

    assert card().count("Bleuet") == 1
    assert "…" not in card()  # 7 products: all shown
    offer_factory(producer=farm, product=product_factory("Argousier", category=fruits))
    assert "…" not in card()  # 8: still all shown
    offer_factory(producer=farm, product=product_factory("Sureau", category=fruits))
    assert "…" in card() and "Sureau" not in card()


def test_the_kept_filter_form_shows_a_category_renamed_or_added(
    client, home_pages, producer_factory, category_factory
):
    """The filter fields are kept written until the directory changes: its categories too."""
    producer_factory()
    vegetables = category_factory("Légumes")
    assert "Légumes" in client.get(LIST).content.decode()
    vegetables.name_fr = "Légumes racines"
    vegetables.save()
    category_factory("Champignons")
    html = client.get(LIST).content.decode()
    assert "Légumes racines" in html
    assert "Champignons" in html
