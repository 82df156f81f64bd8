"""Who is the network's staff (community.access): one answer, whichever predicate or
recipient list asks, for every kind of account."""

from django.contrib.auth.models import Permission

import pytest

from community import access

# (kind of account, is network staff)
KINDS = [
    ("superuser in no group", True),
    ("editor", True),
    ("moderator", True),
    ("member given view_need", False),
    ("member given view_interaction", False),
    ("member given moderate_forum", False),
    ("member given change_organisation", False),
    ("inactive editor", False),
    ("inactive superuser", False),
    ("member", False),
]

# Asked by these names, wherever it is asked.
STAFF_PREDICATES = ["is_network_staff", "is_board_staff", "is_workspace_staff", "can_moderate"]


@pytest.fixture
def account(user_factory, member_factory):
    def make(kind):
        if kind == "superuser in no group":
            return user_factory(is_superuser=True)
        if kind == "editor":
            return user_factory(groups=["Editors"])
        if kind == "moderator":
            return user_factory(groups=["Moderators"])
        if kind == "inactive editor":
            return user_factory(groups=["Editors"], is_active=False)
        if kind == "inactive superuser":
            return user_factory(is_superuser=True, is_active=False)
        person = member_factory()
        if kind.startswith("member given "):
            codename = kind.removeprefix("member given ")
            person.user_permissions.add(
                Permission.objects.get(content_type__app_label="community", codename=codename)
            )
        return person

    return make


@pytest.mark.parametrize(("kind", "staff"), KINDS)
def test_every_staff_predicate_and_list_gives_one_answer(
    account, organisation_factory, kind, staff
):
    person = account(kind)
    member = access.is_network_member(person) and person.is_active
    elsewhere = organisation_factory(name="Banque alimentaire de Lachine")
    answers = {name: getattr(access, name)(person) for name in STAFF_PREDICATES}
    assert answers == dict.fromkeys(answers, staff)
    assert (person in access.staff()) is staff
    assert (person in access.moderators()) is staff
    assert (person in access.members_and_staff()) is (staff or member)
    assert access.is_member_or_staff(person) is (staff or access.is_network_member(person))
    assert access.sees_organisations(person) is (staff or access.is_network_member(person))
    assert access.may_edit_organisation(person, elsewhere) is staff
    assert access.sees_organisation_budget(person, elsewhere) is staff


def test_someone_signed_out_is_no_staff(client, db):
    anonymous = client.get("/fr/").wsgi_request.user
    assert not anonymous.is_authenticated
    assert not any(getattr(access, name)(anonymous) for name in STAFF_PREDICATES)


@pytest.mark.parametrize(
    ("kind", "shown"),
    [
        ("superuser in no group", True),
        ("editor", True),
        ("member", True),
        ("someone given moderate_forum", False),
        ("someone in the Members group only", False),
    ],
)
def test_the_header_links_the_members_area_to_those_it_is_open_to(
    client, home_pages, account, user_factory, kind, shown
):
    if kind == "someone given moderate_forum":
        person = user_factory()
        person.user_permissions.add(Permission.objects.get(codename="moderate_forum"))
    elif kind == "someone in the Members group only":  # a group left stale
        person = user_factory(groups=["Members"])
    else:
        person = account(kind)
    client.force_login(person)
    header = client.get("/fr/").content.decode().split("</header>")[0]
    assert ('href="/fr/forums/"' in header) is shown
