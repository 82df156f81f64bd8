"""A person's own account: their data as a file, and deleting the account."""

import json

from django.contrib.auth import get_user_model

import pytest

from community.events import rules as registrations
from community.models import Membership, Organisation, Registration
from tests.conftest import PASSWORD

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)


def test_account_pages_need_an_account(client, home_pages):
    assert "/comptes/login/" in client.get("/fr/mon-compte/").url
    assert "/comptes/login/" in client.get("/fr/mon-compte/mes-donnees.json").url


def test_data_export_holds_the_persons_own_data_only(client, event_factory, member, user_factory):
    organisation = Organisation.objects.create(
        name="Cuisine de Verdun", kind="community_kitchen", status="approved"
    )
    Membership.objects.create(user=member, organisation=organisation, status="approved")
    event = event_factory(title="Atelier conserves")
    registrations.register(event, member, answers={"Allergies": "arachides"})
    registrations.register(event, user_factory(email="autre@example.org"))
    client.force_login(member)
    response = client.get("/fr/mon-compte/mes-donnees.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert data["memberships"][0]["organisation"] == "Cuisine de Verdun"
    assert data["registrations"][0]["answers"] == {"Allergies": "arachides"}
    assert "autre@example.org" not in response.content.decode()


def test_deleting_the_account_needs_the_password_and_frees_seats(
    client, event_factory, member, user_factory
):
    event = event_factory(capacity=1)
    registrations.register(event, member)
    waiting = registrations.register(event, user_factory())
    client.force_login(member)
    wrong = client.post("/fr/mon-compte/", {"action": "delete", "password": "pas-le-bon"})
    assert "Ce n&#x27;est pas votre mot de passe" in wrong.content.decode()
    assert get_user_model().objects.filter(pk=member.pk).exists()
    response = client.post("/fr/mon-compte/", {"action": "delete", "password": PASSWORD})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=member.pk).exists()
    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.CONFIRMED
    assert "_auth_user_id" not in client.session
