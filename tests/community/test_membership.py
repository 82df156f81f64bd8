"""Belonging to the network: propose an organisation or ask to join one; editors and
organisation admins approve; approval makes a member (the Members group), suspension
undoes it."""

import pytest

from community.models import Membership, Organisation

JOIN = "/fr/adhesion/"
REQUESTS = "/fr/mon-organisme/demandes/"


@pytest.fixture
def organisation_factory(db):
    def make(name="Cuisine collective de Verdun", admin=None, status=Organisation.Status.APPROVED):
        organisation = Organisation.objects.create(
            name=name, kind="community_kitchen", status=status
        )
        if admin is not None:
            Membership.objects.create(
                user=admin, organisation=organisation, role="admin", status="approved"
            )
        return organisation

    return make


def propose(client, name="Banque alimentaire de LaSalle"):
    return client.post(
        JOIN, {"action": "propose", "propose-name": name, "propose-kind": "food_bank"}
    )


def test_membership_pages_need_an_account(client, home_pages):
    assert "/comptes/login/" in client.get(JOIN).url
    assert "/comptes/login/" in client.get(REQUESTS).url


def test_proposed_organisation_is_approved_by_editors_and_its_proposer_becomes_a_member(
    client, user_factory, editor, mailoutbox, django_capture_on_commit_callbacks
):
    person = user_factory(email="nouvelle@example.org")
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        assert propose(client).status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.status == Organisation.Status.PENDING
    assert not person.groups.filter(name="Members").exists()
    assert [m.to for m in mailoutbox] == [[editor.email]]
    mailoutbox.clear()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/organisations/{organisation.pk}/approve/")
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.APPROVED
    membership = Membership.objects.get(user=person)
    assert (membership.role, membership.status) == ("admin", "approved")
    assert person.groups.filter(name="Members").exists()
    assert [m.to for m in mailoutbox] == [["nouvelle@example.org"]]


def test_a_duplicate_organisation_name_is_refused_with_a_message(
    client, user_factory, organisation_factory
):
    organisation_factory("Cuisine collective de Verdun")
    client.force_login(user_factory())
    response = propose(client, "cuisine collective  de verdun")
    html = response.content.decode()
    assert response.status_code == 200
    assert "existe déjà" in html
    assert 'value="cuisine collective  de verdun"' in html
    assert Organisation.objects.count() == 1


def test_joining_is_approved_by_the_organisations_admin(
    client, user_factory, organisation_factory, mailoutbox, django_capture_on_commit_callbacks
):
    admin = user_factory(email="admin@cuisine.example")
    organisation = organisation_factory(admin=admin)
    person = user_factory(email="benevole@example.org")
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(JOIN, {"action": "join", "join-organisation": organisation.pk})
    assert [m.to for m in mailoutbox] == [["admin@cuisine.example"]]
    second = client.post(JOIN, {"action": "join", "join-organisation": organisation.pk})
    assert "déjà demandé" in second.content.decode()
    assert Membership.objects.filter(user=person).count() == 1
    client.force_login(admin)
    request_to_join = Membership.objects.get(user=person)
    assert "benevole@example.org" in client.get(REQUESTS).content.decode()
    client.post(REQUESTS, {"membership": request_to_join.pk, "decision": "approve"})
    request_to_join.refresh_from_db()
    assert request_to_join.status == "approved"
    assert person.groups.filter(name="Members").exists()


def test_only_that_organisations_admins_decide_its_requests(
    client, user_factory, organisation_factory
):
    verdun = organisation_factory("Cuisine de Verdun", admin=user_factory())
    other_admin = user_factory()
    organisation_factory("Cuisine de Lachine", admin=other_admin)
    person = user_factory()
    request_to_join = Membership.objects.create(user=person, organisation=verdun)
    client.force_login(other_admin)
    assert "Cuisine de Verdun" not in client.get(REQUESTS).content.decode()
    response = client.post(REQUESTS, {"membership": request_to_join.pk, "decision": "approve"})
    assert response.status_code == 404
    request_to_join.refresh_from_db()
    assert request_to_join.status == "pending"


def test_an_editor_suspending_a_membership_ends_membership_rights(
    client, editor, user_factory, organisation_factory
):
    person = user_factory()
    organisation = organisation_factory()
    membership = Membership.objects.create(
        user=person, organisation=organisation, status="approved"
    )
    assert person.groups.filter(name="Members").exists()
    client.force_login(editor)
    response = client.post(
        f"/admin/community/membership/edit/{membership.pk}/",
        {"role": "member", "status": "suspended"},
    )
    assert response.status_code == 302
    assert not person.groups.filter(name="Members").exists()


def test_members_and_the_public_cannot_approve_organisations(client, member, organisation_factory):
    pending = organisation_factory("En attente", status=Organisation.Status.PENDING)
    client.force_login(member)
    client.post(f"/admin/organisations/{pending.pk}/approve/")
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.PENDING
