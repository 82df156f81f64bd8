"""The outbox: a person's action only enqueues the emails it causes; a worker writes and
sends them, tries again later while the mail server is down, never writes twice to the
same person, and leaves its last failures to the staff, who may try again."""

import io
from datetime import timedelta

from django.core.mail import EmailMessage
from django.core.management import call_command
from django.utils import timezone

from wagtail.admin.mail import send_mail

import pytest
import time_machine
from django_tasks import TaskResultStatus

from community.forums import rules as forums
from community.models import Post, SentEmail
from community.outbox.tasks import RETRY_DELAYS, deliver

from .helpers import DATABASE_TASKS, deliveries, run_due_tasks, topic_url, unused_port


@pytest.fixture
def queued(settings):
    """Tasks wait in the database, as on the site, until run_due_tasks() (the worker's
    own code for one task) takes them."""
    settings.TASKS = DATABASE_TASKS


@pytest.fixture
def mail_server_down(settings):
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", unused_port()
    settings.EMAIL_TIMEOUT = 2


@pytest.fixture
def followed_topic(member_factory, topic_factory):
    author = member_factory(email="auteur@example.org")
    topic = topic_factory(title="Tournée partagée", posts=[(author, "Qui a un camion ?")])
    for email in ("un@example.org", "deux@example.org", "trois@example.org"):
        forums.follow(member_factory(email=email), topic=topic)
    return topic


