"""Home and standard pages: render in both languages, editor forms, publishing states."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from cms.models import (
    CarteProximitePage,
    EventIndexPage,
    EventPage,
    FundingGuidePage,
    FundingIndexPage,
    HomePage,
    ProjectSummaryPage,
    ResourceIndexPage,
    ResourcePage,
    StandardPage,
)


def test_home_page_renders_in_french_and_english(client, home_pages):
    french = client.get("/fr/")
    english = client.get("/en/")
    assert french.status_code == 200
    assert "cms/home_page.html" in [t.name for t in french.templates]
    assert "Manger local, ensemble." in french.content.decode()
    assert '<html lang="fr">' in french.content.decode()
    assert english.status_code == 200
    assert "Eating local, together." in english.content.decode()
    assert '<html lang="en">' in english.content.decode()


def test_root_url_sends_visitors_to_their_language(client, home_pages):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").url == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-CA,fr").url == "/fr/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de").url == "/fr/"


def test_standard_page_renders_title_intro_and_body(client, page_factory):
    pages = page_factory(
        title_fr="À propos", title_en="About", intro_fr="Qui sommes-nous", intro_en="Who we are"
    )
    page = pages["fr"]
    page.body = [
        {"type": "heading", "value": {"text": "Notre histoire", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Fondé à Verdun.</p>"},
    ]
    page.save_revision().publish()
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "cms/standard_page.html" in [t.name for t in response.templates]
    assert "<h1>À propos</h1>" in html
    assert "<h2>Notre histoire</h2>" in html
    assert "Fondé à Verdun." in html
    english = client.get(pages["en"].url)
    assert "<h1>About</h1>" in english.content.decode()


def test_draft_page_is_not_found(client, page_factory):
    page = page_factory(title_fr="Brouillon", live=False)["fr"]
    assert client.get(f"/fr/{page.slug}/").status_code == 404


def test_live_page_with_a_newer_draft_shows_only_the_published_content(client, page_factory):
    page = page_factory(title_fr="Publié")["fr"]
    page.title = "Brouillon pas encore relu"
    page.save_revision()
    html = client.get(page.url).content.decode()
    assert "Publié" in html
    assert "Brouillon pas encore relu" not in html


def test_unpublished_page_is_no_longer_served(client, page_factory):
    page = page_factory(title_fr="Retiré")["fr"]
    url = page.url
    page.unpublish()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
class TestEditorForms(WagtailPageTestCase):
    """Page-type rules and the editor's create form."""

    def test_page_tree_rules(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StandardPage,
                EventIndexPage,
                ResourceIndexPage,
                FundingIndexPage,
                CarteProximitePage,
                ProjectSummaryPage,
            },
        )
        self.assertAllowedParentPageTypes(ProjectSummaryPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(ResourceIndexPage, {ResourcePage})
        self.assertAllowedSubpageTypes(FundingIndexPage, {FundingGuidePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})

    def test_editor_can_create_a_standard_page_under_the_home_page(self):
        self.login()
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Accueil", slug="accueil-form"))
        self.assertCanCreate(
            home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Ateliers",
                    "slug": "ateliers",
                    "intro": "Apprendre ensemble",
                    "body": streamfield(
                        [("paragraph", rich_text("<p>Les ateliers de la saison.</p>"))]
                    ),
                }
            ),
        )
