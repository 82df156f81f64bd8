"""Anonymous visitors get public pages from the page cache (community.page_cache); what
they read is never stale, and never anyone else's: a change shows on the next request,
signed-in people and visitors with a message always get their own page, each language
its own."""

from django.test import Client
from django.urls import reverse
from django.utils import translation

from wagtail.models import PageViewRestriction

import pytest

from community.models import Registration

from .conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("page_cache")

HEADER = "X-Page-Cache"


def served(client, url):
    """The page, asked for until it comes from the cache (the first request of a page
    may create the site's settings, which moves the pages' version)."""
    for _attempt in range(3):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if response.get(HEADER) == "hit":
            return response
    raise AssertionError(f"{url} never came from the cache")


def fr(name, *args):
    with translation.override("fr"):
        return reverse(name, args=args)


@pytest.fixture
def public_pages(board, event_factory, resource_factory, guide_factory, page_factory):
    event = event_factory(title="Atelier conserves")
    resource = resource_factory("Guide des achats groupés")
    guide = guide_factory("Programme d'alimentation locale")
    page = page_factory("À propos du réseau")["fr"]
    return {
        "home": "/fr/",
        "page": page.url,
        "events": event.get_parent().url,
        "event": event.url,
        "resources": resource.get_parent().url,
        "resource": resource.url,
        "funding": guide.get_parent().url,
        "funding guide": guide.url,
        "directory": fr("directory:producer_list"),
        "directory, filtered": fr("directory:producer_list") + "?delivers_to=verdun",
        "producer": fr("directory:producer_detail", board["farm"].slug),
        "product": fr("directory:product_detail", board["carrots"].slug),
        "in season": fr("directory:in_season"),
        "figures": fr("community:network_figures"),
    }


def test_every_public_page_type_is_served_from_the_cache_as_built(
    client, public_pages, django_assert_num_queries
):
    """The cached page is the page: same content, same type; serving it reads nothing
    from the database (the test cache is in memory; on the site, two cache reads)."""
    for name, url in public_pages.items():
        built = client.get(url)
        assert built.status_code == 200, name
        kept = served(client, url)
        assert kept.content == client.get(url).content, name
        assert kept["Content-Type"] == built["Content-Type"]
        assert kept["Content-Language"] == "fr"
        with django_assert_num_queries(0):
            assert client.get(url)[HEADER] == "hit"


def test_a_published_change_shows_on_the_next_request(client, page_factory):
    page = page_factory("Nos valeurs", intro_fr="Première version.")["fr"]
    assert b"Premi\xc3\xa8re version." in served(client, page.url).content
    page.intro = "Seconde version."
    page.save_revision().publish()
    response = client.get(page.url)
    assert "Seconde version." in response.content.decode()
    assert response.get(HEADER) != "hit"


def test_a_draft_does_not_show_and_an_unpublished_page_is_gone(client, page_factory):
    page = page_factory("Nos valeurs", intro_fr="Publiée.")["fr"]
    served(client, page.url)
    page.intro = "Brouillon."
    page.save_revision()
    assert "Brouillon." not in client.get(page.url).content.decode()
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_a_moved_page_is_found_at_its_new_address_only(client, page_factory):
    section = page_factory("Le réseau")["fr"]
    page = page_factory("Contact")["fr"]
    old_url = page.url
    served(client, old_url)
    page.move(section, pos="last-child")
    page.refresh_from_db()
    assert page.url != old_url
    moved = client.get(old_url)  # Wagtail leaves a redirect where the page was
    assert (moved.status_code, moved.url) == (301, page.url)
    assert "Contact" in client.get(page.url).content.decode()


def test_a_page_made_members_only_is_refused_on_the_next_request(client, page_factory):
    page = page_factory("Grille de prix")["fr"]
    served(client, page.url)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    assert response.url.startswith(fr("account_login"))


def test_a_members_page_read_by_a_member_is_never_served_to_a_visitor(
    client, members_resource, member_factory
):
    page, _document = members_resource
    reader = Client()
    reader.force_login(member_factory())
    for _ in range(2):
        assert reader.get(page.url).status_code == 200
    response = client.get(page.url)
    assert response.status_code == 302
    assert page.title not in response.content.decode()


