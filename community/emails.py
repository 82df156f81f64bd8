"""Emails to members: each written in the recipient's language, with the site's addresses
in it. Registrations carry the event as an .ics attachment, in the language the person
registered in (whoever or whatever sends them)."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from directory.links import absolute_url, page_url

from .models import Registration


def compose(user, template, context, link=None):
    """An email in the person's language from template(_subject).txt; link (a view name
    and its arguments) becomes `url` in it, reversed in that language too."""
    with translation.override(user.language):
        context = {**context, "site_name": settings.SITE_NAME, "user": user}
        if link is not None:
            view, args = link
            context["url"] = absolute_url(reverse(view, args=args))
        context["preferences_url"] = absolute_url(reverse("community:account"))
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        return EmailMessage(
            subject=f"[{settings.SITE_NAME}] {subject}",
            body=render_to_string(f"{template}.txt", context),
            to=[user.email],
        )


def send_all(messages):
    """Over one connection to the mail server, however many there are."""
    if messages:
        get_connection().send_messages(messages)


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
    message.send()
