"""Every page tells search engines what it is about (<meta name="description">): a
Wagtail page from its search description, else its summary or introduction; the
directory's pages from their records; list pages a sentence about the list."""

import re
from datetime import timedelta
from html import unescape

from django.urls import reverse
from django.utils import translation

from cms.descriptions import LENGTH, shorten


def description(response):
    found = re.findall(r'<meta name="description" content="([^"]*)">', response.content.decode())
    assert len(found) == 1, "one description per page"
    return unescape(found[0])


def test_a_page_uses_its_search_description_else_its_introduction(client, page_factory):
    page = page_factory(title_fr="À propos", intro_fr="Le réseau   d'achat\nlocal.")["fr"]
    assert description(client.get(page.url)) == "Le réseau d'achat local."
    page.search_description = "Qui nous sommes, ce que nous faisons."
    page.save_revision().publish()
    assert description(client.get(page.url)) == "Qui nous sommes, ce que nous faisons."


def test_a_resource_uses_its_summary_and_a_long_one_is_cut_at_a_word(client, resource_factory):
    summary = "Un gabarit pour additionner les commandes de plusieurs organismes. " * 5
    text = description(client.get(resource_factory("Gabarit", summary=summary).url))
    assert len(text) <= LENGTH
    assert text.endswith("…")
    assert summary.startswith(text[:-1])
    assert summary[len(text) - 1] == " ", "cut between words"


def test_the_home_page_and_an_index_without_introduction(client, home_pages, events_index):
    assert description(client.get("/fr/")) == "Manger local, ensemble."
    assert description(client.get("/en/")) == "Eating local, together."
    assert "ateliers, visites de ferme" in description(client.get(events_index.url))


def test_producer_page_from_its_description_else_what_it_is_and_sells(
    client, producer_factory, product_factory, offer_factory
):
    farm = producer_factory(name="Ferme Tournesol", description="Légumes bio <depuis> 1987.")
    response = client.get(farm.get_absolute_url())
    assert description(response) == "Légumes bio <depuis> 1987."
    assert "&lt;depuis&gt;" in response.content.decode(), "escaped"
    orchard = producer_factory(name="Verger Lafleur", kind="orchard", city="Hemmingford")
    offer_factory(producer=orchard, product=product_factory(name_fr="Pomme"))
    assert description(client.get(orchard.get_absolute_url())) == (
        "Verger Lafleur · verger, Hemmingford · Pomme"
    )


def test_product_page_names_its_offers_and_season(
    client, product_factory, offer_factory, producer_factory
):
    carrots = product_factory(name_fr="Carotte", name_en="Carrot")
    offer_factory(product=carrots, months=[7, 8, 9])
    offer_factory(product=carrots, months=[8])
    assert description(client.get(carrots.get_absolute_url())) == (
        "Carotte : 2 offres dans le répertoire, de saison juil.–sept. ; "
        "prix locaux et importés comparés."
    )
    with translation.override("en"):
        url = carrots.get_absolute_url()
    assert description(client.get(url)).startswith("Carrot: 2 offers in the directory")


def test_list_pages_say_what_they_list(client, home_pages):
    assert "producteurs, fermes et marchés locaux" in description(
        client.get(reverse("directory:producer_list"))
    )
    in_season = description(client.get(reverse("directory:in_season"), {"month": 6}))
    assert "en juin" in in_season
    assert "réseau" in description(client.get(reverse("search")))


def test_shorten_keeps_short_text_and_joins_lines():
    assert shorten("Deux\n lignes") == "Deux lignes"
    assert shorten("x" * 10) == "x" * 10
    assert len(shorten("mot " * 100)) <= LENGTH


def test_an_event_uses_its_introduction(client, event_factory):
    event = event_factory(intro="Une demi-journée à la ferme.", starts_in=timedelta(days=7))
    assert description(client.get(event.url)) == "Une demi-journée à la ferme."


def test_a_missing_producer_or_product_gets_the_sites_description(client, home_pages):
    for name in ("directory:producer_detail", "directory:product_detail"):
        response = client.get(reverse(name, args=["nobody"]))
        assert response.status_code == 404
        assert "réseau" in description(response)
