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


@pytest.mark.parametrize(
    ("asker", "admin", "page", "subject", "text"),
    [
        ("fr", "en", JOIN, "benevole@example.org asks to join", "Approve or refuse the request"),
        (
            "en",
            "fr",
            "/en/membership/",
            "benevole@example.org demande à rejoindre",
            "Approuvez ou refusez la demande",
        ),
    ],
    ids=["french-asks-english-admin", "english-asks-french-admin"],
)
def test_a_request_to_join_is_written_in_the_admins_language(
    client,
    user_factory,
    organisation_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
    asker,
    admin,
    page,
    subject,
    text,
):
    """Not in the language of the person asking, nor of the page they asked from."""
    organisation = organisation_factory(
        admin=user_factory(email="admin@cuisine.example", language=admin)
    )
    client.force_login(user_factory(email="benevole@example.org", language=asker))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page, {"action": "join", "join-organisation": organisation.pk})
    [message] = mailoutbox
    assert message.to == ["admin@cuisine.example"]
    assert subject in message.subject and text in message.body


@pytest.mark.parametrize(
    ("decision", "person", "page", "subject", "text"),
    [
        ("approve", "en", REQUESTS, "Welcome to the network", "is approved"),
        ("refuse", "en", REQUESTS, "Your request to join", "was not approved"),
        (
            "approve",
            "fr",
            "/en/my-organisation/requests/",
            "Bienvenue dans le réseau",
            "est approuvée",
        ),
        (
            "refuse",
            "fr",
            "/en/my-organisation/requests/",
            "Votre demande pour rejoindre",
            "n'a pas été approuvée",
        ),
    ],
    ids=["english-approved", "english-refused", "french-approved", "french-refused"],
)
def test_the_decision_is_written_in_the_language_of_the_person_who_asked(
    client,
    user_factory,
    organisation_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
    decision,
    person,
    page,
    subject,
    text,
):
    admin = user_factory(language="fr" if person == "en" else "en")
    organisation = organisation_factory(admin=admin)
    asking = user_factory(email="benevole@example.org", language=person)
    request_to_join = Membership.objects.create(user=asking, organisation=organisation)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page, {"membership": request_to_join.pk, "decision": decision})
    [message] = mailoutbox
    assert message.to == ["benevole@example.org"]
    assert subject in message.subject and text in message.body
    assert organisation.name in message.subject


def test_a_proposed_organisation_is_announced_to_each_staff_member_in_their_language(
    client, user_factory, mailoutbox, django_capture_on_commit_callbacks
):
    user_factory(email="francophone@salim.example", groups=["Editors"], language="fr")
    user_factory(email="anglophone@salim.example", groups=["Moderators"], language="en")
    client.force_login(user_factory(email="nouvelle@example.org", language="fr"))
    with django_capture_on_commit_callbacks(execute=True):
        propose(client)
    subjects = {message.to[0]: message.subject for message in mailoutbox}
    assert subjects == {
        "francophone@salim.example": "[SALIM] Nouvel organisme à approuver : "
        "Banque alimentaire de LaSalle",
        "anglophone@salim.example": "[SALIM] New organisation to approve: "
        "Banque alimentaire de LaSalle",
    }


@pytest.fixture
def two_requests(user_factory, organisation_factory):
    """A pending request to the admin's organisation, and one to another organisation."""
    admin = user_factory()
    own = Membership.objects.create(
        user=user_factory(), organisation=organisation_factory(admin=admin), status="pending"
    )
    other = Membership.objects.create(
        user=user_factory(),
        organisation=organisation_factory("Banque alimentaire de LaSalle"),
        status="pending",
    )
    return {"admin": admin, "own": own, "other": other}


@pytest.mark.parametrize(
    "membership, decision", [("abc", "approve"), ("", "approve"), ("own", "maybe")]
)
def test_a_tampered_decision_form_gets_the_400_page_and_changes_nothing(
    client, two_requests, membership, decision
):
    value = two_requests["own"].pk if membership == "own" else membership
    client.force_login(two_requests["admin"])
    response = client.post(REQUESTS, {"membership": value, "decision": decision})
    assert response.status_code == 400
    assert "Requête invalide" in response.content.decode()
    assert Membership.objects.filter(status="pending").count() == 2


@pytest.mark.parametrize("membership", ["other", "999999", "99999999999999999999999"])
def test_a_request_of_another_organisation_or_none_is_not_found(client, two_requests, membership):
    value = two_requests["other"].pk if membership == "other" else membership
    client.force_login(two_requests["admin"])
    response = client.post(REQUESTS, {"membership": value, "decision": "approve"})
    assert response.status_code == 404
    assert Membership.objects.filter(status="pending").count() == 2


def test_a_request_decided_meanwhile_by_another_admin_says_so(client, two_requests):
    own = two_requests["own"]
    Membership.objects.filter(pk=own.pk).update(status="refused")
    client.force_login(two_requests["admin"])
    response = client.post(REQUESTS, {"membership": own.pk, "decision": "approve"}, follow=True)
    assert "Cette demande a déjà été traitée." in response.content.decode()
    own.refresh_from_db()
    assert own.status == "refused"
