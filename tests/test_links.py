"""What the site writes to be read away from it (emails, .ics files, the printed Carte
proximité page, the sitemap) links to its configured address, WAGTAILADMIN_BASE_URL:
here https://salim.example:8443, which is neither the test client's host (testserver)
nor the Site record's (localhost). Every email any test sends is checked as well
(tests/conftest.py)."""

import shutil
import subprocess
from datetime import date
from pathlib import Path

from django.core import mail
from django.utils import timezone

from wagtail.models import Site

import icalendar
import pytest

from cms import demo
from cms.models import CarteProximitePage, FundingDeadline, FundingGuidePage, FundingIndexPage
from community.events import rules as registrations
from community.events.emails import send_registration_email
from directory.models import Producer

from .conftest import OTHER_SITE_ADDRESSES

SITE = "https://salim.example:8443"


def urls_in(ics):
    return [str(component["url"]) for component in icalendar.Calendar.from_ical(ics).walk("VEVENT")]


def test_event_files_and_the_events_feed_link_to_the_site_address(client, event_factory):
    event = event_factory(title="Visite du verger")
    single = client.get(f"/fr/evenements/{event.pk}/evenement.ics").content
    feed = client.get("/fr/evenements/calendrier.ics").content
    assert urls_in(single) == [SITE + event.url]
    assert urls_in(feed) == [SITE + event.url]
    assert "@salim.example" in single.decode()  # the event's identifier, stable everywhere


def test_the_funding_deadlines_feed_links_to_the_site_address(client, home_pages, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2026, 11, 23))
    index = home_pages["fr"].add_child(instance=FundingIndexPage(title="Financement"))
    index.save_revision().publish()
    guide = index.add_child(instance=FundingGuidePage(title="Subvention", funder="Ville"))
    guide.save_revision().publish()
    FundingDeadline.objects.create(page=guide, date=date(2026, 12, 15))
    feed = client.get("/fr/financement/echeances.ics").content
    assert urls_in(feed) == [SITE + guide.url]


def test_registration_emails_link_to_the_event_at_the_site_address(
    event_factory, member, django_capture_on_commit_callbacks
):
    event = event_factory(title="Atelier conserves")
    registration = registrations.register(event, member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_registration_email(registration)
    [message] = mail.outbox
    assert SITE + event.url in message.body
    assert urls_in(message.attachments[0][1]) == [SITE + event.url]


def test_the_printed_carte_proximite_page_names_the_site_address(client, home_pages, area_factory):
    verdun = area_factory("Verdun")
    guide = home_pages["fr"].add_child(
        instance=CarteProximitePage(title="La Carte proximité", slug="carte-proximite")
    )
    guide.save_revision().publish()
    Producer.objects.create(name="Marché de Verdun", kind=Producer.Kind.PUBLIC_MARKET, area=verdun)
    html = client.get(guide.url, {"borough": verdun.slug, "print": "1"}).content.decode()
    assert f"{SITE}/fr/carte-proximite/" in html
    assert OTHER_SITE_ADDRESSES.search(html) is None


def test_a_producer_page_gives_search_engines_the_site_address(client, producer_factory):
    producer = producer_factory("Ferme Lebeau")
    html = client.get(producer.get_absolute_url()).content.decode()
    assert f'"url": "{SITE}{producer.get_absolute_url()}"' in html


def test_the_demo_site_answers_at_the_configured_address(home_pages):
    demo.at_configured_address()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("salim.example", 8443)


@pytest.mark.parametrize(
    ("environment", "address"),
    [
        ({"PORT": "22000"}, "http://127.0.0.1:22000"),
        ({}, "http://127.0.0.1:8000"),
        ({"WAGTAILADMIN_BASE_URL": "https://salim.example"}, "https://salim.example"),
    ],
)
def test_make_run_gives_the_site_its_address_from_the_port(environment, address):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    shown = subprocess.run(
        [
            shutil.which("make"),
            "--silent",
            "--eval",
            "address: ; @echo $$WAGTAILADMIN_BASE_URL",
            "address",
        ],
        cwd=Path(__file__).resolve().parents[1],
        env={"PATH": "/usr/bin:/bin", **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.strip() == address