def test_posting_only_enqueues_and_the_worker_sends(
    queued, client, followed_topic, member_factory, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(member_factory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(topic_url(followed_topic), {"body": "Je peux aider le jeudi."})
    assert response.status_code == 302
    assert mailoutbox == []  # the request sent nothing
    assert deliveries().ready().count() == 1
    assert run_due_tasks() == 1
    assert sorted(message.to[0] for message in mailoutbox) == [
        "deux@example.org",
        "trois@example.org",
        "un@example.org",
    ]
    assert deliveries().get().status == TaskResultStatus.SUCCESSFUL


@pytest.mark.mail_fails
def test_a_mail_outage_delays_the_emails_and_loses_none(
    queued,
    settings,
    mail_server_down,
    followed_topic,
    member_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        forums.reply(member_factory(), followed_topic, "Je peux aider le jeudi.")
    now = timezone.now()
    with time_machine.travel(now, tick=False) as clock:
        assert run_due_tasks() == 1  # the server refuses: tried again later
        assert deliveries().ready().count() == 0
        later = deliveries().exclude(status=TaskResultStatus.SUCCESSFUL).get()
        assert later.run_after == now + timedelta(minutes=RETRY_DELAYS[0])
        assert SentEmail.objects.count() == 0

        settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # back
        clock.shift(timedelta(minutes=RETRY_DELAYS[0]))
        assert run_due_tasks() == 1
    assert len(mailoutbox) == 3
    assert SentEmail.objects.count() == 3


class FailsAfterOne:
    """A mail server that takes one email, then stops answering (not a Django backend: a
    stand-in for what SMTP does when it drops mid-way)."""

    def __init__(self, *args, **kwargs):
        self.sent = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def send_messages(self, messages):
        if self.sent >= 1:
            raise ConnectionResetError("the server went away")
        from django.core import mail

        mail.outbox.extend(messages)
        self.sent += len(messages)
        return len(messages)


@pytest.mark.mail_fails
def test_a_delivery_tried_again_writes_to_nobody_twice(
    queued,
    monkeypatch,
    followed_topic,
    member_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        forums.reply(member_factory(), followed_topic, "Je peux aider le jeudi.")
    monkeypatch.setattr("community.outbox.tasks.get_connection", FailsAfterOne)
    now = timezone.now()
    with time_machine.travel(now, tick=False) as clock:
        run_due_tasks()
        assert len(mailoutbox) == 1
        monkeypatch.undo()
        clock.shift(timedelta(minutes=RETRY_DELAYS[0]))
        run_due_tasks()
    recipients = [message.to[0] for message in mailoutbox]
    assert sorted(recipients) == ["deux@example.org", "trois@example.org", "un@example.org"]


def test_a_post_gone_before_the_worker_runs_sends_nothing(
    queued, followed_topic, member_factory, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = forums.reply(member_factory(), followed_topic, "Je peux aider le jeudi.")
    Post.objects.filter(pk=post.pk).delete()
    assert run_due_tasks() == 1
    assert mailoutbox == []
    assert deliveries().get().status == TaskResultStatus.SUCCESSFUL


@pytest.mark.mail_fails
def test_after_its_last_try_the_staff_see_it_and_try_again(
    queued,
    settings,
    mail_server_down,
    client,
    editor,
    member,
    followed_topic,
    member_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        forums.reply(member_factory(), followed_topic, "Je peux aider le jeudi.")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for delay in [0, *RETRY_DELAYS]:
            clock.shift(timedelta(minutes=delay))
            assert run_due_tasks() == 1
    failed = deliveries().get(status=TaskResultStatus.FAILED)
    assert deliveries().count() == len(RETRY_DELAYS) + 1

    client.force_login(member)
    assert client.get("/admin/failed-emails/").status_code in (302, 403)
    client.force_login(editor)
    page = client.get("/admin/failed-emails/").content.decode()
    assert "Tournée partagée" in page and "3 destinataires" in page  # the email's subject
    assert "ConnectionRefusedError" in page

    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(f"/admin/failed-emails/{failed.pk}/retry/", follow=True)
    assert response.status_code == 200
    assert run_due_tasks() == 1
    assert len(mailoutbox) == 3
    assert not deliveries().filter(status=TaskResultStatus.FAILED).exists()
    assert "Aucun courriel en échec" in client.get("/admin/failed-emails/").content.decode()


def test_a_task_whose_worker_died_runs_again_and_writes_once(
    queued, followed_topic, member_factory, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        forums.reply(member_factory(), followed_topic, "Je peux aider le jeudi.")
        forums.reply(member_factory(), followed_topic, "Moi aussi, le vendredi.")
    stalled, busy = deliveries().order_by("enqueued_at")
    # A worker took both, sent the first one's emails, then was killed (the second one is
    # a live worker's, started a moment ago).
    with time_machine.travel(timezone.now() - timedelta(minutes=40), tick=False):
        stalled.claim("worker-that-died")
    busy.claim("live-worker")
    deliver.call(*stalled.args_kwargs["args"])
    sent = len(mailoutbox)
    assert sent >= 3

    out = io.StringIO()
    call_command("requeue_stalled_tasks", stdout=out)
    assert "1 stalled task(s)" in out.getvalue()
    assert run_due_tasks() == 1
    assert len(mailoutbox) == sent  # nobody written to twice
    stalled.refresh_from_db()
    busy.refresh_from_db()
    assert (stalled.status, busy.status) == (TaskResultStatus.SUCCESSFUL, TaskResultStatus.RUNNING)


def test_an_email_sent_through_djangos_mail_api_leaves_through_the_outbox_as_written(
    queued, editor, mailoutbox
):
    """What other code sends (Wagtail's moderation notices, through wagtail.admin.mail;
    anything calling Django's mail API) waits in the outbox too, and arrives whole."""
    send_mail(
        "Page soumise : Foire aux semences",
        "Une page attend votre revue.",
        [editor.email],
        html_message="<p>Une page attend <b>votre revue</b>.</p>",
        reply_to=["coordination@salim.example"],
    )
    message = EmailMessage("Prix", "Voir la pièce jointe.", to=["ferme@example.org"])
    message.attach("prix.csv", "produit;prix\ncarottes;2,00\n", "text/csv")
    message.attach("logo.png", b"\x89PNG\r\n\x00\xff", "image/png")
    message.send()
    assert mailoutbox == []
    assert run_due_tasks() == 2
    notice, prices = sorted(mailoutbox, key=lambda sent: sent.subject)
    assert notice.subject == "Page soumise : Foire aux semences"
    assert notice.to == [editor.email] and notice.reply_to == ["coordination@salim.example"]
    assert notice.extra_headers == {"Auto-Submitted": "auto-generated"}
    assert notice.alternatives == [("<p>Une page attend <b>votre revue</b>.</p>", "text/html")]
    assert [tuple(attachment) for attachment in prices.attachments] == [
        ("prix.csv", "produit;prix\ncarottes;2,00\n", "text/csv"),
        ("logo.png", b"\x89PNG\r\n\x00\xff", "image/png"),
    ]


@pytest.mark.mail_fails
def test_an_email_sent_through_djangos_mail_api_is_tried_again_while_the_server_is_down(
    db, queued, settings, mail_server_down, mailoutbox
):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        EmailMessage("Prix", "Bonjour.", to=["ferme@example.org"]).send()
        assert run_due_tasks() == 1
        settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        clock.shift(timedelta(minutes=RETRY_DELAYS[0]))
        assert run_due_tasks() == 1
    assert [message.to for message in mailoutbox] == [["ferme@example.org"]]


def test_allauths_emails_leave_through_the_outbox_as_written(
    queued, client, home_pages, member, mailoutbox
):
    response = client.post("/fr/comptes/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert mailoutbox == []
    assert run_due_tasks() == 1
    (message,) = mailoutbox
    assert message.to == [member.email]
    assert "https://salim.example:8443/fr/comptes/password/reset/key/" in message.body


@pytest.mark.mail_fails
def test_the_delays_between_tries_come_from_the_settings_when_set(
    queued,
    settings,
    mail_server_down,
    followed_topic,
    member_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    """OUTBOX_RETRY_DELAYS (minutes) replaces RETRY_DELAYS: as many tries, as far apart,
    then the delivery fails for the staff to see."""
    settings.OUTBOX_RETRY_DELAYS = [0.05, 0.5]  # 3 seconds, then 30
    with django_capture_on_commit_callbacks(execute=True):
        forums.reply(member_factory(), followed_topic, "Je peux aider le jeudi.")
    now = timezone.now()
    with time_machine.travel(now, tick=False) as clock:
        assert run_due_tasks() == 1
        later = deliveries().exclude(status=TaskResultStatus.SUCCESSFUL).get()
        assert later.run_after == now + timedelta(seconds=3)
        clock.shift(timedelta(seconds=3))
        assert run_due_tasks() == 1
        later = deliveries().exclude(status=TaskResultStatus.SUCCESSFUL).get()
        assert later.run_after == now + timedelta(seconds=33)
        clock.shift(timedelta(seconds=30))
        assert run_due_tasks() == 1  # the last try: none after it
    assert deliveries().count() == 3
    assert deliveries().filter(status=TaskResultStatus.FAILED).count() == 1
    assert mailoutbox == []
