"""The permissions of the Members, Editors and Moderators groups, declared once
(community.access.GROUP_PERMISSIONS) and given back to the groups on every migrate."""

import inspect

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython

from community import access

OUR_APPS = ("cms", "community", "directory")


def held(group_name):
    """The group's permissions of our apps, as "app_label.codename"."""
    return {
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in Group.objects.get(name=group_name).permissions.filter(
            content_type__app_label__in=OUR_APPS
        )
    }


def permission(name):
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def test_the_declaration_names_existing_permissions_of_our_apps_only(db):
    for group_name, names in access.GROUP_PERMISSIONS.items():
        assert names, group_name
        for name in names:
            assert name.split(".")[0] in OUR_APPS, name
            assert permission(name)


def test_a_group_missing_a_declared_permission_gets_it_back_on_migrate(db):
    Group.objects.get(name="Moderators").permissions.remove(permission("community.moderate_forum"))
    Group.objects.get(name="Members").permissions.remove(permission("cms.share_resource"))
    by_hand = permission("community.delete_need")  # an editor's own addition in the admin
    Group.objects.get(name="Editors").permissions.add(by_hand)

    call_command("migrate", verbosity=0)
    call_command("migrate", verbosity=0)  # twice: the same groups, nothing added twice

    for group_name, names in access.GROUP_PERMISSIONS.items():
        assert set(names) <= held(group_name), group_name
    assert held("Moderators") == set(access.GROUP_PERMISSIONS["Moderators"])
    assert held("Members") == set(access.GROUP_PERMISSIONS["Members"])
    assert held("Editors") == set(access.GROUP_PERMISSIONS["Editors"]) | {"community.delete_need"}
    assert Group.objects.get(name="Editors").permissions.filter(pk=by_hand.pk).count() == 1


def test_a_group_removed_is_made_again_with_its_permissions(db):
    Group.objects.filter(name="Members").delete()
    call_command("migrate", verbosity=0)
    assert held("Members") == set(access.GROUP_PERMISSIONS["Members"])


def test_the_declaration_is_what_the_migrations_grant(db):
    """Replayed on groups holding nothing of ours, the migrations that grant permissions
    to groups (any of our apps' RunPython that adds permissions) give each group exactly
    what the declaration says: a migration granting more, or a declaration holding more,
    fails here."""
    for group in Group.objects.filter(name__in=access.GROUP_PERMISSIONS):
        group.permissions.remove(*group.permissions.filter(content_type__app_label__in=OUR_APPS))
    loader = MigrationLoader(connection)
    history = dict.fromkeys(  # our apps' migrations, in an order they may run in
        node
        for label in OUR_APPS
        for leaf in loader.graph.leaf_nodes(label)
        for node in loader.graph.forwards_plan(leaf)
        if node[0] in OUR_APPS
    )
    grants = [
        operation.code
        for key in history
        for operation in loader.graph.nodes[key].operations
        if isinstance(operation, RunPython)
        and "permissions.add(" in inspect.getsource(operation.code)
    ]
    assert len(grants) == 10  # community 0003 to 0022 and projects, cms 0006, directory 0002
    state_apps = loader.project_state().apps
    for grant in grants:
        grant(state_apps, None)
    for group_name, names in access.GROUP_PERMISSIONS.items():
        assert held(group_name) == set(names), group_name
