"""Every kind of email the site sends, with the mail server down (Django's SMTP backend
and a local port nobody listens on, so a real connection is refused): the person's action
succeeds with its normal page, nothing saved is undone, and the failure is logged."""

import io
import logging
import os
import subprocess
import sys
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

import pytest
from allauth.account.models import EmailAddress

from cms.models import ResourcePage
from community.events import rules as registration
from community.forums import rules as forums
from community.models import (
    Answer,
    Claim,
    Commitment,
    EventSchedule,
    FollowUp,
    Interaction,
    Membership,
    Need,
    Organisation,
    Post,
    Registration,
    SurplusLot,
)
from tests.cms.test_share_resource import form as share_form
from tests.conftest import PASSWORD

from .helpers import (
    DATABASE_TASKS,
    deliveries,
    lot_form,
    make_need,
    need_form,
    post_url,
    proposal,
    run_due_tasks,
    topic_url,
    unused_port,
)

pytestmark = pytest.mark.mail_fails

LOGGERS = {"community.emails"}
REGISTRATION_ACTIONS = "/admin/registrations/"
REGISTRATION_LIST = "/admin/community/registration/"


class Scene:
    """The test's fixtures, asked for by the action that needs them."""

    def __init__(self, request):
        self._request = request

    def __getattr__(self, name):
        return self._request.getfixturevalue(name)

    def given(self, name):
        """A fixture the action needs only to exist (the people who are told)."""
        self._request.getfixturevalue(name)

    @contextmanager
    def mail_down(self):
        """The action, with the mail server refusing connections and the callbacks that
        run after a commit run as they would in production."""
        overrides = self.settings
        overrides.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        overrides.EMAIL_HOST, overrides.EMAIL_PORT = "127.0.0.1", unused_port()
        overrides.EMAIL_USE_TLS, overrides.EMAIL_TIMEOUT = False, 5
        with self.django_capture_on_commit_callbacks(execute=True):
            yield

    @contextmanager
    def mail_down_with_the_outbox(self):
        """The scheduled commands, as on the site: their emails wait in the database, and
        a worker's try fails while the server is down; the email waits to be tried again."""
        self.settings.TASKS = DATABASE_TASKS
        with self.mail_down():
            yield
            assert run_due_tasks() == 1
        assert deliveries().filter(status="READY", run_after__gt=timezone.now()).count() == 1

    def sign_in(self, user):
        self.client.force_login(user)
        return self.client


# Events -----------------------------------------------------------------------------------


def register_for_an_event(scene):
    event = scene.event_factory()
    client = scene.sign_in(scene.member)
    with scene.mail_down():
        response = client.post(f"/fr/evenements/{event.pk}/inscription/")
    assert response.url == event.url
    assert Registration.objects.get(event=event, user=scene.member).status == "confirmed"


def join_a_waiting_list(scene):
    event = scene.event_factory(capacity=1)
    registration.register(event, scene.user_factory())
    client = scene.sign_in(scene.member)
    with scene.mail_down():
        response = client.post(f"/fr/evenements/{event.pk}/inscription/")
    assert response.url == event.url
    assert Registration.objects.get(event=event, user=scene.member).status == "waitlisted"


def full_event(scene):
    event = scene.event_factory(capacity=1)
    seat = registration.register(event, scene.member)
    waiting = registration.register(event, scene.user_factory())
    return event, seat, waiting


def cancel_and_the_next_person_is_promoted(scene):
    _event, seat, waiting = full_event(scene)
    client = scene.sign_in(scene.member)
    with scene.mail_down():
        response = client.post(f"/fr/mes-evenements/{seat.pk}/annuler/")
    assert response.url == "/fr/mes-evenements/"
    assert Registration.objects.get(pk=seat.pk).status == "cancelled"
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"


def staff_cancel_a_registration(scene):
    _event, seat, waiting = full_event(scene)
    client = scene.sign_in(scene.editor)
    with scene.mail_down():
        response = client.post(f"{REGISTRATION_ACTIONS}{seat.pk}/cancel/")
    assert response.url == REGISTRATION_LIST
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"


def staff_move_a_registration(scene):
    _event, seat, waiting = full_event(scene)
    other = scene.event_factory()
    client = scene.sign_in(scene.editor)
    with scene.mail_down():
        response = client.post(f"{REGISTRATION_ACTIONS}{seat.pk}/move/", {"event": other.pk})
    assert response.url == REGISTRATION_LIST
    assert Registration.objects.get(event=other, user=scene.member).status == "confirmed"
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"


