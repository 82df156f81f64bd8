"""The procurement specialist's workspace: what the network's staff know of each producer
and organisation, kept where the next person will find it. Interactions (calls, visits,
meetings), follow-ups with a due date, outcomes (a connection, a first purchase...) and
learnings. Staff only: these records never show on the site. The views are in
community.workspace.views; the timelines in community.workspace.timeline, the triage of
new needs in .triage, writing to their candidates in .contacting, the follow-ups and their
weekly digest in .follow_ups."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from directory.units import Unit

# Every record here is about a producer, an organisation, or both.
COUNTERPART = Q(producer__isnull=False) | Q(organisation__isnull=False)
COUNTERPART_MISSING = _("Choose the producer or the organisation (or both) this is about.")


def _producer(related_name):
    return models.ForeignKey(
        "directory.Producer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=_("producer"),
    )


def _organisation(related_name):
    return models.ForeignKey(
        "community.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=_("organisation"),
    )


def _staff_member(verbose_name, related_name="+"):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name=related_name,
        verbose_name=verbose_name,
    )


class InteractionTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "community.Interaction", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Interaction(models.Model):
    """A call, an email, a visit or a meeting with a producer or an organisation."""

    class Kind(models.TextChoices):
        CALL = "call", _("phone call")
        EMAIL = "email", _("email")
        VISIT = "visit", _("visit to an organisation")
        FARM_VISIT = "farm_visit", _("farm visit")
        MEETING = "meeting", _("meeting")
        WORKSHOP = "workshop", _("workshop")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.CALL)
    happened_on = models.DateField(_("date"), default=timezone.localdate)
    producer = _producer("interactions")
    organisation = _organisation("interactions")
    people = models.CharField(
        _("people"), max_length=300, blank=True, help_text=_("Who took part, besides you.")
    )
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    products = models.ManyToManyField(
        "directory.Product", blank=True, related_name="+", verbose_name=_("products discussed")
    )
    tags = TaggableManager(through=InteractionTag, blank=True, verbose_name=_("tags"))
    need = models.ForeignKey(
        "community.Need",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interactions",
        verbose_name=_("about the need"),
    )
    logged_by = _staff_member(_("logged by"))
    created_at = models.DateTimeField(_("logged on"), auto_now_add=True)

    class Meta:
        ordering = ["-happened_on", "-pk"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        constraints = [
            models.CheckConstraint(
                condition=COUNTERPART,
                name="interaction_has_a_counterpart",
                violation_error_message=COUNTERPART_MISSING,
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {counterpart_name(self)}"


class FollowUp(models.Model):
    """Something to do by a given day: "call back after the harvest plan"."""

    what = models.CharField(_("to do"), max_length=200)
    due_on = models.DateField(_("due on"))
    producer = _producer("follow_ups")
    organisation = _organisation("follow_ups")
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # A colleague who leaves leaves their follow-ups, to be given to someone else.
        on_delete=models.SET_NULL,
        null=True,
        related_name="follow_ups",
        verbose_name=_("for"),
        limit_choices_to=Q(groups__name__in=["Editors", "Moderators"]) | Q(is_superuser=True),
        help_text=_("Who will do it: you, unless you choose a colleague."),
    )
    created_by = _staff_member(_("created by"))
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["done_on", "due_on", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [models.Index(fields=["assigned_to", "done_on", "due_on"])]

    def __str__(self):
        return self.what

    @property
    def overdue(self):
        return self.done_on is None and self.due_on < timezone.localdate()


class Outcome(models.Model):
    """What the network's work led to, for its figures: a connection, a first purchase,
    a pooled order, a commitment signed."""

    class Kind(models.TextChoices):
        CONNECTION = "connection", _("connection made")
        FIRST_PURCHASE = "first_purchase", _("first purchase")
        POOLED_ORDER = "pooled_order", _("pooled order")
        COMMITMENT = "commitment", _("commitment signed")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    happened_on = models.DateField(_("date"), default=timezone.localdate)
    producer = _producer("outcomes")
    organisation = _organisation("outcomes")
    product = models.ForeignKey(
        "directory.Product",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("product"),
    )
    quantity = models.DecimalField(
        _("volume"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, blank=True)
    value = models.DecimalField(
        _("value ($)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    recorded_by = _staff_member(_("recorded by"))
    created_at = models.DateTimeField(_("recorded on"), auto_now_add=True)

    class Meta:
        ordering = ["-happened_on", "-pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.CheckConstraint(
                condition=COUNTERPART,
                name="outcome_has_a_counterpart",
                violation_error_message=COUNTERPART_MISSING,
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gt=0, unit__gt=""),
                name="outcome_volume_has_a_unit",
                violation_error_message=_("Give the volume above zero, with its unit."),
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="outcome_value_not_negative",
                violation_error_message=_("The value cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {counterpart_name(self)}"


class Learning(models.Model):
    """A short note of what was learned, by topic; it can become a members' resource."""

    class Topic(models.TextChoices):
        # The same values as the resource library's topics, where a learning may go.
        PRICES = "prices", _("prices")
        LOGISTICS = "logistics", _("logistics and storage")
        FUNDING = "funding", _("funding")
        QUALITY = "quality", _("food quality and safety")

    title = models.CharField(_("in a few words"), max_length=120)
    topic = models.CharField(_("topic"), max_length=12, choices=Topic.choices)
    text = models.TextField(_("what we learned"), max_length=3000)
    producer = _producer("learnings")
    organisation = _organisation("learnings")
    written_by = _staff_member(_("written by"))
    created_at = models.DateTimeField(_("written on"), auto_now_add=True)
    resource = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("members' resource"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("learning")
        verbose_name_plural = _("learnings")

    def __str__(self):
        return self.title


def counterpart_name(record):
    names = [str(part) for part in (record.producer, record.organisation) if part is not None]
    return " / ".join(names)
