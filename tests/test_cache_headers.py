"""What the site sends a signed-in person may hold their own data: no cache on the way (a
proxy, a CDN) nor the browser's disk keeps it. Public pages for anonymous visitors and
static files keep their caching."""

import pytest

PRIVATE = "private, no-store"


@pytest.fixture
def signed_in(client, member_factory):
    client.force_login(member_factory(email="alex@example.org"))
    return client


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize(
    "url",
    [
        "/fr/",  # the home page, a Wagtail page
        "/fr/mon-compte/",
        "/fr/mon-compte/mes-donnees.json",  # the personal data export
        "/fr/producteurs/",
        "/robots.txt",  # public and cacheable for anonymous visitors
    ],
)
def test_every_response_to_a_signed_in_person_is_private_and_not_stored(signed_in, home_pages, url):
    response = signed_in.get(url)
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)
    assert "public" not in cache_control(response)


def test_the_data_export_is_not_stored(signed_in, home_pages):
    response = signed_in.get("/fr/mon-compte/mes-donnees.json")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == PRIVATE


def test_the_admin_keeps_djangos_stricter_never_cache(client, editor, home_pages):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert {"no-cache", "no-store", "must-revalidate", "private"} <= cache_control(response)


def test_anonymous_visitors_keep_public_caching(client, home_pages):
    assert "no-store" not in cache_control(client.get("/fr/"))
    assert "public" in cache_control(client.get("/robots.txt"))


def test_static_files_keep_their_caching_for_signed_in_people(signed_in):
    response = signed_in.get("/static/css/site.css")
    assert response.status_code == 200
    assert "no-store" not in cache_control(response)
