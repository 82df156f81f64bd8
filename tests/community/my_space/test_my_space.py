"""My space: where a person lands after signing in, with what concerns them now, and
only what is theirs or their organisations'."""

import zoneinfo
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from community.forums import rules as forums
from community.models import (
    Answer,
    Commitment,
    FollowUp,
    Membership,
    Registration,
    Subscription,
    TopicVisit,
)

from ..helpers import make_need

MONTREAL = zoneinfo.ZoneInfo("America/Montreal")
NOW = datetime(2026, 11, 10, 10, tzinfo=MONTREAL)  # carrots in season, needs open
MY_SPACE = "/fr/mon-espace/"

pytestmark = pytest.mark.time_machine(NOW, tick=False)


@pytest.fixture
def commitment_factory(board):
    """make(organisation=the kitchen, awaiting=the organisation) → a commitment of the
    kitchen's kind to the farm, for carrots next summer."""

    def make(organisation=None, awaiting=Commitment.Side.ORGANISATION):
        return Commitment.objects.create(
            organisation=organisation or board["kitchen"],
            producer=board["farm"],
            product=board["carrots"],
            quantity=Decimal("20"),
            unit="kg",
            basis="week",
            starts_on=date(2027, 6, 7),
            ends_on=date(2027, 7, 4),
            awaiting=awaiting,
        )

    return make


def page_of(client, person):
    client.force_login(person)
    response = client.get(MY_SPACE)
    assert response.status_code == 200
    return response.content.decode()


def test_my_space_is_for_signed_in_people(client, home_pages):
    """Anonymous visitors are sent to the site's sign-in page, and come back after."""
    response = client.get(MY_SPACE)
    assert response.status_code == 302
    assert response.url == "/fr/comptes/login/?next=/fr/mon-espace/"


def test_my_space_speaks_english_at_its_english_address(client, home_pages, board):
    client.force_login(board["cook"])
    response = client.get("/en/my-space/")
    assert response.status_code == 200
    assert "<h1>My space</h1>" in response.content.decode()


def test_signing_in_leads_to_my_space_unless_the_link_said_where(client, home_pages, member):
    from tests.conftest import PASSWORD

    login = {"login": member.email, "password": PASSWORD}
    response = client.post("/fr/comptes/login/", login)
    assert response.status_code == 302
    assert response.url == MY_SPACE
    client.logout()
    response = client.post("/fr/comptes/login/?next=/fr/mes-evenements/", login)
    assert response.url == "/fr/mes-evenements/"


def test_an_account_without_organisation_is_shown_its_first_step(
    client, home_pages, member, organisation_factory
):
    page = page_of(client, member)
    assert "Votre première étape : rejoindre votre organisme" in page
    assert 'href="/fr/adhesion/"' in page
    assert "Besoins ouverts" not in page  # no block it could not use
    Membership.objects.create(user=member, organisation=organisation_factory(name="Marché Atwater"))
    page = page_of(client, member)
    assert "Votre demande pour Marché Atwater attend d'être approuvée." in page


def test_the_organisation_sees_its_open_needs_and_the_answers_to_decide_on(
    client, home_pages, board, organisation_factory, producer_factory
):
    need = make_need(board)
    for producer in (board["farm"], producer_factory()):
        Answer.objects.create(
            need=need, producer=producer, unit_price=Decimal("2.20"), quantity=Decimal("40")
        )
    make_need(board, organisation=organisation_factory(name="Popote de Lachine"), notes="x")
    page = page_of(client, board["colleague"])
    assert f'href="/fr/besoins/{need.pk}/">Carotte</a>' in page
    assert "2 réponses à trancher" in page
    assert "Popote de Lachine" not in page  # another organisation's need


def test_an_organisation_without_needs_is_told_what_to_do(client, home_pages, board):
    page = page_of(client, board["cook"])
    assert "Aucun besoin ouvert. Publiez ce que votre organisme veut acheter" in page
    assert 'href="/fr/besoins/nouveau/"' in page


def test_a_farm_sees_the_needs_it_could_answer(client, home_pages, board, product_factory):
    carrots = make_need(board)
    beets = make_need(board, product=product_factory(name_fr="Betterave"))
    page = page_of(client, board["farmer"])
    assert f'href="/fr/besoins/{carrots.pk}/">Carotte</a>' in page
    assert f"/fr/besoins/{beets.pk}/" not in page  # the farm offers no beets
    assert "Cuisine collective de Verdun" in page
    # The kitchen's cook is no producer: no such block for them.
    assert "Besoins auxquels votre ferme pourrait répondre" not in page_of(client, board["cook"])


