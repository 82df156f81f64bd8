"""Wagtail checks a page's privacy only when it serves the page itself. Every list,
search and feed of ours goes through visible_to(), so that members-only pages (and their
titles and summaries) never show to people who may not open them."""

from wagtail.models import PageViewRestriction


def hidden_paths(request):
    """Tree paths of the restricted sections this request may not see."""
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    return [
        restriction.page.path
        for restriction in restrictions
        if not restriction.accept_request(request)
    ]


def visible_to(pages, request):
    for path in hidden_paths(request):
        pages = pages.exclude(path__startswith=path)
    return pages


def restricted_paths():
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_restricted(page, paths):
    return any(page.path.startswith(path) for path in paths)


MEMBERS_COLLECTION = "Documents des membres"
MEMBER_GROUPS = ["Members", "Editors", "Moderators"]
# Files members shared, while their resource waits for review: the reviewers only.
REVIEW_COLLECTION = "Documents en relecture"
REVIEW_GROUPS = ["Editors", "Moderators"]


def members_collection():
    """The collection for members' files, restricted to members and staff (created the
    first time it is needed). Wagtail's document view refuses its files to anyone else."""
    return _restricted_collection(MEMBERS_COLLECTION, MEMBER_GROUPS)


def review_collection():
    """Where a shared file waits until an editor publishes its resource page: a draft's
    file must not be readable by members while its page is not."""
    return _restricted_collection(REVIEW_COLLECTION, REVIEW_GROUPS)


def _restricted_collection(name, groups):
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
