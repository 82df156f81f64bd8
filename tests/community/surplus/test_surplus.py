"""Surplus and donation lots: posted by a producer, told at once to the organisations
that need the product, claimed first by them, then by everyone, never beyond what
remains; pickups confirmed by the producer; expired lots closed."""

import zoneinfo
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from community.models import Claim, SurplusLot
from community.surplus import rules as surplus

from ..helpers import SURPLUS, lot_form, make_need

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)

POSTED_AT = datetime(2026, 6, 10, 10, tzinfo=zoneinfo.ZoneInfo("America/Montreal"))


# lot_form writes local times as a person types them: at 01:30 on the night clocks fall
# back, that time is ambiguous and the form rightly asks again. A day without a change.
@pytest.mark.time_machine(POSTED_AT, tick=False)
def test_a_lot_is_posted_and_organisations_that_need_it_are_told_at_once(
    client, home_pages, board, mailoutbox, django_capture_on_commit_callbacks
):
    make_need(board)  # Verdun's kitchen needs carrots
    client.force_login(board["farmer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{SURPLUS}nouveau/", lot_form(product=board["carrots"].pk))
    lot = SurplusLot.objects.get()
    assert response.url == f"{SURPLUS}{lot.pk}/"
    assert (lot.quantity, lot.remaining, lot.price) == (
        Decimal("120.5"),
        Decimal("120.5"),
        Decimal("0.75"),
    )
    assert sorted(m.to[0] for m in mailoutbox) == [
        "colleague@verdun.example",
        "cook@verdun.example",
    ]
    assert "Ferme Lebeau" in mailoutbox[0].subject


# Posted at 10:00 on 10 June 2026, a lot expires two days later (lot_form).
@pytest.mark.time_machine(POSTED_AT, tick=False)
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"quantity": "0"}, "quantity", "Indiquez une quantité supérieure à zéro."),
        ({"price": ""}, "price", "Indiquez le prix réduit."),
        ({"expires_at": "2026-01-01T10:00"}, "expires_at", "Cette date est passée."),
        (  # twice that night: clocks fall back at 02:00
            {"pickup_from": "2026-11-01T01:30"},
            "pickup_from",
            "interprétée dans le fuseau horaire America/Montreal",
        ),
        (
            {"pickup_until": "2026-06-15T10:00"},
            "pickup_until",
            "La cueillette doit finir au plus tard à l&#x27;expiration du lot.",
        ),
    ],
)
def test_bad_lots_are_explained_and_nothing_typed_is_lost(
    client, home_pages, board, fields, field, message
):
    client.force_login(board["farmer"])
    response = client.post(f"{SURPLUS}nouveau/", lot_form(product=board["carrots"].pk, **fields))
    page = response.content.decode()
    assert message in page and response.context["form"].errors[field]
    assert "Carottes fendues, parfaites pour la soupe" in page
    assert not SurplusLot.objects.exists()


def test_organisations_that_need_it_claim_first_then_everyone(
    client, home_pages, board, lot_factory, member_factory
):
    make_need(board)
    lot = lot_factory()
    stranger = member_factory()
    with pytest.raises(surplus.ClaimRefused, match="premier choix"):
        surplus.claim(lot, stranger.memberships.get().organisation, stranger, Decimal("10"))
    surplus.claim(lot, board["kitchen"], board["cook"], Decimal("30"))
    SurplusLot.objects.filter(pk=lot.pk).update(created_at=timezone.now() - timedelta(hours=1))
    lot.refresh_from_db()
    surplus.claim(lot, stranger.memberships.get().organisation, stranger, Decimal("10"))
    lot.refresh_from_db()
    assert lot.remaining == Decimal("60")


def test_a_claim_over_what_remains_is_refused_and_kept_on_the_form(
    client, home_pages, board, lot_factory
):
    make_need(board)
    lot = lot_factory(quantity=Decimal("25"))
    client.force_login(board["cook"])
    response = client.post(
        f"{SURPLUS}{lot.pk}/", {"organisation": board["kitchen"].pk, "quantity": "40"}
    )
    page = response.content.decode()
    assert "Il ne reste que 25 kg" in page and 'value="40"' in page
    client.post(f"{SURPLUS}{lot.pk}/", {"organisation": board["kitchen"].pk, "quantity": "25"})
    lot.refresh_from_db()
    assert lot.remaining == 0 and not lot.is_open


