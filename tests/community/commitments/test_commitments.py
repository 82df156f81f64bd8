"""Seasonal commitments: an organisation proposes, the producer accepts, counters or
declines (then the organisation answers the counter), deliveries are logged against
accepted commitments and what remains is shown; the producer sees the volume per week."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from community.models import Commitment, Delivery

from ..helpers import COMMITMENTS, first_monday_of_june, proposal

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)

ACCEPTED = {"delivery-conformity": "accepted"}  # received as it was


@pytest.fixture
def proposed(client, board, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(board["cook"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{COMMITMENTS}nouveau/", proposal(board))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Commitment.objects.get()


def test_an_organisation_proposes_and_the_producer_is_told(home_pages, board, proposed, mailoutbox):
    assert proposed.status == "proposed" and proposed.awaiting == "producer"
    assert proposed.price_per_unit == Decimal("2.10")
    assert [m.to for m in mailoutbox] == [["farmer@lebeau.example"]]
    assert "Cuisine collective de Verdun" in mailoutbox[0].subject


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"quantity": "0"}, "quantity", "Indiquez une quantité supérieure à zéro."),
        (  # the day before it starts, read when the test runs (its clock)
            {"ends_on": lambda: (first_monday_of_june() - timedelta(days=1)).isoformat()},
            "ends_on",
            "La fin vient avant le début.",
        ),
        ({"price_per_unit": "deux"}, "price_per_unit", "Saisissez un nombre."),
    ],
)
def test_bad_proposals_are_explained_and_nothing_is_lost(
    client, home_pages, board, fields, field, message
):
    client.force_login(board["cook"])
    fields = {name: value() if callable(value) else value for name, value in fields.items()}
    response = client.post(f"{COMMITMENTS}nouveau/", proposal(board, **fields))
    page = response.content.decode()
    assert message in page and response.context["form"].errors[field]
    assert "Livraison le mardi" in page
    assert not Commitment.objects.exists()


def test_the_producer_counters_and_the_organisation_accepts(
    client, home_pages, board, proposed, mailoutbox, django_capture_on_commit_callbacks
):
    url = f"{COMMITMENTS}{proposed.pk}/"
    client.post(url, {"action": "accept", "version": "1"})  # not the kitchen's turn
    proposed.refresh_from_db()
    assert proposed.status == "proposed"
    client.force_login(board["farmer"])
    mailoutbox.clear()
    terms = {
        f"terms-{k}": v for k, v in proposal(board, quantity="30", price_per_unit="2,40").items()
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "counter", "version": "1", **terms})
    proposed.refresh_from_db()
    assert (proposed.quantity, proposed.awaiting) == (Decimal("30"), "organisation")
    assert sorted(m.to[0] for m in mailoutbox) == [
        "colleague@verdun.example",
        "cook@verdun.example",
    ]
    assert "nouvelles conditions" in mailoutbox[0].body
    client.force_login(board["colleague"])
    stale = client.post(url, {"action": "accept", "version": "1"}, follow=True)
    assert "Les conditions ont changé pendant votre lecture" in stale.content.decode()
    client.post(url, {"action": "accept", "version": "2"})
    proposed.refresh_from_db()
    assert proposed.status == "accepted" and proposed.price_per_unit == Decimal("2.40")


def test_a_producer_declines(client, home_pages, board, proposed):
    client.force_login(board["farmer"])
    client.post(f"{COMMITMENTS}{proposed.pk}/", {"action": "decline", "version": "1"})
    proposed.refresh_from_db()
    assert proposed.status == "declined"


def test_deliveries_are_logged_and_what_remains_is_shown(client, home_pages, board, proposed):
    started = timezone.localdate() - timedelta(days=7)  # four weeks, begun a week ago
    Commitment.objects.filter(pk=proposed.pk).update(
        status="accepted", starts_on=started, ends_on=started + timedelta(days=27)
    )
    url = f"{COMMITMENTS}{proposed.pk}/"
    client.force_login(board["farmer"])
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    client.post(
        url,
        {
            "action": "delivery",
            "delivery-delivered_on": yesterday,
            "delivery-quantity": "35,5",
            **ACCEPTED,
        },
    )
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(
        url,
        {
            "action": "delivery",
            "delivery-delivered_on": future,
            "delivery-quantity": "10",
            **ACCEPTED,
        },
    )
    assert "Une livraison ne peut pas être dans le futur." in response.content.decode()
    zero = client.post(
        url,
        {
            "action": "delivery",
            "delivery-delivered_on": yesterday,
            "delivery-quantity": "0",
            **ACCEPTED,
        },
    )
    assert "Indiquez une quantité supérieure à zéro." in zero.content.decode()
    before = (started - timedelta(days=1)).isoformat()
    early = client.post(
        url,
        {
            "action": "delivery",
            "delivery-delivered_on": before,
            "delivery-quantity": "5",
            **ACCEPTED,
        },
    )
    assert "Cette date vient avant le début de l&#x27;engagement." in early.content.decode()
    assert Delivery.objects.count() == 1
    page = client.get(url).content.decode()
    # 40 kg a week over 4 calendar weeks = 160 kg; 35.5 delivered.
    assert "160\xa0kg" in page and "35,5\xa0kg" in page and "124,5\xa0kg" in page
    assert "336,00\xa0$" in page  # 160 kg × 2.10 $
    client.force_login(board["cook"])
    listing = client.get(COMMITMENTS).content.decode()
    assert "35,5\xa0kg sur 160\xa0kg livrés" in listing
    assert "représentent environ 336,00\xa0$ au total" in listing  # what they will cost
    english = client.get("/en/commitments/").content.decode()
    assert (
        "35.5\xa0kg of 160\xa0kg delivered" in english
        and "about $336.00 in all" in english
        and "Seasonal commitments" in english
    )


def test_the_producer_sees_the_volume_committed_per_week(
    client, home_pages, board, proposed, organisation_factory, member_factory
):
    monday = first_monday_of_june()
    other = organisation_factory(name="Banque alimentaire de LaSalle")
    Commitment.objects.filter(pk=proposed.pk).update(status="accepted")
    Commitment.objects.create(
        organisation=other,
        producer=board["farm"],
        product=board["carrots"],
        quantity=Decimal("20"),
        unit="kg",
        basis="total",
        starts_on=monday + timedelta(days=14),
        ends_on=monday + timedelta(days=27),  # the last two weeks: 10 kg each
        status="accepted",
    )
    client.force_login(board["farmer"])
    page = client.get(COMMITMENTS).content.decode()
    row = page[page.index("Carotte (kg)") :].split("</tr>")[0]
    assert [cell.split(">")[-1] for cell in row.split("</td>")[:-1]] == ["40", "40", "50", "50"]


def test_commitments_are_private_to_their_two_sides(
    client, home_pages, board, proposed, editor, user_factory
):
    url = f"{COMMITMENTS}{proposed.pk}/"
    client.force_login(board["other"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "accept", "version": "1"}).status_code == 403
    client.force_login(user_factory())
    assert client.get(url).status_code == 403
    client.force_login(editor)
    assert client.get(url).status_code == 200
    proposed.refresh_from_db()
    assert proposed.status == "proposed"


def test_a_quantity_per_week_counts_for_the_days_of_the_period(board):
    wednesday = first_monday_of_june() + timedelta(days=2)
    commitment = Commitment(
        organisation=board["kitchen"],
        producer=board["farm"],
        product=board["carrots"],
        quantity=Decimal("40"),
        basis="week",
        starts_on=wednesday,
        ends_on=wednesday + timedelta(days=27),
        price_per_unit=Decimal("2.10"),
    )
    assert commitment.total_quantity == Decimal("160")
    assert commitment.indicative_cost == Decimal("336")
    from community.commitments.rules import planned_volume

    weeks = planned_volume([commitment])[(board["carrots"], "kg")]
    assert len(weeks) == 5 and sum(weeks.values()) == Decimal("160")


def test_nobody_commits_to_their_own_farm(client, home_pages, board, organisation_factory):
    board["farmer"].memberships.create(organisation=board["kitchen"], status="approved")
    client.force_login(board["farmer"])
    response = client.post(f"{COMMITMENTS}nouveau/", proposal(board))
    assert response.context["form"].errors["producer"]
    assert not Commitment.objects.exists()


def test_a_proposal_says_whose_answer_it_awaits_in_good_french(client, board, proposed):
    """The side is in the sentence, not slotted in: "de le producteur" never shows."""
    client.force_login(board["cook"])
    page = client.get(f"{COMMITMENTS}{proposed.pk}/").content.decode()
    assert "En attente de la réponse du producteur." in page
    assert "de le " not in page and "kilogramme" not in page
    english = client.get(f"/en/commitments/{proposed.pk}/").content.decode()
    assert "Awaiting the producer's answer." in english
    assert "$2.10/kg" in english and "40\xa0kg" in english
