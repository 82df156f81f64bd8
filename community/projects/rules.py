"""The action plan's rules: what the project page reads (in a fixed number of queries,
whatever the size of the plan), what is late or due soon, and saving a plan item with the
document that delivers it."""

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import ngettext, pgettext_lazy

from wagtail.documents import get_document_model

from directory import formatting
from directory.collections import members_collection

from .models import (
    OPEN_STATUSES,
    Action,
    Deliverable,
    Partner,
    PartnerCommitment,
    PartnerDelivery,
    Project,
    WorkPackage,
)

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


# Partners' commitments ----------------------------------------------------------------


@dataclass
class Standing:
    """Where a partner's commitment stands on a day: delivered against promised, and the
    share of its period gone by (from the project's start to the commitment's date)."""

    commitment: object
    delivered: Decimal
    share: Decimal  # of what was promised, delivered (0 to 1, or more)
    elapsed: Decimal  # of the period, gone by (0 to 1)
    overdue: bool

    @property
    def done(self):
        return self.delivered >= self.commitment.quantity

    @property
    def behind(self):
        """Not all delivered, and the date has passed or the share delivered lags the
        share of the period gone by."""
        return not self.done and (self.overdue or self.share < self.elapsed)

    @property
    def state(self):
        return "done" if self.done else "behind" if self.behind else "on_track"

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    @property
    def share_percent(self):
        return (self.share * 100).quantize(Decimal("1"))

    @property
    def promised_text(self):
        return written(self.commitment, self.commitment.quantity)

    @property
    def delivered_text(self):
        return written(self.commitment, self.delivered)

    @property
    def entries(self):
        """[(delivery, its quantity as written)], the oldest first."""
        return [
            (entry, written(self.commitment, entry.quantity))
            for entry in self.commitment.deliveries.all()
        ]


STATE_LABELS = {
    "done": pgettext_lazy("partner commitment", "delivered"),
    "behind": pgettext_lazy("partner commitment", "behind"),
    "on_track": pgettext_lazy("partner commitment", "on track"),
}


def written(commitment, value):
    """A commitment's quantity as people write it: dollars for money and purchases, hours,
    or the volume's unit."""
    if commitment.kind in PartnerCommitment.AMOUNTS:
        return formatting.money(value)
    if commitment.kind == PartnerCommitment.Kind.HOURS:
        return ngettext("%(number)s hour", "%(number)s hours", formatting._plural_count(value)) % {
            "number": formatting.number(value)
        }
    return formatting.quantity(value, commitment.unit)


def commitment_standing(commitment, project, today=None):
    """The commitment's Standing; its deliveries read from what was prefetched."""
    today = today or timezone.localdate()
    delivered = sum((entry.quantity for entry in commitment.deliveries.all()), Decimal(0))
    start, due = project.starts_on, commitment.due_on
    if today >= due:
        elapsed = Decimal(1)
    elif today <= start:
        elapsed = Decimal(0)
    else:
        elapsed = Decimal((today - start).days) / Decimal((due - start).days)
    return Standing(
        commitment=commitment,
        delivered=delivered,
        share=delivered / commitment.quantity,
        elapsed=elapsed,
        overdue=today > due,
    )


def commitments_of(project, today=None):
    """[Standing] of the project's partners' commitments, by partner then date, with
    their deliveries: two queries, whatever their number."""
    commitments = (
        PartnerCommitment.objects.filter(partner__project=project)
        .select_related("partner__organisation")
        .prefetch_related("deliveries")
        .order_by("partner__organisation__name", "due_on", "pk")
    )
    return [commitment_standing(commitment, project, today) for commitment in commitments]


@transaction.atomic
def log_delivery(form, commitment, user):
    delivery = form.save(commit=False)
    delivery.commitment = commitment
    delivery.logged_by = user
    delivery.save()
    return delivery


# Deleting plan items ------------------------------------------------------------------


def what_goes(item):
    """What deleting a work package, an action, a deliverable, a partner's commitment or
    what was delivered against it takes with it, in the plan's order, the item first: a
    work package takes its actions and their deliverables, an action its deliverables, a
    commitment what was delivered against it."""
    if isinstance(item, WorkPackage):
        gone = [item]
        for action in item.actions.prefetch_related("deliverables").order_by("due_on", "pk"):
            gone += [action, *action.deliverables.all()]
        return gone
    if isinstance(item, Action):
        return [item, *item.deliverables.all()]
    if isinstance(item, PartnerCommitment):
        return [item, *item.deliveries.all()]
    return [item]


def described(gone):
    """[(what it is, its title)] of what_goes, as the confirmation lists them."""
    rows = []
    for record in gone:
        if isinstance(record, PartnerDelivery):
            title = " · ".join(filter(None, [formatting.date(record.delivered_on), record.note]))
        elif isinstance(record, PartnerCommitment):
            title = f"{record.partner.organisation.name} — {record.get_kind_display()}"
        elif isinstance(record, WorkPackage):
            title = str(record)
        else:
            title = record.title
        rows.append((record._meta.verbose_name, title))
    return rows


def confirmation_key(gone):
    """A short text that changes when what deleting takes with it changes (an action added
    to the work package meanwhile): a confirmation holds for what was listed only."""
    listed = " ".join(f"{record._meta.label}:{record.pk}" for record in gone)
    return hashlib.sha256(listed.encode()).hexdigest()[:16]
