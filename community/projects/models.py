"""A multi-partner project (a territory relocalising its collective catering, say): the
organisations taking part and their roles, its funders and objectives, and its action
plan: work packages → actions → deliverables, each with an owner and a due date. The
network's staff create projects in the admin; the lead organisation's coordinators and
the staff keep the plan from the site (community.projects.views); the partners read it."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from directory.formatting import weekday_datetime
from directory.units import Unit


class Project(ClusterableModel):
    name = models.CharField(_("name"), max_length=200)
    objectives = models.TextField(_("objectives"), max_length=5000)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    created_at = models.DateTimeField(auto_now_add=True)
    # The Monday-week whose coordinators' digest went (see digest.send_project_digests).
    digest_sent_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="project_period_in_order"
            )
        ]

    def __str__(self):
        return self.name

    def public_summary(self, today=None, with_late=False):
        """What a public page may tell of the project (cms.ProjectSummaryPage, which may
        not import this app): objectives, partners' organisations and roles, funders,
        the share of actions done and deliverables done or due; the late items' titles
        and owners' organisations only when asked. No person is named. Five queries."""
        today = today or timezone.localdate()
        kept = ~Q(status=Status.DROPPED)
        actions = Action.objects.filter(work_package__project=self).filter(kept)
        deliverables = Deliverable.objects.filter(action__work_package__project=self).filter(kept)
        counts = actions.aggregate(
            total=models.Count("pk"), done=models.Count("pk", filter=Q(status=Status.DONE))
        )
        delivered = deliverables.aggregate(
            total=models.Count("pk"),
            done=models.Count("pk", filter=Q(status=Status.DONE)),
            due=models.Count("pk", filter=Q(due_on__lte=today)),
            due_done=models.Count("pk", filter=Q(due_on__lte=today, status=Status.DONE)),
        )
        late = []
        if with_late:
            late_q = Q(status__in=OPEN_STATUSES, due_on__lt=today)
            late = sorted(
                [
                    *actions.filter(late_q).select_related("owner"),
                    *deliverables.filter(late_q).select_related("owner"),
                ],
                key=lambda item: (item.due_on, item.title),
            )
        return {
            "objectives": self.objectives,
            "starts_on": self.starts_on,
            "ends_on": self.ends_on,
            "partners": list(self.partners.select_related("organisation")),
            "funders": list(self.funders.all()),
            "actions": counts,
            "actions_share": counts["done"] * 100 // counts["total"] if counts["total"] else None,
            "deliverables": delivered,
            "late": late,
        }


class Partner(models.Model):
    """An organisation taking part in a project, in one role. The lead organisation is
    the partner whose role is "lead" (one per project): a single record says who leads,
    so that the lead can never disagree with the list of partners."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead organisation")
        FARMER = "farmer", _("farmer")
        LOCAL_AUTHORITY = "local_authority", _("local authority")
        CHAMBER = "chamber", _("chamber of agriculture")
        NGO = "ngo", _("NGO")
        LEGAL = "legal", _("legal expert")
        OTHER = "other", _("other")

    project = ParentalKey(
        Project, on_delete=models.CASCADE, related_name="partners", verbose_name=_("project")
    )
    organisation = models.ForeignKey(
        "community.Organisation",
        on_delete=models.PROTECT,
        related_name="project_partnerships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    panels = [FieldPanel("organisation"), FieldPanel("role")]

    class Meta:
        ordering = ["project", "organisation__name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="one_partnership_per_organisation"
            ),
            models.UniqueConstraint(
                fields=["project"], condition=Q(role="lead"), name="one_lead_per_project"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class Funder(Orderable):
    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="funders")
    name = models.CharField(_("funder"), max_length=200)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("funder")
        verbose_name_plural = _("funders")

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    """What the owner says of an action or a deliverable. "Late" is not among them: it is
    read from the due date (see PlanItem.display_status). A typed "late" would be wrong
    the morning after a due date until someone remembered to type it, and right again
    only when they typed something else; the date needs nobody, and the owner keeps
    saying what they know (under way, done, dropped)."""

    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


LATE = "late"
LATE_LABEL = _("late")
# Those still expected: late once their due date has passed.
OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)


class WorkPackage(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="work_packages", verbose_name=_("project")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["project", "number", "pk"]
        verbose_name = _("work package")
        verbose_name_plural = _("work packages")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"], name="one_work_package_per_number"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class PlanItem(models.Model):
    """What actions and deliverables share: an owner (a partner organisation, and a person
    of it if one answers for it), a due date and a status."""

    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        "community.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person in charge"),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def is_late(self, today=None):
        return self.status in OPEN_STATUSES and self.due_on < (today or timezone.localdate())

    @property
    def display_status(self):
        """The status as people read it: "late" for what is still expected past its date."""
        return LATE if self.is_late() else self.status

    @property
    def display_status_label(self):
        return LATE_LABEL if self.is_late() else self.get_status_display()


class Action(PlanItem):
    work_package = models.ForeignKey(
        WorkPackage,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("work package"),
    )
    starts_on = models.DateField(
        _("starts on"),
        null=True,
        blank=True,
        help_text=_("Leave empty for an action done on one day: the timeline shows its due date."),
    )
    # The meeting whose minutes decided it, if one did (ProjectGroup below).
    meeting = models.ForeignKey(
        "Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("decided in the meeting"),
    )

    class Meta:
        ordering = ["work_package__number", "due_on", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(due_on__gte=F("starts_on")),
                name="action_period_in_order",
            )
        ]


class Deliverable(PlanItem):
    """What an action delivers (a report, a menu plan, a signed contract), with the link
    or the document that delivers it once done. Documents go to the members' collection,
    which Wagtail's document view refuses to anyone outside the network."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="deliverables", verbose_name=_("action")
    )
    link = models.URLField(_("link"), blank=True, max_length=500)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")