def publish_a_new_date(scene):
    event = scene.event_factory()
    registration.register(event, scene.member)
    event.starts_at += timedelta(days=2)
    event.ends_at += timedelta(days=2)
    with scene.mail_down():
        event.save_revision().publish()
    assert EventSchedule.objects.get(event=event).starts_at == event.starts_at


def cancel_an_event(scene):
    event = scene.event_factory()
    registration.register(event, scene.member)
    event.cancelled = True
    with scene.mail_down():
        event.save_revision().publish()
    assert EventSchedule.objects.get(event=event).cancelled


def send_event_reminders(scene):
    tomorrow = timezone.localdate() + timedelta(days=1)
    starts_at = timezone.make_aware(datetime.combine(tomorrow, time(10)))
    event = scene.event_factory(starts_in=starts_at - timezone.now())
    confirmed = registration.register(event, scene.member)
    with scene.mail_down_with_the_outbox():
        call_command("send_event_reminders", stdout=io.StringIO())
    # Handed to the outbox, which tries again later: the next run sends no second one.
    assert Registration.objects.get(pk=confirmed.pk).reminded_at is not None


# Membership -------------------------------------------------------------------------------


def propose_an_organisation(scene):
    scene.given("editor")  # the staff, who are told
    client = scene.sign_in(scene.member)
    with scene.mail_down():
        response = client.post(
            "/fr/adhesion/",
            {"action": "propose", "propose-name": "Banque de LaSalle", "propose-kind": "food_bank"},
        )
    assert response.url == "/fr/adhesion/"
    assert Membership.objects.get(user=scene.member).organisation.name == "Banque de LaSalle"


def ask_to_join_an_organisation(scene):
    organisation = scene.organisation_factory()
    scene.member_factory(organisation=organisation, role="admin")
    client = scene.sign_in(scene.member)
    with scene.mail_down():
        response = client.post(
            "/fr/adhesion/", {"action": "join", "join-organisation": organisation.pk}
        )
    assert response.url == "/fr/adhesion/"
    assert Membership.objects.get(user=scene.member).status == "pending"


def decide_a_request(scene, decision):
    organisation = scene.organisation_factory()
    admin = scene.member_factory(organisation=organisation, role="admin")
    asked = Membership.objects.create(user=scene.member, organisation=organisation)
    client = scene.sign_in(admin)
    with scene.mail_down():
        response = client.post(
            "/fr/mon-organisme/demandes/", {"membership": asked.pk, "decision": decision}
        )
    assert response.url == "/fr/mon-organisme/demandes/"
    return Membership.objects.get(pk=asked.pk)


def approve_a_request_to_join(scene):
    assert decide_a_request(scene, "approve").status == "approved"


def refuse_a_request_to_join(scene):
    assert decide_a_request(scene, "refuse").status == "refused"


def staff_approve_an_organisation(scene):
    organisation = scene.organisation_factory(status=Organisation.Status.PENDING)
    Membership.objects.create(user=scene.member, organisation=organisation, role="admin")
    client = scene.sign_in(scene.editor)
    with scene.mail_down():
        response = client.post(f"/admin/organisations/{organisation.pk}/approve/")
    assert response.status_code == 302
    assert Membership.objects.get(user=scene.member).status == "approved"


# Needs, surplus and commitments -----------------------------------------------------------


def post_a_need(scene):
    board = scene.board
    client = scene.sign_in(board["cook"])
    with scene.mail_down():
        response = client.post("/fr/besoins/nouveau/", need_form(board))
    assert response.url == f"/fr/besoins/{Need.objects.get().pk}/"


def answer_a_need(scene):
    board = scene.board
    need = make_need(board)
    client = scene.sign_in(board["farmer"])
    with scene.mail_down():
        response = client.post(f"/fr/besoins/{need.pk}/", {"unit_price": "2,20", "quantity": "40"})
    assert response.url == f"/fr/besoins/{need.pk}/"
    assert Answer.objects.get(need=need).producer == board["farm"]


def accept_an_answer(scene):
    board = scene.board
    need = make_need(board)
    given = Answer.objects.create(
        need=need, producer=board["farm"], unit_price=Decimal("2.20"), quantity=Decimal("40")
    )
    client = scene.sign_in(board["cook"])
    with scene.mail_down():
        response = client.post(f"/fr/besoins/reponses/{given.pk}/accepter/")
    assert response.url == f"/fr/besoins/{need.pk}/"
    assert Answer.objects.get(pk=given.pk).status == "accepted"


