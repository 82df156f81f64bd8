"""Emails to members: each written in the recipient's language, with the site's addresses
in it. Registrations carry the event as an .ics attachment, in the language the person
registered in (whoever or whatever sends them).

Every email of the site leaves through send_all, most of them once the person's action is
committed (send_after_commit): a mail server that fails never fails nor undoes what the
person did; it is logged on this module's logger, with what was being sent and to how many.
Two leave another way: allauth's, whose failures accounts.adapters logs here, and the one
cms.sharing sends a member who shared a resource, which follows the same rule on its own
logger (cms may not import community; see tell_the_member there)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

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


def send_all(messages, about):
    """Over one connection to the mail server, however many there are. Returns whether
    they left; if not, the failure is logged (about: what they are, for whoever reads the
    log), never raised."""
    if not messages:
        return True
    try:
        get_connection().send_messages(messages)
    except Exception:
        log_failure(about, sum(len(message.recipients()) for message in messages))
        return False
    return True


def log_failure(about, recipients):
    """Called while the error is being handled, so that its traceback goes in the log."""
    logger.exception("Email not sent (%s) to %d recipient(s)", about, recipients)


def send_after_commit(about, write, *args):
    """Once the person's action is committed, write(*args) returns the emails that tell
    the others, and they are sent. Whatever fails then (the mail server, or writing them)
    is logged: the person still gets their page, and what they did stays done."""

    def send():
        try:
            messages = write(*args)
        except Exception:
            logger.exception("Email not written (%s)", about)
            return
        send_all(messages, about)

    transaction.on_commit(send)
