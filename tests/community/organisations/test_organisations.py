"""Organisation profiles: members see the network's organisations, admins keep theirs,
budgets stay with the organisation and the network's staff."""

import pytest

from community.models import Membership, Organisation


@pytest.fixture
def verdun_kitchen(db, user_factory):
    organisation = Organisation.objects.create(
        name="Cuisine collective de Verdun",
        kind="community_kitchen",
        status="approved",
        monthly_food_budget="1000_5000",
        has_vehicle=True,
        max_load_kg=300,
    )
    admin = user_factory(email="admin@verdun.example")
    cook = user_factory(email="cuisinier@verdun.example")
    Membership.objects.create(
        user=admin, organisation=organisation, role="admin", status="approved"
    )
    Membership.objects.create(
        user=cook, organisation=organisation, role="member", status="approved"
    )
    return {"organisation": organisation, "admin": admin, "cook": cook}


@pytest.fixture
def outsider_member(db, user_factory):
    other = Organisation.objects.create(
        name="Banque alimentaire de Lachine", kind="food_bank", status="approved"
    )
    person = user_factory(email="lachine@example.org")
    Membership.objects.create(user=person, organisation=other, role="admin", status="approved")
    return person


def test_members_see_the_organisations_but_not_others_budgets(
    client, home_pages, verdun_kitchen, outsider_member
):
    organisation = verdun_kitchen["organisation"]
    client.force_login(outsider_member)
    listing = client.get("/fr/organisations/").content.decode()
    assert "Cuisine collective de Verdun" in listing
    page = client.get(f"/fr/organisations/{organisation.pk}/").content.decode()
    assert "jusqu&#x27;à 300 kg" in page or "300 kg" in page
    assert "1 000 à 5 000 $" not in page
    client.force_login(verdun_kitchen["cook"])
    assert "1 000 à 5 000 $" in client.get(f"/fr/organisations/{organisation.pk}/").content.decode()


def test_the_public_and_non_members_see_no_organisation(
    client, home_pages, verdun_kitchen, user_factory
):
    organisation = verdun_kitchen["organisation"]
    assert "/comptes/login/" in client.get("/fr/organisations/").url
    client.force_login(user_factory())
    assert client.get("/fr/organisations/").status_code == 403
    assert client.get(f"/fr/organisations/{organisation.pk}/").status_code == 403


def test_only_the_organisations_admins_edit_its_profile(
    client, home_pages, verdun_kitchen, outsider_member, editor
):
    organisation = verdun_kitchen["organisation"]
    url = f"/fr/organisations/{organisation.pk}/modifier/"
    data = {
        "name": "Cuisine collective de Verdun",
        "kind": "community_kitchen",
        "cold_room": "on",
        "monthly_food_budget": "5000_20000",
    }
    for person in (verdun_kitchen["cook"], outsider_member):
        client.force_login(person)
        assert client.post(url, data).status_code == 403
    organisation.refresh_from_db()
    assert not organisation.cold_room
    client.force_login(verdun_kitchen["admin"])
    assert client.post(url, data).status_code == 302
    organisation.refresh_from_db()
    assert organisation.cold_room and organisation.monthly_food_budget == "5000_20000"
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_a_profile_error_keeps_what_was_typed(client, home_pages, verdun_kitchen, outsider_member):
    client.force_login(verdun_kitchen["admin"])
    url = f"/fr/organisations/{verdun_kitchen['organisation'].pk}/modifier/"
    response = client.post(
        url,
        {
            "name": "banque alimentaire de lachine",
            "kind": "community_kitchen",
            "contact_phone": "514 555-0199",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "existe déjà" in html
    assert "514 555-0199" in html
