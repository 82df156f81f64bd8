"""The breadcrumbs above a page: its home page and sections down to it, each a link."""

import re

from django.template.loader import render_to_string
from django.test import RequestFactory

from wagtail.models import Page, Site


def crumbs(html):
    trail = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S)
    return trail and re.findall(r'<li(?: aria-current="page")?>(.*?)</li>', trail.group(0), re.S)


def test_a_page_shows_its_home_and_sections_down_to_it(client, page_factory):
    about = page_factory(title_fr="À propos")["fr"]
    team = page_factory(title_fr="Notre équipe", parent=about)["fr"]

    html = client.get(team.url).content.decode()

    assert crumbs(html) == [
        '<a href="/fr/">Accueil SALIM</a>',
        f'<a href="{about.url}">À propos</a>',
        "Notre équipe",
    ]


def test_a_page_under_the_home_page_links_home_and_the_home_page_has_none(client, page_factory):
    about = page_factory(title_fr="À propos")["fr"]

    assert crumbs(client.get(about.url).content.decode()) == [
        '<a href="/fr/">Accueil SALIM</a>',
        "À propos",
    ]
    assert crumbs(client.get("/fr/").content.decode()) is None


def test_a_page_reached_by_its_address_draws_them_without_reading_the_database(
    page_factory, django_assert_num_queries
):
    about = page_factory(title_fr="À propos")["fr"]
    team = page_factory(title_fr="Notre équipe", parent=about)["fr"]
    request = RequestFactory().get(team.url)
    site = Site.find_for_request(request)
    [page, *_] = site.root_page.specific.route(request, [about.slug, team.slug])
    Site.get_site_root_paths()  # the page's address: kept for the site, read once

    with django_assert_num_queries(0):
        html = render_to_string("_breadcrumbs.html", {"page": page, "request": request})

    assert "À propos" in html


def test_a_page_read_apart_from_its_address_draws_them_in_one_query(
    page_factory, django_assert_max_num_queries
):
    about = page_factory(title_fr="À propos")["fr"]
    team = page_factory(title_fr="Notre équipe", parent=about)["fr"]
    page = Page.objects.get(pk=team.pk).specific  # as a preview has it
    request = RequestFactory().get(team.url)
    Site.find_for_request(request)
    Site.get_site_root_paths()

    with django_assert_max_num_queries(1):
        html = render_to_string("_breadcrumbs.html", {"page": page, "request": request})

    assert crumbs(html) == [
        '<a href="/fr/">Accueil SALIM</a>',
        f'<a href="{about.url}">À propos</a>',
        "Notre équipe",
    ]
