"""Registration emails: they go to the person registered, in the language they registered
in, with the event as an .ics attachment (whoever or whatever sends them)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from directory.links import page_url

from ..emails import send_after_commit
from .models import Registration

TEMPLATES = {
    Registration.Status.CONFIRMED: "community/events/email/registration_confirmed",
    Registration.Status.WAITLISTED: "community/events/email/registration_waitlisted",
}
PROMOTED = "community/events/email/registration_promoted"
REMINDER = "community/events/email/event_reminder"
RESCHEDULED = "community/events/email/event_rescheduled"
CANCELLED = "community/events/email/event_cancelled"


def send_registration_email(registration, template=None):
    """Once committed; the template follows the registration's status unless given."""
    send_after_commit(
        f"{template or 'registration'} to registration {registration.pk}",
        lambda: [registration_email(registration, template)],
    )


def registration_email(registration, template=None):
    with translation.override(registration.language):
        return _compose_registration(registration, template or TEMPLATES[registration.status])


def _compose_registration(registration, template):
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "event_url": page_url(event),
        "site_name": settings.SITE_NAME,
    }
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    message = EmailMessage(
        subject=f"[{settings.SITE_NAME}] {subject}",
        body=render_to_string(f"{template}.txt", context),
        to=[registration.user.email],
    )
    message.attach(f"{event.slug}.ics", event.as_ical(), "text/calendar")
    return message
