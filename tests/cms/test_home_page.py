"""The home page leads into the site: a directory search, what is in season and who
sells it, the next events, funding deadlines closing soon, the map, the latest
resources and the Carte proximité guide. Public pages only, in the visitor's language."""

import re
import zoneinfo
from datetime import date, datetime, time, timedelta
from html import unescape

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, translation

import pytest

from cms.models import (
    CarteProximitePage,
    EventPage,
)

MONTREAL = zoneinfo.ZoneInfo("America/Montreal")
TODAY = date(2026, 7, 15)


@pytest.fixture
def freeze_today(time_machine):
    time_machine.move_to(datetime.combine(TODAY, time(10), MONTREAL), tick=False)
    return TODAY


def links(response):
    return [unescape(href) for href in re.findall(r'href="([^"]+)"', response.content.decode())]


def section(response, heading_id):
    """The HTML of the home page's section under the heading with that id."""
    html = response.content.decode()
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_a_first_time_visitor_reaches_a_producer_selling_in_season_in_two_clicks(
    client, home_pages, producer_factory, product_factory, offer_factory, freeze_today
):
    """Home → the directory filtered on an in-season product → a producer who sells it."""
    strawberries = product_factory(name_fr="Fraise", name_en="Strawberry")
    squash = product_factory(name_fr="Courge musquée", name_en="Butternut squash")
    farm = producer_factory(name="Ferme des Quatre-Temps")
    offer_factory(producer=farm, product=strawberries, months=[6, 7])
    offer_factory(producer=producer_factory(name="Potager d'automne"), product=squash, months=[9])

    home = client.get("/fr/")
    season = section(home, "home-season")
    assert "Fraise" in season
    assert "Courge" not in season, "a product out of season is not offered as in season"
    assert strawberries.get_absolute_url() in season
    filtered = next(url for url in links(home) if f"product={strawberries.slug}" in url)

    directory = client.get(filtered)  # first click
    assert directory.status_code == 200
    producer_url = farm.get_absolute_url()
    assert producer_url in links(directory)
    assert "Potager d'automne" not in directory.content.decode()

    producer = client.get(producer_url)  # second click
    assert producer.status_code == 200
    assert "Ferme des Quatre-Temps" in producer.content.decode()
    assert "Fraise" in producer.content.decode()


def test_in_season_shows_the_most_offered_products_with_a_few_of_their_producers(
    client, home_pages, producer_factory, product_factory, offer_factory, freeze_today
):
    apples = product_factory(name_fr="Pomme")
    eggs = product_factory(name_fr="Œufs")
    for number in range(5):
        offer_factory(producer=producer_factory(name=f"Verger {number}"), product=apples)
    offer_factory(producer=producer_factory(name="Poulailler"), product=eggs)
    response = client.get("/fr/")
    rows = response.context["in_season"]
    assert [row["product"] for row in rows] == [apples, eggs]
    assert [producer.name for producer in rows[0]["producers"]] == [
        "Verger 0",
        "Verger 1",
        "Verger 2",
    ]
    assert rows[0]["count"] == 5
    assert "Les 5 producteurs en saison" in section(response, "home-season")


def test_the_next_three_public_events_only(
    client, home_pages, event_factory, members_only, freeze_today
):
    event_factory(title="Passé", starts_in=timedelta(days=-3))
    event_factory(title="Annulé", starts_in=timedelta(days=1), cancelled=True)
    members_only(event_factory(title="Réservé aux membres", starts_in=timedelta(days=1)))
    for day in (9, 2, 5, 7):
        event_factory(title=f"Atelier du jour {day}", starts_in=timedelta(days=day))
    events = section(client.get("/fr/"), "home-events")
    assert re.findall(r"Atelier du jour \d", events) == [
        "Atelier du jour 2",
        "Atelier du jour 5",
        "Atelier du jour 7",
    ]
    for hidden in ("Passé", "Annulé", "Réservé aux membres"):
        assert hidden not in events
    assert "17 juillet 2026, 10\xa0h\xa000" in events  # two days from now, as Québec writes it
    assert "Tous les ateliers et visites" in events


def test_funding_deadlines_closing_soon_public_ones_only(
    client, home_pages, guide_factory, members_only, freeze_today
):
    guide_factory("Dans dix jours", deadlines=[TODAY + timedelta(days=10)])
    guide_factory("Dans trois mois", deadlines=[TODAY + timedelta(days=90)])
    guide_factory("Fermé", deadlines=[TODAY - timedelta(days=1)])
    members_only(guide_factory("Réservé", deadlines=[TODAY + timedelta(days=5)]))
    funding = section(client.get("/fr/"), "home-funding")
    assert "Dans dix jours" in funding
    assert "25 juillet 2026" in funding
    for hidden in ("Dans trois mois", "Fermé", "Réservé"):
        assert hidden not in funding


