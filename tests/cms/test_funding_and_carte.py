"""Funding guides ordered by deadline and archived by date; the Carte proximité guide
with the directory's places by borough and its printable page."""

import zoneinfo
from datetime import date, datetime, time, timedelta

import icalendar
import pytest

from cms.models import (
    CarteDistributor,
    CarteProximitePage,
    FundingDeadline,
    FundingGuidePage,
    FundingIndexPage,
)
from directory.models import Producer

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)

TODAY = date(2026, 11, 23)
MONTREAL = zoneinfo.ZoneInfo("America/Montreal")


@pytest.fixture
def freeze_today(time_machine):
    time_machine.move_to(datetime.combine(TODAY, time(10), MONTREAL), tick=False)
    return TODAY


def titles(response):
    return [guide.title for guide in response.context["guides"]]


def test_open_guides_first_by_deadline_closing_soon_highlighted_closed_archived(
    client, funding, guide_factory, freeze_today
):
    guide_factory("Dans deux mois", deadlines=[TODAY + timedelta(days=60)])
    guide_factory(
        "Dans dix jours", deadlines=[TODAY - timedelta(days=30), TODAY + timedelta(days=10)]
    )
    guide_factory("En continu")
    guide_factory("Fermé", deadlines=[TODAY - timedelta(days=1)])
    response = client.get(funding.url)
    assert titles(response) == ["Dans dix jours", "Dans deux mois", "En continu"]
    soon = {guide.title: guide.closing_soon for guide in response.context["guides"]}
    assert soon == {"Dans dix jours": True, "Dans deux mois": False, "En continu": False}
    assert "bientôt" in response.content.decode()
    assert titles(client.get(funding.url, {"archive": "1"})) == ["Fermé"]


def test_funding_filter_by_kind_and_deadlines_feed(
    client, funding, guide_factory, members_only, freeze_today
):
    guide_factory("Subvention", deadlines=[TODAY + timedelta(days=5)], support_kind="grant")
    guide_factory("Prêt", deadlines=[TODAY + timedelta(days=8)], support_kind="loan")
    private = guide_factory("Réservé", deadlines=[TODAY + timedelta(days=9)])
    members_only(private)
    assert titles(client.get(funding.url, {"kind": "loan"})) == ["Prêt"]
    feed = icalendar.Calendar.from_ical(client.get("/fr/financement/echeances.ics").content)
    assert [str(event["summary"]) for event in feed.walk("VEVENT")] == ["Subvention", "Prêt"]


def test_carte_proximite_guide_lists_places_by_borough_and_prints(
    client, home_pages, producer_factory, area_factory
):
    verdun, lachine = area_factory("Verdun"), area_factory("Lachine")
    producer_factory(
        "Marché de Verdun",
        kind=Producer.Kind.PUBLIC_MARKET,
        area=verdun,
        accepts_carte_proximite=True,
        opening_hours="Samedi 9 h à 14 h",
    )
    producer_factory(
        "Marché de Lachine",
        kind=Producer.Kind.PUBLIC_MARKET,
        area=lachine,
        accepts_carte_proximite=True,
    )
    producer_factory("Marché sans carte", kind=Producer.Kind.PUBLIC_MARKET, area=verdun)
    guide = home_pages["fr"].add_child(
        instance=CarteProximitePage(title="La Carte proximité", slug="carte-proximite")
    )
    guide.save_revision().publish()
    CarteDistributor.objects.create(page=guide, name="Cuisine collective de Verdun", area=verdun)
    everything = client.get(guide.url).content.decode()
    assert "Marché de Verdun" in everything and "Marché de Lachine" in everything
    assert "Marché sans carte" not in everything
    verdun_only = client.get(guide.url, {"borough": verdun.slug})
    html = verdun_only.content.decode()
    assert (
        "Marché de Verdun" in html
        and "Samedi 9 h à 14 h" in html
        and "Marché de Lachine" not in html
    )
    assert "Cuisine collective de Verdun" in html
    assert f"area={verdun.slug}" in verdun_only.context["geojson_url"]
    printable = client.get(guide.url, {"borough": verdun.slug, "print": "1"})
    assert "cms/carte_proximite_page_print.html" in [t.name for t in printable.templates]
    assert '<header class="site-header">' not in printable.content.decode()
    assert "Marché de Verdun" in printable.content.decode()


def test_search_groups_results_by_kind(client, funding, guide_factory, page_factory):
    guide_factory("Programme de légumes", summary="Aide pour acheter des légumes")
    page_factory(title_fr="Nos légumes")
    response = client.get("/fr/recherche/", {"q": "légumes"})
    labels = [str(group["label"]) for group in response.context["groups"]]
    assert labels == ["Guides de financement", "Pages"]


def test_editors_see_the_guides_whose_deadlines_have_all_passed(
    client, editor, member, guide_factory, freeze_today
):
    guide_factory("Fermé l'an dernier", deadlines=[TODAY - timedelta(days=200)])
    guide_factory(
        "Encore ouvert", deadlines=[TODAY - timedelta(days=5), TODAY + timedelta(days=40)]
    )
    client.force_login(editor)
    response = client.get("/admin/reports/closed-funding/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fermé l&#x27;an dernier" in html or "Fermé l'an dernier" in html
    assert "Encore ouvert" not in html
    client.force_login(member)
    assert client.get("/admin/reports/closed-funding/").status_code == 302


def test_funding_and_library_in_english(client, home_pages, locales, freeze_today):
    from cms.models import ResourceIndexPage, ResourcePage

    english_home = home_pages["en"]
    funding = english_home.add_child(
        instance=FundingIndexPage(title="Funding", slug="funding", locale=locales["en"])
    )
    funding.save_revision().publish()
    guide = funding.add_child(
        instance=FundingGuidePage(
            title="Local purchasing fund",
            slug="fund",
            funder="City",
            locale=locales["en"],
            support_kind="local_purchasing",
        )
    )
    guide.save_revision().publish()
    FundingDeadline.objects.create(page=guide, date=TODAY + timedelta(days=10))
    html = client.get(funding.url).content.decode()
    assert (
        "Local purchasing fund" in html
        and "closing soon" in html
        and "support for buying local" in html
    )
    library = english_home.add_child(
        instance=ResourceIndexPage(title="Resources", slug="resources", locale=locales["en"])
    )
    library.save_revision().publish()
    resource = library.add_child(
        instance=ResourcePage(
            title="Buying guide", slug="guide", summary="How to buy.", locale=locales["en"]
        )
    )
    resource.save_revision().publish()
    listing = client.get(library.url).content.decode()
    assert "Buying guide" in listing and "Search the library" in listing
    assert client.get("/en/funding/deadlines.ics").status_code == 200
