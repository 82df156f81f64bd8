"""Workshops, farm visits and meetings: the events section and its events."""

import calendar as pycalendar
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from directory.bounds import BoundedInlinePanel

from ..blocks import BaseStreamBlock
from ..calendar import calendar
from ..pagination import Paginator
from ..privacy import visible_to
from .routing import OneTypeChildrenMixin


class EventIndexPage(OneTypeChildrenMixin, Page):
    """The workshops and visits section: upcoming events, and past ones in the archive.
    One per language, under the home page."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.EventPage"]

    class Meta:
        verbose_name = _("events index")
        verbose_name_plural = _("events indexes")

    def routed_children(self):
        return super().routed_children().select_related("producer")  # the page names it

    def events(self, request):
        """The live events under this page that this visitor may see (the list and the
        calendar name no producer: theirs are not read)."""
        return visible_to(EventPage.objects.child_of(self).live(), request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        month = month_from(request.GET.get("month"))
        if month is not None:
            if month.year not in CALENDAR_YEARS:
                raise Http404
            context["calendar"] = month_calendar(self.events(request), month)
            return context
        now = timezone.now()
        events = self.events(request)
        if request.GET.get("archive"):
            events = events.filter(ends_at__lt=now).order_by("-starts_at")
        else:
            events = events.filter(ends_at__gte=now).order_by("starts_at")
        kind = request.GET.get("kind")
        if kind in EventPage.Kind.values:
            events = events.filter(kind=kind)
        audience = request.GET.get("audience")
        if audience in EventPage.Audience.values:
            events = events.filter(audience=audience)
        context.update(
            {
                "events": Paginator(events, 12).get_page(request.GET.get("page")),
                "archive": bool(request.GET.get("archive")),
                "kinds": EventPage.Kind.choices,
                "audiences": EventPage.Audience.choices,
                "chosen_kind": kind,
                "chosen_audience": audience,
            }
        )
        return context


# The months the calendar shows: far wider than the network's events, and far from the
# ends of Python's dates (a month of the year 9999 has no next one).
CALENDAR_YEARS = range(2000, 2100)


def month_from(text):
    """The first day of the month written "2026-12", or None."""
    try:
        return datetime.strptime(text or "", "%Y-%m").date()
    except ValueError:
        return None


def month_calendar(events, first_day):
    """The month as weeks of days (Sunday first, as calendars here are printed), each
    day with its events."""
    next_month = (first_day + timedelta(days=32)).replace(day=1)
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(first_day, time.min), tz)
    end = timezone.make_aware(datetime.combine(next_month, time.min), tz)
    by_day = {}
    for event in events.filter(starts_at__gte=start, starts_at__lt=end).order_by("starts_at"):
        by_day.setdefault(timezone.localtime(event.starts_at, tz).date(), []).append(event)
    weeks = [
        [
            {"date": day, "in_month": day.month == first_day.month, "events": by_day.get(day, [])}
            for day in week
        ]
        for week in pycalendar.Calendar(firstweekday=6).monthdatescalendar(
            first_day.year, first_day.month
        )
    ]
    previous_month = (first_day - timedelta(days=1)).replace(day=1)
    return {
        "month": first_day,
        "weeks": weeks,
        "weekdays": [WEEKDAYS[(6 + index) % 7] for index in range(7)],
        "previous": (
            previous_month.strftime("%Y-%m") if previous_month.year in CALENDAR_YEARS else None
        ),
        "next": next_month.strftime("%Y-%m") if next_month.year in CALENDAR_YEARS else None,
    }


class EventPage(Page):
    """A workshop, a farm visit, a meeting... that members register for. Capacity is
    real: registrations beyond it go to the waiting list (see community.registration)."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("group workshop")
        TRAINING = "training", _("individual training")
        FARM_VISIT = "farm_visit", _("farm visit")
        ORGANISATION_VISIT = "organisation_visit", _("visit of an organisation")
        MEETING = "meeting", _("producer–organisation meeting")
        PEER_SESSION = "peer_session", _("community-of-practice session")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("open to everyone with an account")
        MEMBERS = "members", _("members only")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.WORKSHOP)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    producer = models.ForeignKey(
        "directory.Producer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("producer visited"),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Seats available. Leave empty for no limit."),
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    # Events repeated from one another (a monthly peer session) share this key.
    series = models.UUIDField(_("series"), null=True, blank=True, editable=False, db_index=True)

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("audience"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("cancelled"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("place_name"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("producer"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
            ],
            heading=_("Registration"),
        ),
        BoundedInlinePanel("questions", max_num=30, label=_("Questions asked at registration")),
        FieldPanel("body"),
    ]

    parent_page_types = ["cms.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_past(self):
        return self.ends_at < timezone.now()

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        if self.cancelled or self.starts_at <= now:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return not (self.registration_closes_at and now >= self.registration_closes_at)

    def confirmed_count(self):
        return self.registrations.filter(status="confirmed").count()

    def seats_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count(), 0)

    def other_dates(self):
        """The upcoming live events of the same series."""
        if self.series is None:
            return EventPage.objects.none()
        return (
            EventPage.objects.live()
            .filter(series=self.series, starts_at__gte=timezone.now())
            .exclude(pk=self.pk)
            .order_by("starts_at")
        )

    def as_ical(self):
        """The event as an .ics file's content (also attached to registration emails)."""
        return calendar([self], name=self.title)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["seats_left"] = self.seats_left()
        context["registration_open"] = self.registration_is_open()
        if request.user.is_authenticated:
            context["registration"] = (
                self.registrations.with_waitlist_position()
                .filter(user=request.user)
                .exclude(status="cancelled")
                .first()
            )
        return context


class EventQuestion(Orderable):
    """A question an event asks when people register: dietary needs, accessibility,
    "I can drive / I need a ride"..."""

    class Kind(models.TextChoices):
        TEXT = "text", _("short text")
        CHOICE = "choice", _("one of several choices")
        YES_NO = "yes_no", _("yes or no")
        ORGANISATION = "organisation", _("the person's organisation")

    page = ParentalKey("cms.EventPage", on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=200)
    kind = models.CharField(
        _("kind of answer"),
        max_length=12,
        choices=Kind.choices,
        default=Kind.TEXT,
        help_text=_(
            '"The person\'s organisation" offers members the organisations they belong to; '
            "others type its name."
        ),
    )
    choices = models.TextField(_("choices"), blank=True, help_text=_("One choice per line."))
    required = models.BooleanField(_("answer required"), default=False)

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("choices"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def clean(self):
        super().clean()
        if self.kind == self.Kind.CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one per line.")})

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]
