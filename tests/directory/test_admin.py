"""The directory's admin screens: who reaches them, the freshness filters, the verify
action, CSV export and the freshness panel on the admin home."""

from datetime import timedelta

from django.utils import timezone

import pytest

from directory.models import Producer

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)

PRODUCERS = "/admin/directory/producer/"


@pytest.fixture
def stale_and_fresh(producer_factory, offer_factory):
    old = timezone.localdate() - timedelta(days=400)
    stale = producer_factory("Ferme à revoir", last_verified_on=old)
    offer_factory(producer=stale, price_seen_on=old)
    fresh = producer_factory("Ferme à jour")
    unlocated = producer_factory("Ferme sans coordonnées", latitude=None, longitude=None)
    return {"stale": stale, "fresh": fresh, "unlocated": unlocated}


def listed(response):
    return {producer.name for producer in response.context["object_list"]}


def test_anonymous_visitor_is_sent_to_sign_in(client, home_pages):
    response = client.get(PRODUCERS)
    assert response.status_code == 302
    assert "/comptes/login/" in response.url


def test_member_cannot_reach_the_directory_admin(client, member):
    client.force_login(member)
    assert client.get(PRODUCERS).status_code == 302
    assert client.get("/admin/directory/import/").status_code == 302


def test_editor_lists_searches_and_filters_entries(client, editor, stale_and_fresh):
    client.force_login(editor)
    assert listed(client.get(PRODUCERS)) == {
        "Ferme à revoir",
        "Ferme à jour",
        "Ferme sans coordonnées",
    }
    assert listed(client.get(PRODUCERS, {"freshness": "stale"})) == {"Ferme à revoir"}
    assert listed(client.get(PRODUCERS, {"location": "missing"})) == {"Ferme sans coordonnées"}
    assert listed(client.get(PRODUCERS, {"q": "revoir"})) == {"Ferme à revoir"}


def test_stale_limit_is_configurable(client, editor, producer_factory, settings):
    producer_factory(
        "Vérifiée il y a 40 jours", last_verified_on=timezone.localdate() - timedelta(days=40)
    )
    client.force_login(editor)
    assert listed(client.get(PRODUCERS, {"freshness": "stale"})) == set()
    settings.DIRECTORY_STALE_AFTER_DAYS = 30
    assert listed(client.get(PRODUCERS, {"freshness": "stale"})) == {"Vérifiée il y a 40 jours"}


def test_offers_with_prices_older_than_a_season_are_filtered(
    client, editor, stale_and_fresh, offer_factory
):
    offer_factory(producer=stale_and_fresh["fresh"])
    client.force_login(editor)
    response = client.get("/admin/directory/offer/", {"price_age": "old"})
    assert [offer.producer.name for offer in response.context["object_list"]] == ["Ferme à revoir"]


def test_editor_marks_an_entry_verified_today(client, editor, stale_and_fresh):
    stale = stale_and_fresh["stale"]
    client.force_login(editor)
    url = f"/admin/directory/verify/{stale.pk}/"
    confirm = client.get(url, {"next": f"{PRODUCERS}?freshness=stale"})
    assert confirm.status_code == 200
    assert "Ferme à revoir" in confirm.content.decode()
    response = client.post(url, {"next": f"{PRODUCERS}?freshness=stale"})
    assert response.url == f"{PRODUCERS}?freshness=stale"
    stale.refresh_from_db()
    assert stale.last_verified_on == timezone.localdate()
    assert stale.last_verified_by == editor
    assert listed(client.get(PRODUCERS, {"freshness": "stale"})) == set()


def test_verify_never_redirects_off_the_site(client, editor, stale_and_fresh):
    client.force_login(editor)
    response = client.post(
        f"/admin/directory/verify/{stale_and_fresh['stale'].pk}/", {"next": "https://evil.example/"}
    )
    assert response.url == PRODUCERS


@pytest.mark.parametrize("next_url", ["abc", "-1", "12"])
def test_verify_takes_next_as_an_address_never_as_a_view_name(
    client, editor, stale_and_fresh, next_url
):
    client.force_login(editor)
    response = client.post(
        f"/admin/directory/verify/{stale_and_fresh['stale'].pk}/", {"next": next_url}
    )
    assert response.status_code == 302
    assert response.url == PRODUCERS


def test_verify_needs_the_permission_and_a_post(client, user_factory, stale_and_fresh):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Readers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    reader = user_factory(groups=["Readers"])
    client.force_login(reader)
    stale = stale_and_fresh["stale"]
    response = client.post(f"/admin/directory/verify/{stale.pk}/")
    assert (
        response.status_code == 302 and response.url == "/admin/"
    )  # Wagtail's "permission denied"
    stale.refresh_from_db()
    assert stale.last_verified_on != timezone.localdate()


def test_filtered_list_exports_as_csv(client, editor, stale_and_fresh):
    client.force_login(editor)
    response = client.get(PRODUCERS, {"freshness": "stale", "export": "csv"})
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "Ferme à revoir" in body
    assert "Ferme à jour" not in body


def test_admin_home_shows_directory_freshness(client, editor, stale_and_fresh):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "directory-freshness" in html
    assert f"{PRODUCERS}?freshness=stale" in html
    assert f"{PRODUCERS}?location=missing" in html


def test_editor_creates_an_entry_in_the_admin(client, editor):
    client.force_login(editor)
    response = client.get("/admin/directory/producer/create/")
    assert response.status_code == 200
    assert not Producer.objects.exists()