def write_in_a_needs_conversation(scene):
    board = scene.board
    need = make_need(board)
    Answer.objects.create(
        need=need, producer=board["farm"], unit_price=Decimal("2.20"), quantity=Decimal("40")
    )
    client = scene.sign_in(board["farmer"])
    with scene.mail_down():
        response = client.post(
            f"/fr/besoins/{need.pk}/", {"action": "message", "message-body": "Le mardi ?"}
        )
    assert response.url == f"/fr/besoins/{need.pk}/#conversation"
    assert Post.objects.get(topic__need=need).body == "Le mardi ?"


def write_about_buying_together(scene):
    board = scene.board
    make_need(board, buy_together=True)
    client = scene.sign_in(board["cook"])
    url = f"/fr/besoins/ensemble/{board['carrots'].pk}/"
    with scene.mail_down():
        response = client.post(url, {"message-body": "On partage la livraison ?"})
    assert response.status_code == 302
    assert Post.objects.get(topic__pool_product=board["carrots"]).author == board["cook"]


def post_a_surplus_lot(scene):
    board = scene.board
    make_need(board)  # the kitchen needs carrots: its members are told
    client = scene.sign_in(board["farmer"])
    with scene.mail_down():
        response = client.post("/fr/surplus/nouveau/", lot_form(product=board["carrots"].pk))
    assert response.url == f"/fr/surplus/{SurplusLot.objects.get().pk}/"


def claim_a_surplus_lot(scene):
    board = scene.board
    make_need(board)
    lot = scene.lot_factory()
    client = scene.sign_in(board["cook"])
    with scene.mail_down():
        response = client.post(
            f"/fr/surplus/{lot.pk}/", {"organisation": board["kitchen"].pk, "quantity": "30"}
        )
    assert response.url == f"/fr/surplus/{lot.pk}/"
    assert Claim.objects.get(lot=lot).quantity == Decimal("30")
    assert SurplusLot.objects.get(pk=lot.pk).remaining == Decimal("70")


def propose_a_commitment(scene):
    board = scene.board
    client = scene.sign_in(board["cook"])
    with scene.mail_down():
        response = client.post("/fr/engagements/nouveau/", proposal(board))
    assert response.url == f"/fr/engagements/{Commitment.objects.get().pk}/"


def answer_a_commitment(scene):
    board = scene.board
    scene.sign_in(board["cook"]).post("/fr/engagements/nouveau/", proposal(board))
    commitment = Commitment.objects.get()
    client = scene.sign_in(board["farmer"])
    with scene.mail_down():
        response = client.post(
            f"/fr/engagements/{commitment.pk}/", {"action": "accept", "version": "1"}
        )
    assert response.url == f"/fr/engagements/{commitment.pk}/"
    assert Commitment.objects.get().status == "accepted"


# Forums -----------------------------------------------------------------------------------


def reply_in_a_followed_topic(scene):
    topic = scene.topic_factory()
    forums.follow(scene.member_factory(), topic=topic)
    client = scene.sign_in(scene.member_factory())
    with scene.mail_down():
        response = client.post(topic_url(topic), {"body": "Je peux aider le jeudi."})
    assert response.status_code == 302
    assert topic.posts.count() == 2


def report_a_post_until_it_is_hidden(scene):
    scene.given("editor")  # a moderator, who is told
    topic = scene.topic_factory()
    post = topic.posts.get()
    reporters = [
        scene.member_factory() for _ in range(scene.settings.FORUM_LIMITS["reports_to_hide"])
    ]
    for reporter in reporters[:-1]:
        forums.report(post, reporter, "Pourriel")
    client = scene.sign_in(reporters[-1])
    with scene.mail_down():
        response = client.post(post_url(post, "signaler/"), {"reason": "Publicité"})
    assert response.status_code == 302
    assert Post.objects.get(pk=post.pk).is_hidden


def send_forum_digests(scene):
    reader = scene.member_factory(forum_emails="daily")
    topic = scene.topic_factory()
    forums.follow(reader, topic=topic)
    with scene.mail_down_with_the_outbox():
        call_command("send_forum_digests", stdout=io.StringIO())
    assert get_user_model().objects.get(pk=reader.pk).forum_digest_sent_at is not None


# Resources, the workspace, accounts -------------------------------------------------------


def share_a_resource(scene):
    library = scene.library
    sharer = scene.user_factory(groups=["Members"])
    client = scene.sign_in(sharer)
    with scene.mail_down():
        response = client.post(
            "/fr/ressources/partager/", share_form(link="https://example.org/prix")
        )
    assert response.url == library.url
    assert ResourcePage.objects.get().owner == sharer


