"""Every public page type issues as many queries with twice the records it lists as with
more than a page of them (a list that fits on its first page is read without counting
it: one query fewer; the home page, the search, the directory list, producer and product
pages have their own tests beside them)."""

import itertools
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from cms.models import (
    CarteDistributor,
    CarteProximitePage,
    FundingDeadline,
    RelatedResource,
    ResourceDocument,
)
from directory.models import Producer


def queries(client, url):
    # What a page keeps between requests (the menu, Wagtail's site) is built; the first
    # page of a site makes its navigation settings, which moves the version it is kept under.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def assert_constant(client, url, add):
    add(12)
    some = queries(client, url)
    add(12)
    assert queries(client, url) == some, url


@pytest.fixture
def freeze_today(time_machine):
    time_machine.move_to(timezone.now().replace(hour=12), tick=False)


def test_events_index_and_event_page(client, event_factory, events_index, member_factory):
    event = event_factory(title="Visite de la ferme")

    def add(number):
        for _ in range(number):
            event_factory(starts_in=timedelta(days=3))
            event_factory(starts_in=-timedelta(days=30))  # past: the archive's side

    assert_constant(client, events_index.url, add)

    def register(number):
        for _ in range(number):
            event.registrations.create(user=member_factory(), status="confirmed")

    assert_constant(client, event.url, register)


def test_a_farm_visit_names_its_producer_at_no_query_more(client, event_factory, producer_factory):
    workshop = event_factory(title="Atelier de semis")
    visit = event_factory(
        title="Visite de la ferme", producer=producer_factory(name="Ferme Ménard")
    )

    response = client.get(visit.url)
    assert "Ferme Ménard" in response.content.decode()
    assert queries(client, visit.url) == queries(client, workshop.url)


def test_resources_index_and_resource_page(client, resource_factory, document_factory, library):
    resource = resource_factory("Gabarit de commande groupée")
    made = itertools.count()

    def add(number):
        for _ in range(number):
            resource_factory(f"Ressource {next(made)}", topic="prices")

    assert_constant(client, library.url, add)

    def attach(number):  # documents to the page, and related resources
        for _ in range(number):
            n = next(made)
            document = document_factory(f"document-{n}")
            ResourceDocument.objects.create(page=resource, document=document)
            RelatedResource.objects.create(page=resource, resource=resource_factory(f"Liée {n}"))

    assert_constant(client, resource.url, attach)


def test_funding_index_and_guide(client, guide_factory, funding, freeze_today):
    today = timezone.localdate()
    guide = guide_factory("Fonds d'achat local", deadlines=[today + timedelta(days=9)])

    def add(number):
        for n in range(number):
            other = guide_factory(f"Programme {number}-{n}", deadlines=[today + timedelta(days=n)])
            FundingDeadline.objects.create(page=other, date=today - timedelta(days=n + 1))
            FundingDeadline.objects.create(page=guide, date=today + timedelta(days=20 + n))

    assert_constant(client, funding.url, add)
    assert_constant(client, guide.url, add)


def test_carte_proximite_guide(client, home_pages, producer_factory, area_factory):
    verdun = area_factory("Verdun")
    guide = home_pages["fr"].add_child(
        instance=CarteProximitePage(title="La Carte proximité", slug="carte-proximite")
    )
    guide.save_revision().publish()

    def add(number):
        for n in range(number):
            area = area_factory()
            producer_factory(
                kind=Producer.Kind.PUBLIC_MARKET, area=area, accepts_carte_proximite=True
            )
            producer_factory(area=verdun, accepts_carte_proximite=True)
            CarteDistributor.objects.create(page=guide, name=f"Point {number}-{n}", area=area)

    assert_constant(client, guide.url, add)
    assert_constant(client, f"{guide.url}?borough={verdun.slug}", add)


def test_in_season_page(client, home_pages, offer_factory, product_factory, freeze_today):
    month = timezone.localdate().month

    def add(number):
        for _ in range(number):
            product = product_factory()
            offer_factory(product=product, months=[month])
            offer_factory(product=product, months=[month % 12 + 1])  # next month's
            offer_factory(months=[(month + 5) % 12 + 1])  # another season's

    assert_constant(client, "/fr/de-saison/", add)
