"""The action plan's rules: what the project page reads (in a fixed number of queries,
whatever the size of the plan), what is late or due soon, and saving a plan item with the
document that delivers it."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from wagtail.documents import get_document_model

from directory.collections import members_collection

from .models import OPEN_STATUSES, Action, Deliverable, Partner, Project

SOON_DAYS = 30


def project_for_page(pk):
    """The project with its partners, funders and the whole plan: work packages, their
    actions and the actions' deliverables, with their owners and documents."""
    return (
        Project.objects.prefetch_related(
            Prefetch(
                "partners",
                queryset=Partner.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            ),
            "funders",
            "work_packages",
            Prefetch(
                "work_packages__actions",
                queryset=Action.objects.select_related("owner", "owner_person").order_by(
                    "due_on", "pk"
                ),
            ),
            Prefetch(
                "work_packages__actions__deliverables",
                queryset=Deliverable.objects.select_related("owner", "owner_person", "document"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def plan_items(project):
    """[(work package, action, deliverable or None)] of a project read by project_for_page,
    in the plan's order: each action, then its deliverables."""
    rows = []
    for package in project.work_packages.all():
        for action in package.actions.all():
            rows.append((package, action, None))
            rows += [(package, action, deliverable) for deliverable in action.deliverables.all()]
    return rows


def late_or_due_soon(project, today=None, days=SOON_DAYS):
    """The actions and deliverables still expected that are past due or due within the
    days to come, the most overdue first."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=days)
    items = [
        deliverable or action
        for _package, action, deliverable in plan_items(project)
        if (deliverable or action).status in OPEN_STATUSES
        and (deliverable or action).due_on <= horizon
    ]
    return sorted(items, key=lambda item: (item.due_on, item.title))


@transaction.atomic
def save_deliverable(form, action, user):
    """The deliverable of the form, with its uploaded file as a Wagtail document in the
    members' collection (Wagtail's document view then refuses it to the public)."""
    deliverable = form.save(commit=False)
    deliverable.action = action
    upload = form.cleaned_data.get("file")
    if upload:
        deliverable.document = get_document_model().objects.create(
            title=deliverable.title,
            file=upload,
            collection=members_collection(),
            uploaded_by_user=user,
        )
    deliverable.save()
    return deliverable
