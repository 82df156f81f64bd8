"""One email delivered for real: Django's SMTP backend talking to a local SMTP server
(aiosmtpd), so that what a mail server receives is checked, not the test outbox."""

import email
from email import policy

import pytest
from aiosmtpd.controller import Controller

from community.models import Membership, Organisation

from .helpers import unused_port


class Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_inbox(settings):
    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=unused_port())
    server.start()
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.hostname, server.port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    yield inbox
    server.stop()


def test_a_request_to_join_reaches_the_mail_server_in_the_admins_language(
    client, user_factory, smtp_inbox, django_capture_on_commit_callbacks
):
    organisation = Organisation.objects.create(
        name="Cuisine collective de Côte-des-Neiges", kind="community_kitchen", status="approved"
    )
    admin = user_factory(email="admin@cuisine.example", language="en")
    Membership.objects.create(
        user=admin, organisation=organisation, role="admin", status="approved"
    )
    client.force_login(user_factory(email="benevole@example.org", language="fr"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/fr/adhesion/", {"action": "join", "join-organisation": organisation.pk}
        )
    assert response.url == "/fr/adhesion/"
    [envelope] = smtp_inbox.envelopes
    assert envelope.mail_from == "noreply@salim.example"
    assert envelope.rcpt_tos == ["admin@cuisine.example"]
    message = email.message_from_bytes(envelope.original_content, policy=policy.default)
    assert message["From"] == "SALIM <noreply@salim.example>"
    assert message["To"] == "admin@cuisine.example"
    # Django folds a long encoded subject onto the next line; unfolding it leaves a space
    # in front, which mail readers drop.
    assert message["Subject"].strip() == (
        "[SALIM] benevole@example.org asks to join Cuisine collective de Côte-des-Neiges"
    )
    assert message["Message-ID"] and message["Date"]
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    body = message.get_content()
    assert "Approve or refuse the request on the site, under “My organisation”." in body
