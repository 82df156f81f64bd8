"""A project's groups (steering committee, technical committee, working groups) and their
meetings: what the group's and the meeting's pages read (in a fixed number of queries,
however many meetings and actions), creating a group with its own forum category,
scheduling a meeting (its members invited by email, with the meeting as an .ics), the
minutes with their decisions and the actions that join the plan (the members emailed once
they are published), and the attendance the funder's report counts."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import icalendar

from directory.links import absolute_url, site_host

from .. import access
from ..emails import compose, send_after_commit
from ..models import ForumCategory
from .models import Action, Meeting, ProjectGroup, WorkPackage

PRODUCT_ID = "-//SALIM//Site du réseau//FR"
INVITATION = "community/projects/email/meeting_invitation"
MINUTES = "community/projects/email/meeting_minutes"


def group_for_page(pk):
    """The group with its project, its forum category, its members and its meetings (each
    with how many came and how many actions it decided)."""
    return (
        ProjectGroup.objects.select_related("project", "category")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=get_user_model().objects.order_by("first_name", "last_name", "email"),
            ),
            Prefetch(
                "meetings",
                queryset=Meeting.objects.annotate(
                    attendance=Count("attendees", distinct=True),
                    action_count=Count("actions", distinct=True),
                ).order_by("-starts_at", "pk"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def organisations_of_members(group):
    """{user id: [the partner organisations they belong to]}, in one query."""
    found = {}
    rows = (
        access.approved_memberships()
        .filter(
            user__in=group.members.all(),
            organisation__project_partnerships__project=group.project_id,
        )
        .values_list("user", "organisation__name")
        .order_by("organisation__name")
    )
    for user, name in rows:
        found.setdefault(user, []).append(name)
    return found


def meeting_for_page(pk):
    """The meeting with its group and project, decisions, actions (owners and work
    packages) and attendees."""
    return (
        Meeting.objects.select_related("group__project", "group__category")
        .prefetch_related(
            "decisions",
            Prefetch(
                "actions",
                queryset=Action.objects.select_related(
                    "owner", "owner_person", "work_package"
                ).order_by("due_on", "pk"),
            ),
            Prefetch(
                "attendees",
                queryset=get_user_model().objects.order_by("first_name", "last_name", "email"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def recipients(group):
    """The group's members who may still open it: active, and members of a partner."""
    return group.members.filter(
        is_active=True,
        pk__in=access.approved_memberships()
        .filter(organisation__project_partnerships__project=group.project_id)
        .values("user"),
    )


@transaction.atomic
def save_group(form):
    """The group of the form; a new one gets its forum category."""
    group = form.save()
    if not hasattr(group, "category"):
        name = f"{group.name} · {group.project.name}"[:120]
        ForumCategory.objects.create(
            project_group=group,
            name_fr=name,
            name_en=name,
            description_fr=f"Forum du groupe « {group.name} »"[:300],
            description_en=f"The forum of the group “{group.name}”"[:300],
            position=1000,
        )
    return group


@transaction.atomic
def schedule(form):
    """The meeting of the form; its members are invited when it is still to come."""
    meeting = form.save()
    if not meeting.has_begun():
        send_after_commit(f"invitation to meeting {meeting.pk}", write_invitations, meeting.pk)
    return meeting


def decided_in_meetings(project):
    """The project's work package for the actions decided in meetings, made when first
    needed (with the next free number), in the coordinator's language."""
    titles = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            titles.add(_("Decided in meetings"))
    package = project.work_packages.filter(title__in=titles).order_by("number").first()
    if package is None:
        last = project.work_packages.order_by("-number").values_list("number", flat=True)
        package = WorkPackage.objects.create(
            project=project, number=(last.first() or 0) + 1, title=_("Decided in meetings")
        )
    return package


@transaction.atomic
def save_minutes(meeting, form, action_items):
    """The minutes, their decisions (as written now) and the new actions, all together;
    published, they are emailed to the members (once)."""
    meeting.minutes = form.cleaned_data["minutes"]
    meeting.decisions.all().delete()
    meeting.decisions.bulk_create(
        [
            meeting.decisions.model(meeting=meeting, text=text)
            for text in form.cleaned_data["decisions"]
        ]
    )
    for item in action_items:
        if not item.has_changed():
            continue
        action = item.save(commit=False)
        action.meeting = meeting
        action.work_package = item.cleaned_data["work_package"] or decided_in_meetings(
            meeting.group.project
        )
        action.save()
    publishing = form.cleaned_data["publish"] and meeting.minutes_published_at is None
    if publishing:
        meeting.minutes_published_at = timezone.now()
    meeting.save()
    if publishing:
        send_after_commit(f"minutes of meeting {meeting.pk}", write_minutes, meeting.pk)
    return publishing


@transaction.atomic
def record_attendance(meeting, attendees):
    meeting.attendees.set(attendees)
    meeting.attendance_recorded = True
    meeting.save(update_fields=["attendance_recorded"])


def meeting_ical(meeting):
    """The meeting as an .ics file's content, in the active language."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = icalendar.Event()
    # The same identifier each time, so that calendars update the meeting in place.
    event.add("uid", f"project-meeting-{meeting.pk}@{site_host()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", f"{meeting.group.name} — {meeting.group.project.name}")
    if meeting.agenda:
        event.add("description", meeting.agenda)
    if meeting.place:
        event.add("location", meeting.place)
    url = absolute_url(reverse("community:meeting_detail", args=[meeting.pk]))
    event.add("url", meeting.video_link or url)
    cal.add_component(event)
    return cal.to_ical()


def _meeting(meeting_id):
    return Meeting.objects.select_related("group__project").get(pk=meeting_id)


def write_invitations(meeting_id):
    """The invitation to each member, in their language, with the meeting as an .ics."""
    meeting = _meeting(meeting_id)
    if meeting.has_begun():
        return []  # it took place before the outbox got to it
    link = ("community:meeting_detail", [meeting.pk])
    messages = []
    for user in recipients(meeting.group):
        with translation.override(user.language):
            ics = meeting_ical(meeting)
        messages.append(
            compose(
                user,
                INVITATION,
                {"meeting": meeting, "group": meeting.group},
                link,
                attachments=[("meeting.ics", ics, "text/calendar")],
            )
        )
    return messages


def write_minutes(meeting_id):
    """The published minutes to each member, in their language."""
    meeting = _meeting(meeting_id)
    decisions = list(meeting.decisions.all())
    actions = list(meeting.actions.select_related("owner", "owner_person"))
    link = ("community:meeting_detail", [meeting.pk])
    context = {
        "meeting": meeting,
        "group": meeting.group,
        "decisions": decisions,
        "actions": actions,
    }
    return [compose(user, MINUTES, context, link) for user in recipients(meeting.group)]
