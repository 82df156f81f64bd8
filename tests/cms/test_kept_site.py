"""Wagtail's pages are routed from the request's site and its home page, which are kept
for the site (cms.middleware.KeptSiteMiddleware) instead of read for every page: what
they hold is never older than the last change, and each host keeps its own."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, Site

from cms.models import HomePage


def sql_of(client, url):
    client.get(url)  # what the page keeps is built
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return " ".join(query["sql"] for query in captured)


def test_a_page_reads_neither_its_site_nor_its_home_page_in_either_language(client, page_factory):
    about = page_factory(title_fr="À propos", title_en="About")

    for page in about.values():
        sql = sql_of(client, page.url)
        assert "wagtailcore_site" not in sql, page.url
        assert "cms_homepage" not in sql, page.url  # nor its translation


def test_a_host_without_a_site_is_told_so_without_looking_again(client, home_pages):
    Site.objects.update(is_default_site=False)
    assert client.get("/fr/", HTTP_HOST="ailleurs.example").status_code == 404
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/fr/", HTTP_HOST="ailleurs.example").status_code == 404
    assert "wagtailcore_site" not in " ".join(query["sql"] for query in captured)


def test_the_home_page_published_again_shows_on_the_next_request(client, home_pages):
    home = home_pages["fr"]
    assert "Manger local, ensemble." in client.get("/fr/").content.decode()

    home.intro = "Nourrir le Sud-Ouest."
    home.save_revision().publish()

    html = client.get("/fr/").content.decode()
    assert "Nourrir le Sud-Ouest." in html
    assert "Manger local, ensemble." not in html


def test_a_site_given_another_home_page_routes_from_it_on_the_next_request(
    client, home_pages, locales
):
    assert "Manger local, ensemble." in client.get("/fr/").content.decode()
    other = Page.get_first_root_node().add_child(
        instance=HomePage(
            title="Accueil saisonnier", slug="saison", locale=locales["fr"], intro="Hiver 2027."
        )
    )
    other.save_revision().publish()

    site = Site.objects.get()
    site.root_page = other
    site.save()

    assert "Hiver 2027." in client.get("/fr/").content.decode()


def test_each_host_is_routed_from_its_own_site(client, home_pages, locales):
    other = Page.get_first_root_node().add_child(
        instance=HomePage(
            title="Autre réseau", slug="autre", locale=locales["fr"], intro="Un autre réseau."
        )
    )
    other.save_revision().publish()
    Site.objects.create(hostname="autre.example", root_page=other, site_name="Autre")

    for _ in range(2):  # built, then kept
        ours = client.get("/fr/").content.decode()
        theirs = client.get("/fr/", HTTP_HOST="autre.example").content.decode()
        assert "Manger local, ensemble." in ours and "Un autre réseau." not in ours
        assert "Un autre réseau." in theirs and "Manger local, ensemble." not in theirs
