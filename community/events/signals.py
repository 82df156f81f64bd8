"""Telling registered people when an event they registered for changes."""

from django.apps import apps

from wagtail.signals import page_published

from .. import versions
from .emails import CANCELLED, RESCHEDULED, send_registration_email
from .models import EventSchedule, Registration


def announce_schedule_change(sender, instance, **kwargs):
    """When a new date or a cancellation is published, email every active registration
    once. The first publication only records the schedule."""
    event = instance
    schedule, created = EventSchedule.objects.get_or_create(
        event=event,
        defaults={
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
            "cancelled": event.cancelled,
        },
    )
    if created:
        return
    rescheduled = (schedule.starts_at, schedule.ends_at) != (event.starts_at, event.ends_at)
    newly_cancelled = event.cancelled and not schedule.cancelled
    schedule.starts_at, schedule.ends_at, schedule.cancelled = (
        event.starts_at,
        event.ends_at,
        event.cancelled,
    )
    schedule.save()
    if not (rescheduled or newly_cancelled):
        return
    active = Registration.objects.filter(event=event).exclude(status=Registration.Status.CANCELLED)
    if rescheduled:
        active.update(reminded_at=None)  # the reminder is due again before the new date
        versions.bump("events")  # an update() sends no post_save
    template = CANCELLED if newly_cancelled else RESCHEDULED
    for registration in active.select_related("user", "event"):
        send_registration_email(registration, template)


def connect():
    page_published.connect(
        announce_schedule_change,
        sender=apps.get_model("cms", "EventPage"),
        dispatch_uid="community-announce-schedule-change",
    )
