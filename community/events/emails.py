"""Registration emails: they go to the person registered, in the language they registered
in, with the event as an .ics attachment (whoever or whatever sends them)."""

from django.utils import translation

from directory.links import page_url

from ..emails import compose, send_after_commit
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
        write,
        registration.pk,
        template,
    )


def write(registration_id, template):
    """The registration's email (template: its status's, unless given), for the outbox."""
    registration = Registration.objects.select_related("event", "user").get(pk=registration_id)
    return [registration_email(registration, template)]


def registration_email(registration, template=None):
    """In the language the person registered in, with the event attached as an .ics."""
    event = registration.event
    # The event's address is written here: in that language too, as compose writes the rest.
    with translation.override(registration.language):
        return compose(
            registration.user,
            template or TEMPLATES[registration.status],
            {"registration": registration, "event": event, "event_url": page_url(event)},
            language=registration.language,
            attachments=[(f"{event.slug}.ics", event.as_ical(), "text/calendar")],
        )
