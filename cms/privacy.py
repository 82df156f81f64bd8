"""Wagtail checks a page's privacy only when it serves the page itself. Every list,
search and feed of ours goes through visible_to(), so that members-only pages (and their
titles and summaries) never show to people who may not open them."""

from wagtail.models import PageViewRestriction

# The members' collection is directory's, since community files documents there too.
from directory.collections import MEMBER_GROUPS as MEMBER_GROUPS
from directory.collections import MEMBERS_COLLECTION as MEMBERS_COLLECTION
from directory.collections import members_collection as members_collection
from directory.collections import restricted_collection


def hidden_paths(request):
    """Tree paths of the restricted sections this request may not see. Someone not
    signed in sees none but those they gave the password of: their groups are not read
    (one query, not two)."""
    restrictions = PageViewRestriction.objects.select_related("page")
    if not request.user.is_authenticated:
        return [
            restriction.page.path
            for restriction in restrictions
            if restriction.restriction_type != PageViewRestriction.PASSWORD
            or not restriction.accept_request(request)
        ]
    return [
        restriction.page.path
        for restriction in restrictions.prefetch_related("groups")
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


# Files members shared, while their resource waits for review: the reviewers only.
REVIEW_COLLECTION = "Documents en relecture"
REVIEW_GROUPS = ["Editors", "Moderators"]


def review_collection():
    """Where a shared file waits until an editor publishes its resource page: a draft's
    file must not be readable by members while its page is not."""
    return restricted_collection(REVIEW_COLLECTION, REVIEW_GROUPS)