def test_the_latest_three_public_resources(
    client, home_pages, resource_factory, members_only, freeze_today, time_machine
):
    for number in range(4):
        resource_factory(f"Guide numéro {number}")
        time_machine.shift(timedelta(hours=1))
    members_only(resource_factory("Grille des membres"))
    resources = section(client.get("/fr/"), "home-resources")
    assert re.findall(r">(Guide numéro \d)<", resources) == [
        "Guide numéro 3",
        "Guide numéro 2",
        "Guide numéro 1",
    ]
    assert "Grille des membres" not in resources


def test_an_empty_site_says_what_there_is_to_find(client, home_pages):
    response = client.get("/fr/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'action="{reverse("directory:producer_list")}"' in html
    assert 'name="q"' in html
    assert "Aucun événement à venir pour l'instant." in html
    assert "Aucune échéance dans les prochaines semaines." in html
    assert "Aucune ressource publiée pour l'instant." in html
    assert "Carte proximité" not in html  # no guide page: no line leading nowhere


def test_the_search_box_searches_the_directory(client, home_pages, producer_factory):
    producer_factory(name="Ferme Tournesol")
    producer_factory(name="Verger Lafleur")
    html = client.get("/fr/").content.decode()
    form = re.search(r'<form[^>]*role="search"[^>]*>', html).group(0)
    action = re.search(r'action="([^"]+)"', form).group(1)
    assert 'name="q"' in html
    result = client.get(action, {"q": "tournesol"}).content.decode()
    assert "Ferme Tournesol" in result
    assert "Verger Lafleur" not in result


def test_english_home_shows_translations_and_french_only_pages(
    client, home_pages, locales, event_factory, resource_factory, freeze_today
):
    event = event_factory(title="Atelier de conserves", starts_in=timedelta(days=3))
    english = event.copy_for_translation(locales["en"], copy_parents=True)
    english.title = "Canning workshop"
    english.save_revision().publish()
    resource_factory("Guide seulement en français")
    carte = home_pages["fr"].add_child(
        instance=CarteProximitePage(title="La Carte proximité", slug="carte-proximite")
    )
    carte.save_revision().publish()
    response = client.get("/en/")
    html = response.content.decode()
    assert "Canning workshop" in section(response, "home-events")
    assert "Atelier de conserves" not in html
    assert "Guide seulement en français" in section(response, "home-resources")
    assert "In season now" in html
    assert carte.url in html  # no English guide yet: the French one
    with translation.override("en"):
        assert formats.date_format(
            EventPage.objects.get(pk=english.pk).starts_at.astimezone(MONTREAL),
            "DATETIME_FORMAT",
        ) in section(response, "home-events")


def test_home_page_query_count_does_not_grow_with_content(
    client,
    home_pages,
    producer_factory,
    product_factory,
    offer_factory,
    event_factory,
    resource_factory,
    guide_factory,
    members_only,
    freeze_today,
):
    def add(number):
        for _ in range(number):
            product = product_factory()
            for _ in range(4):
                offer_factory(producer=producer_factory(), product=product)
            event_factory(starts_in=timedelta(days=2))
            resource_factory(f"Ressource {product.pk}")
            guide_factory(f"Programme {product.pk}", deadlines=[TODAY + timedelta(days=5)])
        members_only(resource_factory(f"Réservée {number}"))

    def built():
        client.get("/fr/")  # Wagtail's content types, kept in this process
        for store in caches.all():  # the home's sections, menu and footer built again
            store.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/fr/")
        return len(queries), response

    add(2)
    few, _response = built()
    assert few <= QUERIES
    add(12)
    more, response = built()
    assert more == few
    assert len(response.context["in_season"]) == 8
    assert len(response.context["events"]) == 3


# Built with nothing kept: serving the page (with Wagtail's site root paths; the active
# locale read twice, to keep the site's home page in it and by Wagtail's routing), the
# menu and the footer, 13; the home's sections, 8 (restrictions, section pages, three for
# what is in season, events, deadlines, resources).
QUERIES = 21


def test_the_home_page_shows_what_changed_since_it_was_last_built(
    client, home_pages, event_factory, resource_factory, time_machine
):
    # Its sections are kept in the cache: a page published, or an event over, shows at once.
    time_machine.move_to(datetime(2026, 5, 4, 10, tzinfo=MONTREAL), tick=False)
    event_factory(title="Atelier de midi", starts_in=timedelta(hours=1), hours=2)
    assert "Atelier de midi" in section(client.get("/fr/"), "home-events")
    resource_factory("Guide tout neuf")
    assert "Guide tout neuf" in section(client.get("/fr/"), "home-resources")
    time_machine.move_to(datetime(2026, 5, 4, 13, 30, tzinfo=MONTREAL), tick=False)  # same day
    assert "Atelier de midi" not in section(client.get("/fr/"), "home-events")