def test_nobody_claims_for_another_organisation_or_after_expiry(board, lot_factory, member_factory):
    make_need(board)
    lot = lot_factory()
    with pytest.raises(surplus.ClaimRefused, match="votre propre organisme"):
        surplus.claim(lot, board["kitchen"], member_factory(), Decimal("5"))
    SurplusLot.objects.filter(pk=lot.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    lot.refresh_from_db()
    with pytest.raises(surplus.ClaimRefused, match="fermé"):
        surplus.claim(lot, board["kitchen"], board["cook"], Decimal("5"))
    assert not Claim.objects.exists()


def test_the_producer_confirms_pickups_and_closes_expired_lots(
    client, home_pages, board, lot_factory, mailoutbox, django_capture_on_commit_callbacks
):
    import io

    from django.core.management import call_command

    make_need(board)
    lot = lot_factory()
    with django_capture_on_commit_callbacks(execute=True):
        claim = surplus.claim(lot, board["kitchen"], board["cook"], Decimal("30"))
    assert [m.to for m in mailoutbox] == [["farmer@lebeau.example"]]
    client.force_login(board["cook"])  # only the producer confirms
    assert client.post(f"{SURPLUS}reservations/{claim.pk}/recuperee/").status_code == 403
    client.force_login(board["farmer"])
    client.post(f"{SURPLUS}reservations/{claim.pk}/recuperee/")
    claim.refresh_from_db()
    assert claim.picked_up_at is not None
    SurplusLot.objects.filter(pk=lot.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    call_command("close_expired", stdout=io.StringIO())
    lot.refresh_from_db()
    assert lot.closed_at is not None
    assert "Carotte" not in client.get(SURPLUS).content.decode().split("Lots offerts")[1]


def test_surplus_is_for_members_only(client, home_pages, board, lot_factory, user_factory):
    lot = lot_factory()
    assert "/comptes/login/" in client.get(SURPLUS).url
    client.force_login(user_factory())
    assert client.get(f"{SURPLUS}{lot.pk}/").status_code == 403
    client.force_login(board["cook"])  # community organisations do not post lots
    assert client.get(f"{SURPLUS}nouveau/").status_code == 403


def test_the_open_lots_speak_english(client, home_pages, board, lot_factory):
    lot_factory(kind="donation")
    client.force_login(board["cook"])
    page = client.get("/en/surplus/").content.decode()
    assert "Open lots" in page and "free donation" in page


def test_staff_follow_lots_in_the_admin(client, home_pages, board, lot_factory, editor):
    lot_factory()
    client.force_login(editor)
    response = client.get("/admin/community/surpluslot/")
    assert response.status_code == 200 and "Carotte" in response.content.decode()
    client.force_login(board["cook"])
    assert client.get("/admin/community/surpluslot/").status_code in (302, 403)


def test_no_claim_once_the_pickup_window_has_ended_nor_on_ones_own_farm(
    board, lot_factory, organisation_factory
):
    make_need(board)
    lot = lot_factory()
    board["farmer"].memberships.create(organisation=board["kitchen"], status="approved")
    with pytest.raises(surplus.ClaimRefused, match="votre propre ferme"):
        surplus.claim(lot, board["kitchen"], board["farmer"], Decimal("5"))
    SurplusLot.objects.filter(pk=lot.pk).update(
        pickup_from=timezone.now() - timedelta(hours=2),
        pickup_until=timezone.now() - timedelta(minutes=1),
    )
    lot.refresh_from_db()
    with pytest.raises(surplus.ClaimRefused, match="fermé"):
        surplus.claim(lot, board["kitchen"], board["cook"], Decimal("5"))


def test_other_producers_neither_close_a_lot_nor_confirm_its_pickups(
    client, home_pages, board, lot_factory, producer_factory, organisation_factory, member_factory
):
    make_need(board)
    lot = lot_factory()
    claim = surplus.claim(lot, board["kitchen"], board["cook"], Decimal("5"))
    rival = member_factory(
        organisation=organisation_factory(kind="producer", producer=producer_factory())
    )
    client.force_login(rival)
    assert client.post(f"{SURPLUS}{lot.pk}/fermer/").status_code == 404
    assert client.post(f"{SURPLUS}reservations/{claim.pk}/recuperee/").status_code == 403
    assert "Cuisine collective de Verdun" not in client.get(f"{SURPLUS}{lot.pk}/").content.decode()
    lot.refresh_from_db()
    claim.refresh_from_db()
    assert lot.closed_at is None and claim.picked_up_at is None