def test_a_signed_in_member_never_gets_the_visitors_page_nor_the_other_way(
    client, public_pages, member_factory
):
    signed_in = Client()
    signed_in.force_login(member_factory())
    for url in public_pages.values():
        served(client, url)
        mine = signed_in.get(url)
        assert mine.status_code == 200
        assert mine.get(HEADER) is None, url
        assert "Mon espace" in mine.content.decode(), url
        theirs = client.get(url)
        assert theirs[HEADER] == "hit"
        assert "Mon espace" not in theirs.content.decode(), url


def test_french_and_english_never_cross(client, page_factory):
    pages = page_factory("Nos valeurs", "Our values")
    for _round in range(2):
        for url, language, title in [
            ("/fr/", "fr", "Accueil SALIM"),
            ("/en/", "en", "SALIM home"),
            (pages["fr"].url, "fr", "Nos valeurs"),
            (pages["en"].url, "en", "Our values"),
            (fr("directory:producer_list"), "fr", "Répertoire des producteurs"),
            ("/en/producers/", "en", "Producer directory"),
        ]:
            response = served(client, url)
            assert response["Content-Language"] == language
            assert f'lang="{language}"' in response.content.decode()
            assert title in response.content.decode()


def test_a_page_with_a_message_is_built_for_its_reader_and_not_kept(
    client, home_pages, member_factory
):
    """Signing out leaves "You have signed out." for the next page, in a cookie: that
    page shows it, comes from no cache, and is not kept for the next visitor."""
    served(client, "/fr/")
    client.force_login(member_factory())
    response = client.post(fr("account_logout"), follow=True)
    assert response.redirect_chain[-1][0] == "/fr/"
    assert "déconnecté" in response.content.decode()
    assert response.get(HEADER) is None
    after = client.get("/fr/")
    assert "déconnecté" not in after.content.decode()
    assert "déconnecté" not in Client().get("/fr/").content.decode()


def test_a_directory_change_shows_on_the_next_request(client, board, producer_factory):
    farm = board["farm"]
    listing = fr("directory:producer_list")
    entry = fr("directory:producer_detail", farm.slug)
    served(client, listing)
    served(client, entry)
    producer_factory(name="Verger des Collines")
    assert "Verger des Collines" in client.get(listing).content.decode()
    farm.name = "Ferme Lebeau et fils"
    farm.save()
    assert "Ferme Lebeau et fils" in client.get(entry).content.decode()


def test_a_kept_page_holds_no_csrf_token_and_its_visitor_signs_in_and_registers(
    event_factory, member_factory
):
    """The event page a visitor reads from the cache has no form of its own (no token
    baked in for everyone); signed in from it, the member gets the form, whose token is
    theirs, and the registration goes through with CSRF checks on."""
    event = event_factory(title="Visite de la ferme")
    member_factory(email="alex@example.org")
    visitor = Client(enforce_csrf_checks=True)
    kept = served(visitor, event.url)
    assert "csrfmiddlewaretoken" not in kept.content.decode()
    assert not kept.cookies
    login = fr("account_login")
    visitor.get(login)
    signed_in = visitor.post(
        f"{login}?next={event.url}",
        {
            "login": "alex@example.org",
            "password": PASSWORD,
            "csrfmiddlewaretoken": visitor.cookies["csrftoken"].value,
        },
    )
    assert signed_in.status_code == 302
    page = visitor.get(event.url)
    assert page.get(HEADER) is None
    assert "csrfmiddlewaretoken" in page.content.decode()
    registered = visitor.post(
        fr("community:event_register", event.pk),
        {"csrfmiddlewaretoken": visitor.cookies["csrftoken"].value},
    )
    assert registered.status_code == 302
    assert Registration.objects.filter(event=event, user__email="alex@example.org").exists()


def test_a_page_with_a_csrf_form_is_never_kept_and_each_visitor_posts_their_own(page_factory):
    """A password-protected page shows a form with a CSRF token: it is not kept, even for
    a visitor who already holds a token, so another visitor's post still passes."""
    page = page_factory("Réservé au comité")["fr"]
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="comite2026"
    )
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get("/fr/")
    for visitor in (first, first, second):
        response = visitor.get(page.url)
        assert response.status_code == 200
        assert response.get(HEADER) is None
    form = second.get(page.url).content.decode()
    action = form.split('action="')[1].split('"')[0]
    token = second.cookies["csrftoken"].value
    answer = second.post(
        action, {"csrfmiddlewaretoken": token, "password": "comite2026", "return_url": page.url}
    )
    assert answer.status_code == 302
    assert "Réservé au comité" in second.get(page.url).content.decode()
