"""The staff's follow-ups: each person's, by when they are due, and the weekly digest of
those overdue or due in the coming week."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from .. import access
from ..emails import compose, queue
from ..models import FollowUp

WEEK = timedelta(days=7)


def follow_ups_of(user, today=None):
    """The user's follow-ups in groups: the open ones, overdue first (the earliest due
    first), then this week's, then later ones; and those done lately."""
    today = today or timezone.localdate()
    mine = FollowUp.objects.filter(assigned_to=user).select_related("producer", "organisation")
    open_ones = list(mine.filter(done_on__isnull=True).order_by("due_on", "pk"))
    return {
        "overdue": [item for item in open_ones if item.due_on < today],
        "this_week": [item for item in open_ones if today <= item.due_on < today + WEEK],
        "later": [item for item in open_ones if item.due_on >= today + WEEK],
        "done": list(
            mine.filter(done_on__gte=today - timedelta(days=30)).order_by("-done_on", "-pk")[:20]
        ),
    }


def send_follow_up_digests(today=None):
    """Once a week (run it every Monday): each staff member's open follow-ups, overdue and
    due in the coming week, handed to the outbox. However often it runs, nobody gets two
    in the same week. Returns how many were queued."""
    today = today or timezone.localdate()
    week_start = today - timedelta(days=today.weekday())
    User = get_user_model()
    queued = 0
    for user in User.objects.filter(is_active=True, pk__in=_due(today).values("assigned_to")):
        if not access.is_workspace_staff(user):
            continue
        # Claiming the week first, in one UPDATE: a second run, even at the same moment,
        # finds it taken.
        claimed = (
            User.objects.filter(pk=user.pk)
            .exclude(follow_up_digest_sent_on__gte=week_start)
            .update(follow_up_digest_sent_on=today)
        )
        if claimed:
            queue(f"follow-up digest to user {user.pk}", _digest, user.pk, today.isoformat())
            queued += 1
    return queued


def _due(today):
    return FollowUp.objects.filter(done_on__isnull=True, due_on__lt=today + WEEK)


def _digest(user_id, today):
    user = get_user_model().objects.get(pk=user_id)
    today = date.fromisoformat(today)
    items = list(
        _due(today)
        .filter(assigned_to=user)
        .select_related("producer", "organisation")
        .order_by("due_on", "pk")
    )
    if not items:
        return []
    return [
        compose(
            user,
            "community/workspace/email/follow_up_digest",
            {
                "overdue": [item for item in items if item.due_on < today],
                "coming": [item for item in items if item.due_on >= today],
                "count": len(items),
            },
            ("community_my_follow_ups", []),
        )
    ]
