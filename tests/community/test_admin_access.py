"""Who reaches the Wagtail admin, and how they sign in to it."""

import pytest

from tests.conftest import PASSWORD


def test_anonymous_visitor_is_sent_to_the_site_sign_in(client, home_pages):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/fr/comptes/login/?next=/admin/")


def test_editor_signs_in_through_the_site_and_reaches_the_admin(client, editor):
    response = client.post(
        "/fr/comptes/login/?next=/admin/",
        {"login": editor.email, "password": PASSWORD, "next": "/admin/"},
    )
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_plain_member_is_refused_the_admin(client, member):
    client.force_login(member)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[0][0].startswith("/fr/comptes/login/")
    assert "admin/home.html" not in [t.name for t in response.templates]
    assert (
        "Vous n’avez pas l’autorisation d’accéder à l’administration." in response.content.decode()
    )


def test_plain_member_is_refused_admin_pages_too(client, member, home_pages):
    client.force_login(member)
    response = client.get(f"/admin/pages/{home_pages['fr'].pk}/")
    assert response.status_code == 302
    assert "/comptes/login/" in response.url


def test_the_admin_login_form_signs_nobody_in(client, editor):
    """The admin's own form has no rate limit: it only sends people to the site's."""
    response = client.post("/admin/login/", {"username": editor.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "/comptes/login/" in response.url
    assert "_auth_user_id" not in client.session


def test_admin_password_reset_is_not_offered(client, editor):
    assert client.get("/admin/password_reset/", follow=True).status_code == 404


@pytest.mark.parametrize("path", ["/fr/", "/admin/"])
def test_content_security_policy_is_sent(client, editor, home_pages, path):
    client.force_login(editor)
    policy = client.get(path)["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    if path == "/fr/":
        assert "'unsafe-inline'" not in policy
