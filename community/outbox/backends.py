"""Django's mail API, wherever it is called (allauth's messages, Wagtail's moderation
notices, cms's), hands its emails to the outbox rather than to the mail server: settings'
EMAIL_BACKEND is OutboxBackend, and the worker sends with OUTBOX_EMAIL_BACKEND. So no
email leaves inside a request, and every one is tried again and shown in Failed emails.

The community's own emails are queued by community.emails instead, as the records they
tell of (written by the worker, nothing sent if the record went meanwhile); these arrive
written, and travel as written (as_written)."""

import base64

from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend

from ..emails import queue


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        # Queued in the open transaction, if any: an email about what is rolled back goes too.
        for message in email_messages:
            queue(message.subject, as_written, written_down(message))
        return len(email_messages)


def written_down(message):
    """The email as JSON, for the task's record."""
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": message.to,
        "cc": message.cc,
        "bcc": message.bcc,
        "reply_to": message.reply_to,
        "headers": message.extra_headers,
        "alternatives": [[content, mimetype] for content, mimetype in _alternatives(message)],
        "attachments": [_attachment(attachment) for attachment in message.attachments],
    }


def as_written(email):
    """The email written down by written_down, ready to send again."""
    message = EmailMultiAlternatives(
        email["subject"],
        email["body"],
        email["from_email"],
        email["to"],
        cc=email["cc"],
        bcc=email["bcc"],
        reply_to=email["reply_to"],
        headers=email["headers"],
        alternatives=[tuple(alternative) for alternative in email["alternatives"]],
    )
    for filename, content, mimetype, is_text in email["attachments"]:
        message.attach(filename, content if is_text else base64.b64decode(content), mimetype)
    return [message]


def _alternatives(message):
    return getattr(message, "alternatives", [])


def _attachment(attachment):
    filename, content, mimetype = attachment
    if isinstance(content, str):
        return [filename, content, mimetype, True]
    return [filename, base64.b64encode(content).decode("ascii"), mimetype, False]
