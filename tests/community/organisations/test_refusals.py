"""Refusals that help: someone signed in who is not a member yet is told what membership
gives and how to ask to join; a member refused someone else's record is told so plainly;
anyone signed out is sent to the site's own sign-in page, for our views and for Wagtail's
members-only pages and files alike."""

from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from community.models import Membership
from community.organisations.views import refused
from tests.conftest import PASSWORD

JOIN = "Demander à rejoindre un organisme"  # the button to community:join


def test_an_account_without_membership_is_told_how_to_join(client, user_factory):
    client.force_login(user_factory())
    response = client.get(reverse("community:forum_index"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Réservé aux membres du réseau" in html
    assert "forums" in html and "besoins" in html
    assert f'<a class="button" href="{reverse("community:join")}">{JOIN}</a>' in html
    assert "Accès refusé" not in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_pending_request_is_shown_on_the_refusal(client, user_factory, organisation_factory):
    person = user_factory()
    kitchen = organisation_factory(name="Cuisine collective de Verdun")
    Membership.objects.create(user=person, organisation=kitchen)
    proposed = organisation_factory(name="Popote <roulante>", status="pending")
    Membership.objects.create(
        user=person, organisation=proposed, role="admin", status=Membership.Status.APPROVED
    )
    client.force_login(person)
    html = client.get(reverse("community:need_list")).content.decode()
    assert "Cuisine collective de Verdun — en attente d&#x27;approbation" in html
    # The organisation awaits the team, whatever the membership says; names are escaped.
    assert "Popote &lt;roulante&gt; — en attente d&#x27;approbation" in html


def test_a_member_refused_another_organisations_record_gets_no_join_button(
    client, member_factory, organisation_factory
):
    theirs = organisation_factory(name="Banque alimentaire de Lachine")
    client.force_login(member_factory())
    response = client.get(reverse("community:organisation_edit", args=[theirs.pk]))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Accès refusé" in html
    assert "un autre organisme" in html
    assert JOIN not in html
    assert "Réservé aux membres" not in html


def test_a_member_refused_by_a_rule_reads_its_reason(rf, member_factory):
    request = rf.get("/fr/surplus/")
    request.user = member_factory()
    request.LANGUAGE_CODE = "fr"
    html = refused(request, PermissionDenied("Seul le producteur <confirme> l'enlèvement.")).content
    assert "Seul le producteur &lt;confirme&gt; l&#x27;enlèvement." in html.decode()


def test_a_suspended_member_is_no_member_and_sees_the_suspension(
    client, member_factory, organisation_factory
):
    person = member_factory(organisation=organisation_factory(name="Cuisine de Verdun"))
    person.memberships.update(status=Membership.Status.SUSPENDED)
    client.force_login(person)
    html = client.get(reverse("community:forum_index")).content.decode()
    assert "Cuisine de Verdun — suspendu" in html
    assert JOIN in html


def test_the_refusal_speaks_english_on_english_pages(client, user_factory):
    client.force_login(user_factory())
    with_english = client.get("/en/forums/")
    assert with_english.status_code == 403
    html = with_english.content.decode()
    assert "For members of the network" in html
    assert 'href="/en/' in html


def test_anonymous_visitors_are_still_sent_to_sign_in(client, db):
    response = client.get(reverse("community:forum_index"))
    assert response.status_code == 302
    assert urlsplit(response.url).path == reverse("account_login")


# Wagtail's members-only pages and files ------------------------------------------------------


@pytest.fixture
def private_resource(members_resource):
    page, document = members_resource
    return {"page": page.url, "file": document.url}


@pytest.mark.parametrize("what", ["page", "file"])
def test_signed_out_people_sign_in_on_the_sites_page_and_come_back(
    client, private_resource, user_factory, what
):
    url = private_resource[what]
    response = client.get(url)
    assert response.status_code == 302
    target = urlsplit(response.url)
    assert target.path == reverse("account_login")
    assert target.query == f"next={url}"
    sign_in = client.get(response.url)
    html = sign_in.content.decode()
    assert '<header class="site-header">' in html
    assert 'type="email"' in html and "Nom d’utilisateur" not in html
    person = user_factory(groups=["Members"])
    signed_in = client.post(response.url, {"login": person.email, "password": PASSWORD})
    assert signed_in.status_code == 302 and signed_in.url == url


@pytest.mark.parametrize("what", ["page", "file"])
def test_a_signed_in_non_member_gets_the_join_page_not_the_sign_in_form(
    client, private_resource, user_factory, what
):
    client.force_login(user_factory())
    response = client.get(private_resource[what])
    html = response.content.decode()
    assert response.status_code == 403
    assert "Réservé aux membres du réseau" in html and JOIN in html


@pytest.mark.parametrize("what", ["page", "file"])
def test_members_still_open_members_only_pages_and_files(
    client, private_resource, member_factory, what
):
    client.force_login(member_factory())
    assert client.get(private_resource[what]).status_code == 200


@pytest.mark.parametrize(("what", "table"), [("page", "page"), ("file", "collection")])
def test_a_members_only_page_or_file_reads_its_restrictions_once(
    client, private_resource, member_factory, what, table
):
    """Our kind refusal and Wagtail's own check share one reading of the restrictions."""
    client.force_login(member_factory())
    with CaptureQueriesContext(connection) as queries:
        assert client.get(private_resource[what]).status_code == 200
    restrictions = f'"wagtailcore_{table}viewrestriction"'
    its_own = f'FROM {restrictions} WHERE {restrictions}."{table}_id" IN'
    reads = [query for query in queries if its_own in query["sql"]]
    assert len(reads) == 1, [query["sql"] for query in reads]


def test_a_page_for_any_signed_in_person_opens_for_an_account_without_membership(
    client, page_factory, make_private, user_factory
):
    page = page_factory("Pour les comptes")["fr"]
    make_private(page)
    client.force_login(user_factory())
    assert client.get(page.url).status_code == 200


def test_a_page_protected_by_a_password_asks_for_it_in_the_sites_look(client, page_factory):
    page = page_factory("Page du comité")["fr"]
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="potager"
    )
    html = client.get(page.url).content.decode()
    assert '<header class="site-header">' in html
    assert "Mot de passe requis" in html and 'type="password"' in html
    assert 'type="hidden" name="return_url"' in html
