"""Menu and footer come from the admin, in the visitor's language."""

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_menu_shows_the_chosen_pages_in_each_language(client, page_factory, navigation):
    about = page_factory(title_fr="À propos", title_en="About")
    contact = page_factory(title_fr="Nous joindre", title_en="Contact")
    navigation(about["fr"], contact["fr"])
    french = client.get("/fr/").content.decode()
    english = client.get("/en/").content.decode()
    assert f'<a href="{about["fr"].url}">À propos</a>' in french
    assert f'<a href="{contact["fr"].url}">Nous joindre</a>' in french
    assert f'<a href="{about["en"].url}">About</a>' in english
    assert "À propos" not in english


def test_menu_marks_the_current_section(client, page_factory, navigation):
    about = page_factory(title_fr="À propos")
    navigation(about["fr"])
    home = client.get("/fr/").content.decode()  # the menu is built here, and kept
    assert f'<a href="{about["fr"].url}">À propos</a>' in home
    html = client.get(about["fr"].url).content.decode()
    assert f'<a href="{about["fr"].url}" aria-current="page">À propos</a>' in html


def test_menu_and_footer_follow_changes_on_the_next_request(
    client, page_factory, navigation, footer
):
    """They are kept between requests (every page shows them) until anything changes."""
    about = page_factory(title_fr="À propos")
    contact = page_factory(title_fr="Nous joindre")
    navigation(about["fr"])
    french = footer("<p>Écrivez-nous</p>", "<p>Write to us</p>")
    assert "Écrivez-nous" in client.get("/fr/").content.decode()
    with CaptureQueriesContext(connection) as kept:
        client.get("/fr/")
    assert not [q for q in kept if "cms_navigationsettings" in q["sql"]], "menu built again"

    about["fr"].title = "Qui sommes-nous"
    about["fr"].save_revision().publish()
    html = client.get("/fr/").content.decode()
    assert "Qui sommes-nous</a>" in html and "À propos" not in html

    navigation(about["fr"], contact["fr"])
    assert "Nous joindre</a>" in client.get("/fr/").content.decode()

    french.body = "<p>Appelez-nous</p>"
    french.save()
    html = client.get("/fr/").content.decode()
    assert "Appelez-nous" in html and "Écrivez-nous" not in html
    assert "Write to us" in client.get("/en/").content.decode()


def test_menu_leaves_out_pages_that_are_not_live_or_not_translated(
    client, page_factory, navigation
):
    draft = page_factory(title_fr="Brouillon", live=False)
    french_only = page_factory(title_fr="Seulement en français")
    navigation(draft["fr"], french_only["fr"])
    assert "Brouillon" not in client.get("/fr/").content.decode()
    assert "Seulement en français" not in client.get("/en/").content.decode()


def test_menu_queries_do_not_grow_with_the_number_of_links(client, page_factory, navigation):
    first = page_factory(title_fr="Un", title_en="One")
    navigation(first["fr"])
    client.get("/fr/")  # warm the per-site caches
    caches["pages"].clear()  # where the menu is kept once built: build it
    with CaptureQueriesContext(connection) as one_link:
        client.get("/fr/")
    navigation(*[page_factory(title_fr=f"Page {n}", title_en=f"Page {n}")["fr"] for n in range(6)])
    client.get("/fr/")
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as seven_links:
        client.get("/fr/")
    assert len(seven_links) == len(one_link)


def test_footer_text_is_shown_in_the_visitor_language(client, home_pages, footer):
    footer("<p>Écrivez-nous</p>", "<p>Write to us</p>")
    assert "Écrivez-nous" in client.get("/fr/").content.decode()
    assert "Write to us" in client.get("/en/").content.decode()


def test_page_has_skip_link_and_landmarks(client, home_pages):
    html = client.get("/fr/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert '<header class="site-header">' in html
    assert '<footer class="site-footer">' in html


def test_menu_groups_two_or_more_plain_pages_under_the_network(
    client, page_factory, navigation, library
):
    about = page_factory(title_fr="À propos", title_en="About")
    contact = page_factory(title_fr="Nous joindre", title_en="Contact")
    navigation(about["fr"], library, contact["fr"])
    html = client.get("/fr/").content.decode()
    group = html[html.index('<details class="nav-group">') : html.index("</details>")]
    assert "Le réseau" in group
    assert ">À propos</a>" in group and ">Nous joindre</a>" in group
    assert ">Ressources</a>" not in group and ">Ressources</a>" in html


def test_menu_keeps_a_single_plain_page_in_the_row(client, page_factory, navigation, library):
    about = page_factory(title_fr="À propos")
    navigation(about["fr"], library)
    html = client.get("/fr/").content.decode()
    assert "nav-group" not in html
    assert html.index(">À propos</a>") < html.index(">Ressources</a>")  # the editors' order
