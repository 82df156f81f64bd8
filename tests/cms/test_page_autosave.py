"""Wagtail's editor autosaves a new page in the background while the person may already
be clicking Publish: both requests create the page. Whichever comes second gets an
ordinary answer, never a server error, and the page exists once."""

import json

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from cms.models import ResourceIndexPage, ResourcePage


def page_form(**actions):
    return nested_form_data(
        {
            "title": "Grille de prix",
            "slug": "grille-de-prix",
            "summary": "Les prix relevés en octobre.",
            "topic": "prices",
            "kind": "guide",
            "material_language": "fr",
            "link": "",
            "documents": inline_formset([]),
            "body": streamfield([]),
            "related": inline_formset([]),
            "comments": inline_formset([]),
            **actions,
        }
    )


def autosave(client, url):
    return client.post(url, page_form(), HTTP_ACCEPT="application/json")


def publish(client, url):
    return client.post(url, page_form(**{"action-publish": "publish"}))


@pytest.fixture
def meanwhile(monkeypatch):
    """meanwhile(request) → the next page created under the library is created only
    after request has run: the state two overlapping requests meet on a busy server."""

    def arrange(request):
        original = ResourceIndexPage.add_child
        pending = [request]

        def add_child(self, **kwargs):
            if pending:
                pending.pop()()
            return original(self, **kwargs)

        monkeypatch.setattr(ResourceIndexPage, "add_child", add_child)

    return arrange


@pytest.fixture
def create_url(library):
    return f"/admin/pages/add/cms/resourcepage/{library.pk}/"


def test_publishing_while_the_autosave_creates_the_page_opens_the_autosaved_draft(
    client, editor, create_url, meanwhile
):
    client.force_login(editor)
    meanwhile(lambda: autosave(client, create_url))
    response = publish(client, create_url)
    page = ResourcePage.objects.get()
    assert not page.live
    assert response.status_code == 302
    assert response.url == f"/admin/pages/{page.pk}/edit/"
    html = client.get(response.url).content.decode()
    assert "« Grille de prix » vient d’être enregistrée automatiquement comme brouillon" in html


def test_an_autosave_overtaken_by_publishing_is_told_the_slug_is_taken(
    client, editor, create_url, meanwhile
):
    client.force_login(editor)
    meanwhile(lambda: publish(client, create_url))
    response = autosave(client, create_url)
    assert response.status_code == 400
    answer = json.loads(response.content)
    assert (answer["success"], answer["error_code"]) == (False, "validation_error")
    assert ResourcePage.objects.get().live