def write_to_a_needs_candidates(scene):
    """The staff are told who was written to, and it is logged in the producers'
    timelines: the outbox delivers the emails once the mail server is back."""
    board = scene.board
    need = make_need(board)
    Need.objects.filter(pk=need.pk).update(created_at=timezone.now() - timedelta(days=4))
    client = scene.sign_in(scene.editor)
    with scene.mail_down():
        response = client.post(f"/admin/workspace/needs/{need.pk}/contact/", follow=True)
    assert response.status_code == 200
    assert "Courriel envoyé à : Ferme Lebeau" in response.content.decode()
    assert Interaction.objects.filter(kind="email", need=need).exists()


def send_follow_up_digests(scene):
    """The week is claimed: the outbox sends the digest once the mail server is back."""
    editor = scene.editor
    FollowUp.objects.create(
        what="Rappeler la ferme",
        due_on=timezone.localdate(),
        producer=scene.board["farm"],
        assigned_to=editor,
    )
    with scene.mail_down_with_the_outbox():
        call_command("send_follow_up_digests", stdout=io.StringIO())
    assert get_user_model().objects.get(pk=editor.pk).follow_up_digest_sent_on is not None


def send_project_digests(scene):
    """The project's week is claimed: the outbox sends the digest once the server is back."""
    board = scene.board
    project = scene.project_factory(board["kitchen"])
    scene.member_factory(organisation=board["kitchen"], role="admin")
    scene.action_factory(project, due_on=timezone.localdate() - timedelta(days=2))
    with scene.mail_down_with_the_outbox():
        call_command("send_project_digests", stdout=io.StringIO())
    project.refresh_from_db()
    assert project.digest_sent_on is not None


def sign_up(scene):
    scene.given("home_pages")
    with scene.mail_down():
        response = scene.client.post(
            "/fr/comptes/signup/",
            {
                "first_name": "Nadia",
                "email": "nouvelle@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    assert response.status_code == 302
    assert not EmailAddress.objects.get(email="nouvelle@example.org").verified


def reset_a_password(scene):
    scene.given("home_pages")
    with scene.mail_down():
        response = scene.client.post("/fr/comptes/password/reset/", {"email": scene.member.email})
    assert response.status_code == 302


ACTIONS = [
    register_for_an_event,
    join_a_waiting_list,
    cancel_and_the_next_person_is_promoted,
    staff_cancel_a_registration,
    staff_move_a_registration,
    publish_a_new_date,
    cancel_an_event,
    send_event_reminders,
    propose_an_organisation,
    ask_to_join_an_organisation,
    approve_a_request_to_join,
    refuse_a_request_to_join,
    staff_approve_an_organisation,
    post_a_need,
    answer_a_need,
    accept_an_answer,
    write_in_a_needs_conversation,
    write_about_buying_together,
    post_a_surplus_lot,
    claim_a_surplus_lot,
    propose_a_commitment,
    answer_a_commitment,
    reply_in_a_followed_topic,
    report_a_post_until_it_is_hidden,
    send_forum_digests,
    share_a_resource,
    write_to_a_needs_candidates,
    send_follow_up_digests,
    send_project_digests,
    sign_up,
    reset_a_password,
]


@pytest.mark.parametrize("action", ACTIONS, ids=[action.__name__ for action in ACTIONS])
def test_a_failing_mail_server_never_fails_nor_undoes_what_the_person_did(
    action, request, caplog, db
):
    caplog.set_level(logging.ERROR)
    action(Scene(request))  # the page, and what is saved, per action
    failures = [
        record
        for record in caplog.records
        if record.name in LOGGERS and record.getMessage().startswith("Email not sent")
    ]
    assert failures, "the email was lost without a word in the log"
    assert all(isinstance(record.exc_info[1], OSError) for record in failures)
    assert all(" to 0 recipient(s)" not in record.getMessage() for record in failures)


@pytest.mark.parametrize("settings_module", ["settings.dev", "settings.production"])
def test_the_failure_reaches_the_servers_log(settings_module):
    """What the test above reads in caplog, the server prints: the logging settings of
    development and production let the record through, with its traceback."""
    script = (
        "import django, logging; django.setup()\n"
        "try:\n"
        "    raise ConnectionRefusedError(111, 'Connection refused')\n"
        "except OSError:\n"
        "    from community.emails import log_failure\n"
        "    log_failure('need 1 to its producers', 3)\n"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "salim.example",
        "WAGTAILADMIN_BASE_URL": "https://salim.example",
        "DEFAULT_FROM_EMAIL": "noreply@salim.example",
        "PYTHONPATH": os.pathsep.join(["site", "."]),
    }
    environment.pop("LOG_LEVEL", None)
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Email not sent (need 1 to its producers) to 3 recipient(s)" in result.stderr
    assert "ConnectionRefusedError" in result.stderr
