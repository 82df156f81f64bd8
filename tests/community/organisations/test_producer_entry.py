"""Producers keep their directory entry and offers current; each change is stamped."""

from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from community.models import Membership, Organisation
from community.organisations.producer_entry import OfferFormSet
from directory.models import Offer
from directory.seasons import months_to_mask

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)

URL = "/fr/mon-organisme/fiche-du-repertoire/"


@pytest.fixture
def farm(producer_factory, offer_factory, product_factory, user_factory):
    producer = producer_factory("Ferme Lebeau", phone="450-555-0101")
    offer = offer_factory(
        producer=producer,
        product=product_factory("Carotte"),
        price="1.50",
        price_seen_on=date(2026, 1, 10),
        months=[7, 8, 9],
    )
    organisation = Organisation.objects.create(
        name="Ferme Lebeau inc.", kind="producer", status="approved", producer=producer
    )
    farmer = user_factory(email="fermier@lebeau.example")
    Membership.objects.create(user=farmer, organisation=organisation, status="approved")
    return {"producer": producer, "offer": offer, "farmer": farmer}


def form_data(farm, **changes):
    offer = farm["offer"]
    data = {
        "entry-phone": "450-555-0101",
        "entry-orders_by_phone": "on",
        "entry-minimum_order": "100,00",
        "offers-TOTAL_FORMS": "2",
        "offers-INITIAL_FORMS": "1",
        "offers-MIN_NUM_FORMS": "0",
        "offers-MAX_NUM_FORMS": "1000",
        "offers-0-id": offer.pk,
        "offers-0-producer": farm["producer"].pk,
        "offers-0-product": offer.product_id,
        "offers-0-unit": "kg",
        "offers-0-price": "1,50",
        "offers-0-months": ["7", "8", "9"],
        "offers-0-grade": "standard",
        "offers-1-unit": "kg",
        "offers-1-grade": "standard",
    }
    data.update(changes)
    return data


def test_the_producers_members_update_entry_and_prices_stamped(client, home_pages, farm):
    client.force_login(farm["farmer"])
    assert "Ferme Lebeau" in client.get(URL).content.decode()
    response = client.post(
        URL, form_data(farm, **{"offers-0-price": "1,85", "entry-phone": "450-555-0199"})
    )
    assert response.status_code == 302
    producer, offer = farm["producer"], farm["offer"]
    producer.refresh_from_db()
    offer.refresh_from_db()
    assert producer.phone == "450-555-0199" and producer.updated_by == farm["farmer"]
    assert str(producer.minimum_order) == "100.00"
    assert str(offer.price) == "1.85" and offer.price_seen_on == timezone.localdate()
    assert offer.updated_by == farm["farmer"]


def test_an_unchanged_price_keeps_its_date(client, home_pages, farm):
    client.force_login(farm["farmer"])
    client.post(URL, form_data(farm))
    farm["offer"].refresh_from_db()
    assert farm["offer"].price_seen_on == date(2026, 1, 10)


def test_bad_input_is_shown_and_nothing_is_saved(client, home_pages, farm):
    client.force_login(farm["farmer"])
    response = client.post(
        URL, form_data(farm, **{"offers-0-price": "-3", "entry-phone": "450-555-0000"})
    )
    assert response.status_code == 200
    assert 'value="450-555-0000"' in response.content.decode()
    farm["producer"].refresh_from_db()
    assert farm["producer"].phone == "450-555-0101"
    assert Offer.objects.get().price_seen_on == date(2026, 1, 10)


def test_people_outside_the_producer_cannot_edit(client, home_pages, farm, member, user_factory):
    assert "/comptes/login/" in client.get(URL).url
    client.force_login(user_factory())
    assert client.get(URL).status_code == 403
    other = Organisation.objects.create(name="Cuisine", kind="community_kitchen", status="approved")
    someone = user_factory()
    Membership.objects.create(user=someone, organisation=other, status="approved")
    client.force_login(someone)
    assert client.post(URL, form_data(farm, **{"entry-phone": "000"})).status_code == 403
    farm["producer"].refresh_from_db()
    assert farm["producer"].phone == "450-555-0101"


