"""Buying together: which needs form an opportunity (a pure grouping of needs), the
combined quantity and discounts it reaches, and who sees what."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

import pytest

from community.models import Need
from community.needs.pooling import group, reached_tier
from directory.models import DiscountTier

from ..helpers import NEEDS, make_need

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)

TOGETHER = f"{NEEDS}ensemble/"


def need(pk, organisation, start, end, product=1, quantity="40", unit="kg", frequency="weekly"):
    return Need(
        pk=pk,
        organisation_id=organisation,
        product_id=product,
        quantity=Decimal(quantity),
        unit=unit,
        frequency=frequency,
        wanted_from=start,
        wanted_until=end,
    )


WINTER = (date(2026, 11, 1), date(2027, 3, 31))


def test_overlapping_needs_of_two_organisations_form_one_opportunity():
    found = group([need(1, "a", *WINTER), need(2, "b", date(2027, 1, 1), date(2027, 6, 30))])
    assert len(found) == 1
    assert found[0].weekly_quantity == 80
    assert (found[0].wanted_from, found[0].wanted_until) == (date(2026, 11, 1), date(2027, 6, 30))


@pytest.mark.parametrize(
    "needs",
    [
        # One after the other, not overlapping.
        [
            need(1, "a", date(2026, 11, 1), date(2026, 12, 31)),
            need(2, "b", date(2027, 1, 1), date(2027, 2, 1)),
        ],
        # The same organisation twice.
        [need(1, "a", *WINTER), need(2, "a", *WINTER)],
        # Different products.
        [need(1, "a", *WINTER), need(2, "b", *WINTER, product=2)],
        # Units that measure different things.
        [need(1, "a", *WINTER), need(2, "b", *WINTER, unit="bunch")],
    ],
)
def test_needs_that_do_not_pool(needs):
    assert group(needs) == []


def test_a_chain_of_periods_and_units_that_convert():
    found = group(
        [
            need(1, "a", date(2026, 11, 1), date(2026, 12, 15)),
            need(2, "b", date(2026, 12, 15), date(2027, 1, 31), quantity="22.0462262", unit="lb"),
            need(3, "c", date(2027, 1, 31), date(2027, 3, 1), quantity="160", frequency="monthly"),
        ]
    )
    assert [n.pk for n in found[0].needs] == [1, 2, 3]
    # Never all three at once: at most 40 kg + 10 kg (in pounds) on December 15.
    assert found[0].weekly_quantity.quantize(Decimal("0.1")) == Decimal("50.0")


def test_the_best_volume_discount_reached():
    tiers = [
        SimpleNamespace(min_quantity=Decimal("50"), unit="kg", percent=Decimal("5")),
        SimpleNamespace(min_quantity=Decimal("200"), unit="lb", percent=Decimal("10")),
        SimpleNamespace(min_quantity=Decimal("1"), unit="bunch", percent=Decimal("50")),
    ]
    assert reached_tier(tiers, Decimal("40"), "kg") is None
    assert reached_tier(tiers, Decimal("80"), "kg").percent == 5
    assert reached_tier(tiers, Decimal("100"), "kg").percent == 10


@pytest.fixture
def pooled(board, organisation_factory, member_factory):
    lasalle = organisation_factory(name="Banque alimentaire de LaSalle")
    helper = member_factory(organisation=lasalle, email="aide@lasalle.example")
    DiscountTier.objects.create(
        producer=board["farm"], min_quantity=Decimal("70"), unit="kg", percent=Decimal("8")
    )
    make_need(board, frequency="weekly")  # Verdun's kitchen, 40 kg a week all winter
    year = timezone.localdate().year
    theirs = make_need(
        board,
        organisation=lasalle,
        posted_by=helper,
        wanted_from=date(year + 1, 1, 1),
        wanted_until=date(year + 1, 2, 28),
        frequency="weekly",
    )
    return {**board, "lasalle": lasalle, "helper": helper, "their_need": theirs}


def test_organisations_involved_see_the_opportunity_and_say_they_are_open_to_it(
    client, home_pages, pooled, editor
):
    client.force_login(pooled["cook"])
    page = client.get(TOGETHER).content.decode()
    assert "Carotte" in page and "jusqu'à 80\xa0kg par semaine ensemble" in page
    assert "Banque alimentaire de LaSalle" in page
    assert "rabais de volume atteint ensemble : 8 %" in page
    assert "Conversation sur l'achat groupé" not in page
    client.post(
        f"{NEEDS}{Need.objects.get(organisation=pooled['kitchen']).pk}/statut/",
        {"action": "together", "next": "together"},
    )
    assert Need.objects.get(organisation=pooled["kitchen"]).buy_together
    assert "Conversation sur l'achat groupé" in client.get(TOGETHER).content.decode()
    client.force_login(pooled["helper"])  # LaSalle's own need stays its own business
    assert "Conversation sur l'achat groupé" not in client.get(TOGETHER).content.decode()
    client.force_login(editor)  # staff see every opportunity
    page = client.get(TOGETHER).content.decode()
    assert "Banque alimentaire de LaSalle" in page and "Cuisine collective de Verdun" in page


def test_organisations_not_involved_see_no_opportunity(client, home_pages, pooled):
    client.force_login(pooled["other"])
    page = client.get(TOGETHER).content.decode()
    assert "Carotte" not in page and "Aucune occasion" in page
    client.force_login(pooled["farmer"])  # producers do not post needs
    assert client.get(TOGETHER).status_code == 403


def test_organisations_open_to_it_discuss_buying_together(
    client, home_pages, pooled, mailoutbox, django_capture_on_commit_callbacks
):
    conversation = f"{TOGETHER}{pooled['carrots'].pk}/"
    client.force_login(pooled["cook"])
    assert client.get(conversation).status_code == 403  # not open to it yet
    Need.objects.update(buy_together=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(conversation, {"message-body": "On partage la livraison du mardi ?"})
    assert sorted(m.to[0] for m in mailoutbox) == [
        "aide@lasalle.example",
        "colleague@verdun.example",
    ]
    client.force_login(pooled["helper"])
    assert "On partage la livraison" in client.get(conversation).content.decode()
    client.force_login(pooled["other"])
    assert client.get(conversation).status_code == 403
