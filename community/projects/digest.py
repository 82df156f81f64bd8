"""The coordinators' weekly digest: to the lead organisation's admins of each project, in
their language, what slips (late actions and deliverables, those due within 7 and 30
days, partners' commitments behind). Nothing is sent when nothing slips. Run by
manage.py send_project_digests every Monday; the emails leave through the outbox."""

from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from .. import access
from ..emails import compose, queue
from . import rules
from .models import Project

WEEK = 7


def send_project_digests(today=None):
    """Each running project's digest, handed to the outbox when something slips. However
    often it runs, a project's coordinators get one digest a week. Returns how many
    projects' digests were queued."""
    today = today or timezone.localdate()
    week_start = today - timedelta(days=today.weekday())
    queued = 0
    # Running, or ended lately with things still to settle.
    running = Project.objects.filter(
        starts_on__lte=today + timedelta(days=rules.SOON_DAYS),
        ends_on__gte=today - timedelta(days=rules.SOON_DAYS),
    )
    for project in running.order_by("pk"):
        if not slipping(rules.project_for_page(project.pk), today)["count"]:
            continue
        # Claiming the week first, in one UPDATE: a second run, even at the same moment,
        # finds it taken.
        claimed = (
            Project.objects.filter(pk=project.pk)
            .filter(Q(digest_sent_on__isnull=True) | Q(digest_sent_on__lt=week_start))
            .update(digest_sent_on=today)
        )
        if claimed:
            queue(f"project {project.pk}'s digest", write_digest, project.pk, today.isoformat())
            queued += 1
    return queued


def slipping(project, today):
    """What slips in a project read by rules.project_for_page: {late, week, month,
    behind, count}."""
    watched = rules.late_or_due_soon(project, today, days=rules.SOON_DAYS)
    week = today + timedelta(days=WEEK)
    found = {
        "late": [item for item in watched if item.due_on < today],
        "week": [item for item in watched if today <= item.due_on <= week],
        "month": [item for item in watched if item.due_on > week],
        "behind": [
            standing for standing in rules.commitments_of(project, today) if standing.behind
        ],
    }
    found["count"] = sum(len(items) for items in found.values())
    return found


def write_digest(project_id, today):
    """The digest's emails, one per coordinator, written when the worker sends them (what
    slips then, as of the day it was queued)."""
    today = date.fromisoformat(today)
    project = rules.project_for_page(project_id)
    if project is None:
        return []
    found = slipping(project, today)
    if not found["count"]:
        return []
    return [
        compose(
            user,
            "community/projects/email/project_digest",
            {"project": project, "soon_days": rules.SOON_DAYS, "week_days": WEEK, **found},
            ("community:project_detail", [project.pk]),
        )
        for user in access.project_coordinators(project).order_by("pk")
    ]