def test_a_form_count_above_the_bound_gets_the_400_page_and_changes_nothing(
    client, home_pages, farm
):
    """The page never sends more offers than the bound: more is a tampered form."""
    client.force_login(farm["farmer"])
    for total_forms in (OfferFormSet.max_num + 1, 100_000, "99999999999999999999"):
        data = form_data(farm, **{"offers-TOTAL_FORMS": total_forms, "entry-phone": "000"})
        response = client.post(URL, data)
        assert response.status_code == 400
        assert "Requête invalide" in response.content.decode()
    farm["producer"].refresh_from_db()
    assert farm["producer"].phone == "450-555-0101"
    assert list(farm["producer"].offers.all()) == [farm["offer"]]


def test_the_page_takes_the_same_number_of_queries_with_more_offers(
    client, home_pages, farm, offer_factory, product_factory
):
    client.force_login(farm["farmer"])

    def queries():
        client.get(URL)  # what pages keep until a change (the menu) is built again
        with CaptureQueriesContext(connection) as done:
            assert client.get(URL).status_code == 200
        return len(done)

    with_one_offer = queries()
    for name in ("Betterave", "Chou", "Navet", "Oignon", "Radis"):
        offer_factory(producer=farm["producer"], product=product_factory(name))
    assert queries() == with_one_offer


def test_a_month_outside_the_calendar_is_a_form_error(client, home_pages, farm):
    client.force_login(farm["farmer"])
    for month in ("99999999999999999999", "13", "0", "-1"):
        response = client.post(URL, form_data(farm, **{"offers-0-months": ["7", month]}))
        assert response.status_code == 200
        assert response.context["offers"].forms[0].errors["months"]
    farm["offer"].refresh_from_db()
    assert farm["offer"].months == months_to_mask([7, 8, 9])


def test_another_producers_offer_cannot_be_reached_through_the_form(
    client, home_pages, farm, producer_factory, offer_factory, product_factory
):
    """An offer id of another farm is refused, and that farm's offer stays as it was."""
    theirs = offer_factory(
        producer=producer_factory("Ferme Voisine"),
        product=product_factory("Poireau"),
        price="3.00",
        months=[10],
    )
    client.force_login(farm["farmer"])
    tampered = {
        "offers-TOTAL_FORMS": "1",
        "offers-0-id": theirs.pk,
        "offers-0-product": theirs.product_id,
        "offers-0-price": "0,01",
    }
    response = client.post(URL, form_data(farm, **tampered))
    assert response.status_code == 200
    assert response.context["offers"].forms[0].errors
    theirs.refresh_from_db()
    assert (theirs.producer.name, str(theirs.price), theirs.updated_by) == (
        "Ferme Voisine",
        "3.00",
        None,
    )
    assert list(farm["producer"].offers.all()) == [farm["offer"]]


def test_a_farm_with_the_most_offers_allowed_saves_its_whole_entry(
    client, home_pages, farm, offer_factory, product_factory
):
    """At the bound, with every month ticked, the page is saved (not refused as too long)."""
    offers = [farm["offer"]] + [
        offer_factory(producer=farm["producer"], product=product_factory(f"Légume {n}"))
        for n in range(1, OfferFormSet.max_num)
    ]
    data = form_data(
        farm,
        **{"offers-TOTAL_FORMS": len(offers), "offers-INITIAL_FORMS": len(offers)},
    )
    for index, offer in enumerate(offers):
        data |= {
            f"offers-{index}-id": offer.pk,
            f"offers-{index}-product": offer.product_id,
            f"offers-{index}-unit": "kg",
            f"offers-{index}-price": "2,00",
            f"offers-{index}-months": [str(month) for month in range(1, 13)],
            f"offers-{index}-grade": "standard",
            f"offers-{index}-weekly_capacity": "",
        }
    client.force_login(farm["farmer"])
    response = client.post(URL, data)
    assert response.status_code == 302
    assert set(Offer.objects.values_list("price", flat=True)) == {Decimal("2.00")}