class PartnerCommitment(models.Model):
    """What a partner promised the project (money, hours of work, volumes of food,
    purchases), by when, with what it has delivered so far (PartnerDelivery), so that the
    coordinator sees who is behind (rules.commitment_standing). Kept from the site by the
    lead organisation's coordinators and the staff; the partners read them."""

    class Kind(models.TextChoices):
        MONEY = "money", _("money contribution")
        HOURS = "hours", _("hours of work")
        VOLUME = "volume", _("volumes of food")
        PURCHASES = "purchases", _("purchases")

    # Counted in dollars; hours in hours; volumes in their unit.
    AMOUNTS = (Kind.MONEY, Kind.PURCHASES)

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("partner")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    quantity = models.DecimalField(_("quantity or amount"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, blank=True)
    due_on = models.DateField(pgettext_lazy("partner commitment", "by"))
    description = models.TextField(_("what it is"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("partner's commitment")
        verbose_name_plural = _("partners' commitments")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="partner_commitment_quantity_positive"
            )
        ]

    def __str__(self):
        return f"{self.partner.organisation} — {self.get_kind_display()}"


class PartnerDelivery(models.Model):
    """Something delivered against a partner's commitment: a payment, hours worked, a
    volume delivered, purchases made, on a day."""

    commitment = models.ForeignKey(
        PartnerCommitment,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("partner's commitment"),
    )
    delivered_on = models.DateField(pgettext_lazy("partner delivery", "on"))
    quantity = models.DecimalField(
        _("quantity or amount delivered"), max_digits=12, decimal_places=2
    )
    note = models.CharField(pgettext_lazy("partner delivery", "note"), max_length=300, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["delivered_on", "pk"]
        verbose_name = pgettext_lazy("partner delivery", "delivered")
        verbose_name_plural = pgettext_lazy("partner delivery", "delivered")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="partner_delivery_quantity_positive"
            )
        ]

    def __str__(self):
        return f"{self.commitment} — {self.delivered_on}"


class ProjectGroup(models.Model):
    """A project's steering committee, technical committee or working group: people of
        the partner organisations whom the coordinator chose. The group has its own forum
        category (ForumCategory.project_group), which only its members (with the coordinators
    and the staff) read, and its
        meetings; the actions its minutes decide join the project's plan."""

    class Kind(models.TextChoices):
        STEERING = "steering", _("steering committee (COPIL)")
        TECHNICAL = "technical", _("technical committee")
        WORKING = "working", _("working group")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="groups", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="project_groups",
        blank=True,
        verbose_name=_("members"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "kind", "name"]
        verbose_name = _("project group")
        verbose_name_plural = _("project groups")
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="one_group_per_name")
        ]

    def __str__(self):
        return self.name


class Meeting(models.Model):
    """A meeting of a group: when and where (a place, a video link or both), the agenda
    written beforehand, the minutes after with their decisions (and the actions they
    decided: Action.meeting), and who came. Members are emailed the invitation when it is
    scheduled and the minutes when they are published."""

    group = models.ForeignKey(
        ProjectGroup, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("group")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), max_length=500, blank=True)
    agenda = models.TextField(_("agenda"), max_length=10000, blank=True)
    minutes = models.TextField(_("minutes"), max_length=30000, blank=True)
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("attendance")
    )
    attendance_recorded = models.BooleanField(_("attendance recorded"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_period_in_order"
            )
        ]

    def __str__(self):
        return f"{self.group}, {weekday_datetime(timezone.localtime(self.starts_at))}"

    def has_begun(self, now=None):
        return self.starts_at <= (now or timezone.now())


class Decision(models.Model):
    """A decision recorded in a meeting's minutes."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting")
    )
    text = models.CharField(_("decision"), max_length=500)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text
