"""Accounts through django-allauth: sign-up with email verification, sign-in by email,
sign-out and password reset, in both languages and in the site's own look."""

import re

from django.contrib.auth import get_user_model
from django.test import Client

import pytest
from allauth.account.models import EmailAddress

from tests.conftest import PASSWORD

NEW_PASSWORD = "another-long-password-for-tests"


def link_in(message):
    return re.search(r"https://salim\.example:8443(/\S+)", message.body).group(1)


def sign_up(client, email="nouvelle@example.org", language="fr"):
    return client.post(
        f"/{language}/{'comptes' if language == 'fr' else 'accounts'}/signup/",
        {"first_name": "Nadia", "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def sign_in(client, email, password=PASSWORD, language="fr", **extra):
    prefix = "comptes" if language == "fr" else "accounts"
    return client.post(
        f"/{language}/{prefix}/login/", {"login": email, "password": password, **extra}
    )


def test_sign_up_verify_sign_in_and_sign_out(client, home_pages, mailoutbox):
    response = sign_up(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="nouvelle@example.org")
    assert not EmailAddress.objects.get(user=user).verified

    # Until the address is verified, signing in only resends the verification.
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["nouvelle@example.org"]
    assert message.subject.startswith("[SALIM] ")
    client.logout()
    sign_in(client, "nouvelle@example.org")
    assert "_auth_user_id" not in client.session

    confirm_url = link_in(message)
    assert confirm_url.startswith("/fr/comptes/confirm-email/")
    page = client.get(confirm_url)
    assert page.status_code == 200
    client.post(confirm_url)
    assert EmailAddress.objects.get(user=user).verified

    response = sign_in(client, "nouvelle@example.org")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

    response = client.post("/fr/comptes/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_verifying_in_the_browser_that_signed_up_signs_in_and_leads_to_joining(
    client, home_pages, mailoutbox
):
    sign_up(client)
    user = get_user_model().objects.get(email="nouvelle@example.org")
    assert "_auth_user_id" not in client.session
    response = client.post(link_in(mailoutbox[0]), follow=True)
    assert response.redirect_chain[-1][0] == "/fr/adhesion/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert EmailAddress.objects.get(user=user).verified


def test_verifying_in_another_browser_asks_the_password_first(client, home_pages, mailoutbox):
    sign_up(client)
    other_browser = Client()
    response = other_browser.post(link_in(mailoutbox[0]))
    assert response.url == "/fr/comptes/login/?next=/fr/adhesion/"
    assert "_auth_user_id" not in other_browser.session
    assert EmailAddress.objects.get(email="nouvelle@example.org").verified
    response = sign_in(other_browser, "nouvelle@example.org", next="/fr/adhesion/")
    assert response.url == "/fr/adhesion/"


def test_verification_email_is_written_in_the_visitor_language(client, home_pages, mailoutbox):
    sign_up(client, "english@example.org", language="en")
    sign_up(client.__class__(), "francais@example.org", language="fr")
    english, french = mailoutbox
    assert "/en/accounts/confirm-email/" in english.body
    assert "confirm" in english.body.lower()
    assert "/fr/comptes/confirm-email/" in french.body
    assert "confirmer" in french.body.lower() or "confirmez" in french.body.lower()


def test_sign_up_errors_are_shown_beside_the_field_and_keep_the_email(client, home_pages):
    response = client.post(
        "/fr/comptes/signup/",
        {"email": "garde@example.org", "password1": PASSWORD, "password2": "autre"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="garde@example.org"' in html
    assert PASSWORD not in html
    assert re.search(r'class="field field--invalid".*?id_password2', html, re.S)
    assert "Vous devez saisir deux fois le même mot de passe" in html
    assert not get_user_model().objects.filter(email="garde@example.org").exists()


def test_sign_up_asks_a_name_first_and_keeps_it(client, home_pages, member_factory):
    form = client.get("/fr/comptes/signup/").content.decode()
    assert form.index('name="first_name"') < form.index('name="email"')
    assert 'autocomplete="given-name"' in form and "Prénom" in form
    client.post(
        "/fr/comptes/signup/",
        {
            "first_name": " Nadia ",
            "last_name": "Benali",
            "email": "nadia@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    user = get_user_model().objects.get(email="nadia@example.org")
    assert (user.first_name, user.last_name, user.public_name) == (
        "Nadia",
        "Benali",
        "Nadia Benali",
    )
    EmailAddress.objects.filter(user=user).update(verified=True)
    client.force_login(user)
    account = client.get("/fr/mon-compte/").content.decode()
    assert 'value="Nadia"' in account and 'value="Benali"' in account


@pytest.mark.parametrize("first_name", ["", "   "])
def test_the_account_page_keeps_a_name(client, member, first_name):
    """The name asked at sign-up cannot be blanked afterwards on the account page."""
    client.force_login(member)
    preferences = {"action": "preferences", "forum_emails": "none", "language": "fr"}
    response = client.post("/fr/mon-compte/", {**preferences, "first_name": first_name})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Indiquez votre prénom : les membres et l&#x27;équipe du réseau le voient." in html
    assert re.search(r'class="field field--invalid".*?id_first_name', html, re.S)
    member.refresh_from_db()
    assert member.first_name == "Alex"
    english = client.post("/en/my-account/", {**preferences, "first_name": ""})
    assert "Give your first name: members and the network&#x27;s team see it." in (
        english.content.decode()
    )


@pytest.mark.parametrize("first_name", ["", "   "])
def test_sign_up_without_a_name_is_refused_beside_the_field(client, home_pages, first_name):
    response = client.post(
        "/fr/comptes/signup/",
        {
            "first_name": first_name,
            "email": "anonyme@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'class="field field--invalid".*?id_first_name', html, re.S)
    assert 'value="anonyme@example.org"' in html
    assert not get_user_model().objects.filter(email="anonyme@example.org").exists()


def test_sign_up_with_an_email_already_used_creates_no_second_account(client, member, mailoutbox):
    sign_up(client, member.email)
    assert get_user_model().objects.filter(email=member.email).count() == 1


def test_unknown_email_and_wrong_password_get_the_same_answer(client, member):
    unknown = sign_in(client, "personne@example.org")
    wrong = sign_in(client, member.email, password="not-the-password")
    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].errors == wrong.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_sign_in_page_is_in_the_site_look_and_both_languages(client, home_pages):
    french = client.get("/fr/comptes/login/").content.decode()
    english = client.get("/en/accounts/login/").content.decode()
    for html in (french, english):
        assert '<header class="site-header">' in html
        assert '<label for="id_login">' in html
        assert '<label for="id_password">' in html
    assert "Connexion" in french or "Se connecter" in french
    assert "Sign In" in english


def test_password_reset_by_email(client, member, mailoutbox):
    response = client.post("/fr/comptes/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    reset_url = link_in(mailoutbox[0])
    form_url = client.get(reset_url).url
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert sign_in(client, member.email, NEW_PASSWORD).status_code == 302


def test_password_reset_for_an_unknown_email_reveals_nothing(client, home_pages, mailoutbox):
    response = client.post("/fr/comptes/password/reset/", {"email": "inconnu@example.org"})
    assert response.status_code == 302
    assert response.url == "/fr/comptes/password/reset/done/"
    assert all("password/reset/key" not in message.body for message in mailoutbox)


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "https:evil.example"]
)
def test_sign_in_never_redirects_off_the_site(client, member, target):
    response = sign_in(client, member.email, next=target)
    assert response.status_code == 302
    assert not response.url.startswith(("http", "//")), response.url
    assert "evil.example" not in response.url


def test_sign_in_leads_to_my_space_and_sign_out_home_in_the_language_in_use(client, member):
    assert sign_in(client, member.email, language="en").url == "/en/my-space/"
    assert client.post("/en/accounts/logout/").url == "/en/"
    assert sign_in(client, member.email, language="fr").url == "/fr/mon-espace/"


def test_rate_limit_counters_live_in_the_shared_database_cache(client, member, settings):
    """Every server process reads the same counters: they are rows in the database."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cache_table",
        },
    }
    from django.core.management import call_command
    from django.db import connection

    call_command("createcachetable")
    for _attempt in range(5):
        sign_in(client, member.email, password="wrong")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM cache_table")
        assert cursor.fetchone()[0] > 0
    assert "Trop de tentatives" in sign_in(client, member.email).content.decode()


def test_sign_in_follows_a_next_on_the_site(client, member, page_factory):
    page = page_factory(title_fr="Ateliers")["fr"]
    assert sign_in(client, member.email, next=page.url).url == page.url


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_sign_out_never_redirects_off_the_site(client, member, target):
    client.force_login(member)
    response = client.post("/fr/comptes/logout/", {"next": target})
    assert response.status_code == 302
    assert "evil.example" not in response.url


def test_repeated_failed_sign_ins_are_refused_even_with_the_right_password(client, member):
    for _attempt in range(5):
        sign_in(client, member.email, password="wrong")
    response = sign_in(client, member.email)
    assert "_auth_user_id" not in client.session
    assert "Trop de tentatives de connexion échouées" in response.content.decode()
    english = sign_in(client, member.email, language="en")
    assert "Too many failed login attempts" in english.content.decode()


def test_sign_up_is_rate_limited_per_address(client, home_pages):
    statuses = [sign_up(client, f"robot{number}@example.org").status_code for number in range(12)]
    client.logout()
    assert statuses[-1] == 429
    assert get_user_model().objects.filter(email__startswith="robot").count() == 10


def test_password_reset_is_rate_limited(client, member, mailoutbox):
    for _attempt in range(5):
        client.post("/fr/comptes/password/reset/", {"email": member.email})
    assert len(mailoutbox) == 3
