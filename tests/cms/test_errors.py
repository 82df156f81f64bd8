"""Friendly error pages in the site's look and the visitor's language."""

from django.test import Client
from django.urls import path

import pytest
from urls import handler500  # noqa: F401 (the site's handler, for this URLconf too)
from urls import urlpatterns as site_urlpatterns


def test_unknown_url_gives_the_styled_404_in_french(client, home_pages):
    response = client.get("/fr/cette-page-n-existe-pas/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    assert '<header class="site-header">' in html
    assert "Page introuvable" in html


def test_unknown_url_gives_the_styled_404_in_english(client, home_pages):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("broken/", broken_view), *site_urlpatterns]


@pytest.mark.urls("tests.cms.test_errors")
def test_server_error_gives_the_friendly_500_page(home_pages):
    client = Client(raise_request_exception=False)
    response = client.get("/broken/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()


@pytest.mark.urls("tests.cms.test_errors")
def test_the_500_page_says_the_team_was_told_when_it_was(home_pages, settings, mailoutbox):
    settings.ADMINS = [("Admins", "equipe@salim.example")]
    client = Client(raise_request_exception=False)
    response = client.get("/broken/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500
    assert "the team has been told" in response.content.decode()
    assert [message.to for message in mailoutbox] == [["equipe@salim.example"]]
    mailoutbox.clear()  # Django's report quotes the request's own address, testserver


@pytest.mark.urls("tests.cms.test_errors")
def test_the_500_page_promises_nothing_when_nobody_is_told(home_pages, settings, mailoutbox):
    settings.ADMINS = []
    client = Client(raise_request_exception=False)
    response = client.get("/broken/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "told" not in html
    assert "Please try again in a few minutes." in html
    assert mailoutbox == []
