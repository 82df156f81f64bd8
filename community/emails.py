"""Emails to members: each written in the recipient's language, with the site's addresses
in it. Registrations carry the event as an .ics attachment, in the language the person
registered in (whoever or whatever sends them).

Most emails follow a person's action: once it is committed, send_after_commit hands them
to the outbox (community.outbox), a background task that writes and sends them, so that
nobody waits on the mail server nor on how many people are told; a mail server that
fails is tried again later, and is logged on this module's logger, with what was being
sent and to how many. The scheduled commands (digests, reminders) queue theirs. Emails
written elsewhere (allauth's, Wagtail's, cms's) reach the same outbox through Django's
mail API (community.outbox.backends)."""

import logging
import uuid

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string

from directory.links import absolute_url

logger = logging.getLogger(__name__)


def compose(user, template, context, link=None, *, language=None, attachments=()):
    """The one way the site writes an email to a person: from template(_subject).txt, in
    the person's language unless another is given (a registration's: the one the person
    registered in), the site's name in front of the subject. link (a view name and its
    arguments) becomes `url` in it, reversed in that language too; attachments are
    (filename, content, mimetype)."""
    with translation.override(user.language if language is None else language):
        context = {**context, "site_name": settings.SITE_NAME, "user": user}
        if link is not None:
            view, args = link
            context["url"] = absolute_url(reverse(view, args=args))
        context["preferences_url"] = absolute_url(reverse("community:account"))
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        message = EmailMessage(
            subject=f"[{settings.SITE_NAME}] {subject}",
            body=render_to_string(f"{template}.txt", context),
            to=[user.email],
        )
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def log_failure(about, recipients):
    """Called while the error is being handled, so that its traceback goes in the log."""
    logger.exception("Email not sent (%s) to %d recipient(s)", about, recipients)


def send_after_commit(about, write, *args):
    """Once the person's action is committed, the emails it causes go to the outbox
    (queue): what they tell is saved by then."""
    transaction.on_commit(_delivery(about, write, args))


def queue(about, write, *args):
    """Hand emails to the outbox now (the scheduled commands, whose records are saved):
    a worker calls write(*args) in the background; it returns the emails. write is a
    module-level function and args are ids, dates as text (they travel through the task's
    record as JSON): it finds the records again, and a record gone by then
    (ObjectDoesNotExist) sends nothing."""
    _delivery(about, write, args)()


def _delivery(about, write, args):
    """What enqueues the delivery, checked now (where the mistake is) and named once: a
    retry of it never writes twice to the same person."""
    writer = f"{write.__module__}.{write.__qualname__}"
    if import_string(writer) is not write:  # a lambda or a nested function cannot travel
        raise TypeError(f"the outbox needs a module-level function, not {writer}")
    key = str(uuid.uuid4())

    def enqueue():
        from .outbox.tasks import deliver

        deliver.enqueue(about, writer, list(args), key)

    return enqueue
