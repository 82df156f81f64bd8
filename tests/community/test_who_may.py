"""Who may do what (community.access): one answer to each question, wherever it is asked."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

import pytest

from cms.models import EventQuestion
from community import access
from community.forums import rules as forums
from community.models import Membership, Organisation, Post, Registration

from .helpers import need_form

ENTRY = "/fr/mon-organisme/fiche-du-repertoire/"


@pytest.mark.parametrize("status", ["pending", "refused"])
def test_only_the_members_of_an_approved_business_keep_its_directory_entry(
    client, home_pages, producer_factory, user_factory, status
):
    """The directory entry is kept by those who act for the producer on the boards: an
    approved member of its business, which the network approved."""
    producer = producer_factory("Ferme Lebeau", phone="450-555-0101")
    business = Organisation.objects.create(
        name="Ferme Lebeau inc.", kind="producer", status="approved", producer=producer
    )
    farmer = user_factory()
    Membership.objects.create(user=farmer, organisation=business, status="approved")
    client.force_login(farmer)
    assert client.get(ENTRY).status_code == 200

    business.status = status  # an editor takes the approval back in the admin
    business.save()
    response = client.get(ENTRY)
    assert response.status_code == 403
    assert "403.html" in [template.name for template in response.templates]
    response = client.post(ENTRY, {"entry-phone": "450-555-0000"})
    assert response.status_code == 403
    producer.refresh_from_db()
    assert producer.phone == "450-555-0101"


@pytest.mark.parametrize("status", ["pending", "refused"])
def test_only_the_admins_of_an_approved_organisation_edit_its_profile(
    client, home_pages, user_factory, editor, status
):
    """An organisation's admin is an admin of an approved organisation: the admin of one
    the network has not approved (or refused) edits nothing, as they decide no request;
    the staff still can."""
    garden = Organisation.objects.create(
        name="Jardins du Sud-Ouest", kind="community_kitchen", status=status
    )
    admin = user_factory(email="admin@jardins.example")
    Membership.objects.create(user=admin, organisation=garden, role="admin", status="approved")
    url = f"/fr/organisations/{garden.pk}/modifier/"
    data = {"name": "Jardins du Sud-Ouest", "kind": "community_kitchen", "cold_room": "on"}
    client.force_login(admin)
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    garden.refresh_from_db()
    assert not garden.cold_room

    client.force_login(editor)
    assert client.post(url, data).status_code == 302
    garden.refresh_from_db()
    assert garden.cold_room

    garden.status = "approved"  # the network approves it: its admin now edits its profile
    garden.save()
    client.force_login(admin)
    assert client.get(url).status_code == 200


def test_the_organisation_question_offers_only_the_persons_approved_organisations(
    client, event_factory, member_factory, organisation_factory
):
    """A registration speaks for one of the person's organisations in the network: not
    one still waiting for approval, nor one refused."""
    event = event_factory(title="Rencontre producteurs–organismes", kind="meeting")
    question = EventQuestion.objects.create(
        page=event, label="Pour quel organisme ?", kind="organisation", required=True
    )
    person = member_factory(organisation=organisation_factory(name="Cuisine de Verdun"))
    for name, status in [("Jardin en attente", "pending"), ("Jardin refusé", "refused")]:
        person.memberships.create(
            organisation=organisation_factory(name=name, status=status), status="approved"
        )
    client.force_login(person)
    html = client.get(event.url).content.decode()
    assert "Cuisine de Verdun" in html
    assert "Jardin en attente" not in html and "Jardin refusé" not in html
    refused = client.post(
        f"/fr/evenements/{event.pk}/inscription/", {f"question_{question.pk}": "Jardin refusé"}
    )
    assert "Sélectionnez un choix valide" in refused.content.decode()


@pytest.mark.clock  # the need's dates are read from the test's clock
def test_a_need_is_not_emailed_for_a_business_the_network_has_not_approved(
    client, home_pages, board, organisation_factory, mailoutbox, django_capture_on_commit_callbacks
):
    """The people written to for a producer act for it: an approved member of its business,
    which the network approved. Being a member of the network by another organisation is
    not enough."""
    business = Organisation.objects.get(producer=board["farm"])
    business.status = "pending"  # an editor takes the approval back in the admin
    business.save()
    farmer = board["farmer"]  # still a member of the network, by a kitchen
    Membership.objects.create(
        user=farmer, organisation=organisation_factory(name="Cuisine de Lachine"), status="approved"
    )
    client.force_login(board["cook"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/besoins/nouveau/", need_form(board))
    assert response.status_code == 302
    assert "Ferme Lebeau" in client.get(response.url).content.decode()  # still suggested
    assert [message.to for message in mailoutbox] == []


# The Members group follows memberships through signals on save and delete; a
# QuerySet.update() skips them and leaves the group stale. Nothing of the network's rules
# reads the group, so a person it wrongly keeps is still no member for them.
STALE = {
    "suspended": lambda membership: Membership.objects.filter(pk=membership.pk).update(
        status=Membership.Status.SUSPENDED
    ),
    "refused": lambda membership: Membership.objects.filter(pk=membership.pk).update(
        status=Membership.Status.REFUSED
    ),
    "organisation refused": lambda membership: Organisation.objects.filter(
        pk=membership.organisation_id
    ).update(status=Organisation.Status.REFUSED),
    "organisation pending again": lambda membership: Organisation.objects.filter(
        pk=membership.organisation_id
    ).update(status=Organisation.Status.PENDING),
}


@pytest.fixture
def stale_member(user_factory, producer_factory):
    """make(how, **user fields) → someone who was an approved member of a producer's
    business, no longer one (STALE[how]), still in the Members group."""

    def make(how, farm="Ferme Brodeur", **fields):
        producer = producer_factory(farm)
        business = Organisation.objects.create(
            name=f"{farm} inc.", kind="producer", status="approved", producer=producer
        )
        person = user_factory(**fields)
        membership = Membership.objects.create(
            user=person,
            organisation=business,
            status="approved",
            decided_at=timezone.now() - timedelta(days=30),
        )
        STALE[how](membership)
        assert person.groups.filter(name=access.MEMBERS_GROUP).exists()  # stale
        assert not access.is_network_member(person)
        return person, business

    return make


@pytest.mark.parametrize("how", STALE)
def test_a_stale_members_group_makes_nobody_a_member(stale_member, how):
    person, business = stale_member(how)
    assert not access.is_member_or_staff(person)
    assert not access.may_attend_members_events(person)
    assert person not in access.members_and_staff()
    assert person not in access.members_of([business])
    assert not access.memberships_acting_for([business.producer]).filter(user=person).exists()


@pytest.mark.parametrize("how", STALE)
def test_a_stale_members_group_registers_nobody_for_members_events(
    client, event_factory, stale_member, how
):
    event = event_factory(audience="members")
    person, _business = stale_member(how)
    client.force_login(person)
    response = client.post(f"/fr/evenements/{event.pk}/inscription/", follow=True)
    assert "membres du réseau" in response.content.decode()
    assert not Registration.objects.filter(user=person).exists()


@pytest.mark.parametrize("how", STALE)
def test_a_stale_members_group_gets_no_forum_email(
    stale_member, topic_factory, member_factory, mailoutbox, django_capture_on_commit_callbacks, how
):
    """Neither the email per post nor the daily digest."""
    each, _business = stale_member(how, email="chaque@brodeur.example")
    daily, _other = stale_member(
        how, farm="Ferme Gagnon", email="quotidien@gagnon.example", forum_emails="daily"
    )
    topic = topic_factory(title="Tournée partagée")
    Post.objects.filter(topic=topic).update(created_at=timezone.now() - timedelta(days=3))
    watcher = member_factory(email="veille@example.org", forum_emails="daily")
    for person in (each, daily, watcher):
        forums.follow(person, topic=topic)
    with django_capture_on_commit_callbacks(execute=True):
        forums.reply(member_factory(), topic, "Le camion passe à 9 h.")
    assert mailoutbox == []
    call_command("send_forum_digests", stdout=io.StringIO())
    assert [message.to for message in mailoutbox] == [["veille@example.org"]]
