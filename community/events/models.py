from django.conf import settings
from django.db import models
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


class RegistrationQuerySet(models.QuerySet):
    def with_waitlist_position(self):
        """Each registration with waitlist_position: its place on its event's waiting list
        (1 gets the next seat, in the order rules.promote_next follows), None when it is
        not waiting. One query, however many registrations."""
        waiting = Registration.Status.WAITLISTED
        ahead = (
            Registration.objects.filter(event=OuterRef("event"), status=waiting)
            .filter(
                Q(created_at__lt=OuterRef("created_at"))
                | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
            )
            .order_by()
            .values("event")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(
            waitlist_position=Case(
                When(status=waiting, then=Coalesce(Subquery(ahead), 0) + 1),
                default=None,
                output_field=IntegerField(),
            )
        )


class Registration(models.Model):
    """A person's place at an event: confirmed, on the waiting list, or cancelled. The
    rules that keep confirmed registrations within capacity are in
    community.events.rules; the constraints below back them in the database."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(
        "cms.EventPage",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("person"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    attended = models.BooleanField(_("attended"), default=False)
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language emails about this registration are written in."),
    )
    answers = models.JSONField(
        _("answers"), default=dict, blank=True, help_text=_("Question → answer.")
    )
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        # Given to approved members (the "Members" group): members-only events ask for it.
        permissions = [("attend_members_events", _("Can register for members-only events"))]
        constraints = [
            # One active registration per person and event, even when a form is sent twice.
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~models.Q(status="cancelled"),
                name="one_active_registration_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["confirmed", "waitlisted", "cancelled"]),
                name="registration_status_known",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.event} ({self.get_status_display()})"

    @property
    def answers_text(self):
        return "; ".join(f"{question}: {answer}" for question, answer in self.answers.items())


class EventSchedule(models.Model):
    """The date and status of an event as its registered people were last told, so that
    publishing a new date or a cancellation emails them once (see community.events.signals).
    Kept apart from the page: a page's fields are rewritten by each revision published."""

    event = models.OneToOneField(
        "cms.EventPage", on_delete=models.CASCADE, related_name="announced_schedule"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    cancelled = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("announced schedule")
        verbose_name_plural = _("announced schedules")

    def __str__(self):
        return str(self.event)
