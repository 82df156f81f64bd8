"""Wagtail collections restricted to groups, for files that are not for the public. Here
in directory/ because every app may read it: cms keeps the members' shared resources in
the members' collection, community the documents that deliver a project's work."""

MEMBERS_COLLECTION = "Documents des membres"
MEMBER_GROUPS = ["Members", "Editors", "Moderators"]


def members_collection():
    """The collection for members' files, restricted to members and staff (created the
    first time it is needed). Wagtail's document view refuses its files to anyone else."""
    return restricted_collection(MEMBERS_COLLECTION, MEMBER_GROUPS)


def restricted_collection(name, groups):
    from django.contrib.auth.models import Group

    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.objects.filter(name=name).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=groups))
    return collection