def test_lots_the_organisation_may_claim_now(
    client, home_pages, board, lot_factory, product_factory
):
    onions = product_factory(name_fr="Oignon")
    open_to_all = lot_factory(created_at=timezone.now() - timedelta(hours=3))
    first_claim = lot_factory(product=onions, first_claim_minutes=120)  # onions: not ours
    page = page_of(client, board["cook"])
    assert f'href="/fr/surplus/{open_to_all.pk}/"' in page
    assert f"/fr/surplus/{first_claim.pk}/" not in page  # for those who need onions first
    make_need(board, product=onions)
    assert f"/fr/surplus/{first_claim.pk}/" in page_of(client, board["cook"])


def test_commitments_awaiting_the_persons_answer(
    client, home_pages, board, organisation_factory, commitment_factory
):
    to_farm = commitment_factory(awaiting=Commitment.Side.PRODUCER)
    to_kitchen = commitment_factory()
    elsewhere = commitment_factory(organisation=organisation_factory())
    farmer, cook = page_of(client, board["farmer"]), page_of(client, board["cook"])
    assert f"/fr/engagements/{to_farm.pk}/" in farmer
    assert f"/fr/engagements/{to_kitchen.pk}/" not in farmer
    assert f"/fr/engagements/{to_kitchen.pk}/" in cook
    assert f"/fr/engagements/{to_farm.pk}/" not in cook
    assert f"/fr/engagements/{elsewhere.pk}/" not in cook  # another kitchen's turn


def test_the_next_events_with_the_place_on_the_waiting_list(
    client, home_pages, board, event_factory, member_factory
):
    full = event_factory(title="Atelier conserves", capacity=1)
    past = event_factory(title="Visite passée", starts_in=-timedelta(days=2))
    Registration.objects.create(event=full, user=member_factory(), status="confirmed")
    for person in (member_factory(), board["cook"]):
        Registration.objects.create(event=full, user=person, status="waitlisted")
    Registration.objects.create(event=past, user=board["cook"], status="confirmed")
    page = page_of(client, board["cook"])
    assert "Atelier conserves" in page
    assert "liste d'attente, position 2" in page
    assert "Visite passée" not in page


def test_followed_topics_with_unread_posts(client, home_pages, board, topic_factory):
    followed = topic_factory(title="Carottes de conservation")
    in_followed_forum = topic_factory(title="Paniers solidaires")
    not_followed = topic_factory(title="Sujet que personne ne suit")
    cook = board["cook"]
    forums.follow(cook, topic=followed)
    Subscription.objects.create(user=cook, category=in_followed_forum.category)
    page = page_of(client, cook)
    assert "Carottes de conservation" in page
    assert "Paniers solidaires" in page
    assert not_followed.title not in page
    TopicVisit.objects.create(user=cook, topic=followed, seen_at=timezone.now())
    page = page_of(client, cook)
    assert "Carottes de conservation" not in page  # read
    assert "Paniers solidaires" in page


def test_staff_see_their_own_follow_ups_due(client, home_pages, board, editor, user_factory):
    colleague = user_factory(groups=["Editors"])
    today = timezone.localdate()
    for what, person, due in (
        ("Rappeler la ferme Lebeau", editor, today - timedelta(days=1)),
        ("Envoyer le gabarit", editor, today + timedelta(days=3)),
        ("Plus tard", editor, today + timedelta(days=30)),
        ("Le suivi d'une collègue", colleague, today),
    ):
        FollowUp.objects.create(what=what, due_on=due, assigned_to=person, producer=board["farm"])
    page = page_of(client, editor)
    assert "Rappeler la ferme Lebeau" in page
    assert "en retard" in page
    assert "Envoyer le gabarit" in page
    assert "Plus tard" not in page
    assert "Le suivi d'une collègue" not in page
    assert "Mes suivis à faire" not in page_of(client, board["cook"])


@pytest.fixture
def scene(
    board, event_factory, topic_factory, lot_factory, organisation_factory, commitment_factory
):
    """build(count): `count` of each thing My space shows, for both the kitchen and the farm."""

    def build(count):
        for _ in range(count):
            need = make_need(board)
            Answer.objects.create(
                need=need, producer=board["farm"], unit_price=Decimal("2"), quantity=Decimal("5")
            )
            make_need(board, organisation=organisation_factory())
            lot_factory(created_at=timezone.now() - timedelta(hours=3))
            commitment_factory()
            event = event_factory(capacity=0)
            Registration.objects.create(event=event, user=board["cook"], status="waitlisted")
            forums.follow(board["cook"], topic=topic_factory())

    return build


@pytest.mark.parametrize("person", ["cook", "farmer"])
def test_my_space_reads_a_fixed_number_of_queries(
    client, home_pages, board, person, scene, django_assert_max_num_queries
):
    client.force_login(board[person])
    client.get(MY_SPACE)  # settings and caches that a first request fills
    scene(1)
    with django_assert_max_num_queries(40) as few:
        client.get(MY_SPACE)
    scene(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(MY_SPACE)
    assert response.status_code == 200
