"""Bad query input from outside: a friendly page, never a server error."""

from django.test import Client

import pytest

# A NUL byte in a query reaches PostgreSQL as a DataError; every search and filter of
# the site and of the admin is one place where it could.
NUL_QUERIES = [
    "/fr/recherche/?q=%00",
    "/fr/ressources/?q=%00",
    "/fr/forums/recherche/?q=%00",
    "/fr/producteurs/?q=%00",
    "/fr/producteurs/?q=pomme&category=%00",
    "/fr/evenements/?kind=%00",
    "/fr/recherche/?%00=1",
    "/fr/evenements/%00/",
]
NUL_ADMIN_QUERIES = [
    "/admin/community/registration/?q=%00",
    "/admin/community/registration/?status__exact=%00",
    "/admin/directory/producer/?q=%00",
    "/admin/pages/search/?q=%00",
    "/admin/workspace/?q=%00",
]


@pytest.fixture
def sections(library, events_index, forum_category_factory):
    """The resource library, the events and a forum, for their searches and filters."""
    forum_category_factory()


@pytest.mark.parametrize("url", NUL_QUERIES)
def test_nul_byte_in_a_query_gives_the_friendly_400_page(member_factory, sections, url):
    client = Client(raise_request_exception=False)
    client.force_login(member_factory())  # the forum search is for members
    response = client.get(url)
    assert response.status_code == 400
    assert "400.html" in [template.name for template in response.templates]
    assert "Requête invalide" in response.content.decode()


@pytest.mark.parametrize("url", NUL_ADMIN_QUERIES)
def test_nul_byte_in_an_admin_search_gives_the_friendly_400_page(editor, sections, url):
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 400
    assert "Requête invalide" in response.content.decode()


def test_the_400_page_speaks_english_on_the_english_site(home_pages):
    response = Client(raise_request_exception=False).get("/en/search/?q=%00")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_a_nul_byte_in_a_cookie_is_dropped(home_pages):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "abcdefghij\x00klmnop"
    assert client.get("/fr/").status_code == 200


def test_an_ordinary_search_still_works(client, home_pages):
    assert client.get("/fr/recherche/?q=pomme").status_code == 200


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "1999-12", "2100-01"])
def test_a_month_out_of_the_calendar_gives_the_friendly_404(events_index, month):
    response = Client(raise_request_exception=False).get("/fr/evenements/", {"month": month})
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_the_calendar_links_to_no_month_beyond_its_ends(client, events_index):
    first = client.get("/fr/evenements/", {"month": "2000-01"}).content.decode()
    assert "?month=1999-12" not in first and "?month=2000-02" in first
    last = client.get("/fr/evenements/", {"month": "2099-12"}).content.decode()
    assert "?month=2100-01" not in last and "?month=2099-11" in last


# A number no database integer holds: SQLite cannot even bind it.
HUGE = "99999999999999999999"


def _modeladmin_lists():
    """The address of every wagtail-modeladmin list of the site."""
    from django.urls import get_resolver, reverse

    names = []

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns)
            elif (pattern.name or "").endswith("_modeladmin_index"):
                names.append(pattern.name)

    walk(get_resolver().url_patterns)
    return [reverse(name) for name in names]


def test_a_tampered_event_filter_of_the_registrations_goes_back_to_the_whole_list(
    client, editor, event_factory
):
    event_factory()
    client.force_login(editor)
    response = client.get("/admin/community/registration/", {"event__id__exact": "abc"})
    assert response.status_code == 302
    assert response.url == "/admin/community/registration/"
    page = client.get(response.url).content.decode()
    assert "voici la liste entière" in page


@pytest.mark.parametrize("value", ["abc", HUGE])
def test_every_admin_list_answers_bad_filter_values_with_the_whole_list(
    user_factory, home_pages, event_factory, value
):
    event_factory()  # so that the registrations' event filter shows
    client = Client(raise_request_exception=False)
    client.force_login(user_factory(is_superuser=True, is_staff=True))
    failures = []
    for url in _modeladmin_lists():
        view = client.get(url).context["view"]
        parameters = [name for spec in view.filter_specs for name in spec.expected_parameters()]
        for name in [*parameters, "not_a_field"]:
            response = client.get(url, {name: value})
            if response.status_code not in (200, 302):
                failures.append((url, name, response.status_code))
            elif response.status_code == 302 and response.url != url:
                failures.append((url, name, response.url))
    assert failures == []


def test_a_nul_byte_in_a_form_gets_a_form_error(client, member_factory, topic_factory):
    """POST bodies are the forms' to check: Django's text fields refuse NUL themselves."""
    topic = topic_factory()
    client.force_login(member_factory())
    response = client.post(f"/fr/forums/sujets/{topic.pk}/", {"body": "Bonjour\x00"})
    assert response.status_code == 200
    assert "Le caractère nul n’est pas autorisé." in response.content.decode()
    assert topic.posts.count() == 1


def test_a_record_chosen_with_a_number_too_large_is_a_form_error(
    client, home_pages, organisation_factory, member_factory
):
    organisation = organisation_factory()
    client.force_login(member_factory(organisation=organisation, role="admin"))
    response = client.post(
        f"/fr/organisations/{organisation.pk}/modifier/",
        {"name": organisation.name, "kind": organisation.kind, "products_usually_bought": HUGE},
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not organisation.products_usually_bought.exists()
