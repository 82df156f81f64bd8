"""Every route of ours that is not public refuses people who may not use it.

The URLconf is enumerated, so a new view is checked the day it is added: it must either
be listed as public below, or turn away anonymous visitors (sign-in redirect, 403 or 404)
and signed-in non-members alike."""

import re

from django.urls import URLResolver, get_resolver

import pytest

from community.models import Membership, Organisation

PUBLIC = {
    "sitemap",
    "robots_txt",
    "search",
    "events_feed",
    "event_ical",
    "funding_deadlines_feed",
    "producer_list",
    "producer_geojson",
    "producer_detail",
    "product_detail",
    "in_season",
    "network_figures",
}
# Signed-in people who belong to no organisation still have their own pages.
ANY_ACCOUNT = {
    "my_events",
    "join",
    "organisation_requests",
    "event_register",
    "registration_cancel",
    "account",
    "account_data",
}
# Pages for members of the network, refused to everyone else above.
MEMBERS = {
    "share_resource",
    "organisation_list",
    "forum_index",
    "forum_search",
    "need_list",
    "buying_together",
    "surplus_list",
    "commitment_list",
}
# Pages for people who act for a community organisation (the network's staff do not).
ORGANISATION_MEMBERS = {"need_create", "commitment_create"}
OUR_APPS = ("cms", "community", "directory")


def our_routes():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif getattr(pattern.callback, "__module__", "").split(".")[0] in OUR_APPS:
                yield prefix + str(pattern.pattern), pattern.name

    for route, name in walk(get_resolver().url_patterns):
        # Fill converters with values that name nothing that exists.
        yield (
            name,
            "/" + re.sub(r"<int:\w+>", "999999", re.sub(r"<slug:\w+>", "nothing-here", route)),
        )


ROUTES = sorted(set(our_routes()))
PROTECTED = [(name, url) for name, url in ROUTES if name not in PUBLIC]


def refused(response):
    if response.status_code in (403, 404, 405):
        return True
    return response.status_code == 302 and (
        "/login/" in response.url or response.url.rstrip("/").endswith("/admin")
    )


def test_the_route_list_is_found():
    names = {name for name, _url in ROUTES}
    assert {"producer_list", "share_resource", "event_register", "directory_import"} <= names


@pytest.mark.parametrize(("name", "url"), PROTECTED)
def test_anonymous_visitors_are_refused(client, home_pages, name, url):
    for method in (client.get, client.post):
        response = method(url)
        assert refused(response), (
            f"{name} {url} answered {response.status_code} to an anonymous {method.__name__}"
        )


@pytest.mark.parametrize(("name", "url"), [(n, u) for n, u in PROTECTED if n not in ANY_ACCOUNT])
def test_signed_in_non_members_are_refused(client, home_pages, user_factory, name, url):
    client.force_login(user_factory())
    for method in (client.get, client.post):
        response = method(url)
        assert refused(response), f"{name} {url} answered {response.status_code} to a non-member"


@pytest.mark.parametrize(("name", "url"), [(n, u) for n, u in PROTECTED if n not in ANY_ACCOUNT])
def test_members_of_an_organisation_are_refused_staff_pages(
    client, library, user_factory, name, url
):
    member = user_factory()
    organisation = Organisation.objects.create(
        name="Autre organisme", kind="food_bank", status="approved"
    )
    Membership.objects.create(
        user=member, organisation=organisation, role="admin", status="approved"
    )
    client.force_login(member)
    response = client.get(url)
    if name in MEMBERS | ORGANISATION_MEMBERS:
        assert response.status_code == 200
    else:
        assert refused(response), f"{name} {url} answered {response.status_code} to a member"


@pytest.mark.parametrize(("name", "url"), PROTECTED)
def test_editors_reach_members_pages_and_no_route_breaks(client, library, editor, name, url):
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code < 500
    if name in MEMBERS:
        assert response.status_code == 200, f"{name} {url} answered {response.status_code}"
