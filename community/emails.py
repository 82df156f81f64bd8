"""Emails about registrations, each with the event as an .ics attachment, written in
the language the person registered in (whoever or whatever sends them)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from .models import Registration

TEMPLATES = {
    Registration.Status.CONFIRMED: "community/email/registration_confirmed",
    Registration.Status.WAITLISTED: "community/email/registration_waitlisted",
}
PROMOTED = "community/email/registration_promoted"
REMINDER = "community/email/event_reminder"
RESCHEDULED = "community/email/event_rescheduled"
CANCELLED = "community/email/event_cancelled"


def send_registration_email(registration, template=None):
    with translation.override(registration.language):
        _send(registration, template or TEMPLATES[registration.status])


def _send(registration, template):
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "event_url": event.get_full_url(),
        "site_name": settings.SITE_NAME,
    }
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    message = EmailMessage(
        subject=f"[{settings.SITE_NAME}] {subject}",
        body=render_to_string(f"{template}.txt", context),
        to=[registration.user.email],
    )
    message.attach(f"{event.slug}.ics", event.as_ical(), "text/calendar")
    message.send()
