"""Emails around an event: the reminder the day before (once only), and the news of a
new date or a cancellation to everyone registered."""

from datetime import datetime, time, timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import icalendar
import pytest

from community.events import rules as registrations
from community.models import Registration

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)


def tomorrow_at(hour):
    return timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=1), time(hour))
    )


def remind():
    out = StringIO()
    call_command("send_event_reminders", stdout=out)
    return out.getvalue()


def test_reminders_go_the_day_before_to_confirmed_people_once(
    event_factory, user_factory, mailoutbox
):
    starts_in = tomorrow_at(10) - timezone.now()
    event = event_factory(title="Atelier de demain", capacity=1, starts_in=starts_in)
    confirmed = registrations.register(event, user_factory(email="confirmee@example.org"))
    registrations.register(event, user_factory(email="en-attente@example.org"))
    later = event_factory(title="Atelier de la semaine prochaine", starts_in=timedelta(days=8))
    registrations.register(later, user_factory())
    assert "1 reminder(s) in the outbox." in remind()
    assert "0 reminder(s) in the outbox." in remind()
    [message] = mailoutbox
    assert message.to == ["confirmee@example.org"]
    assert "Atelier de demain" in message.subject
    assert Registration.objects.get(pk=confirmed.pk).reminded_at is not None


def test_no_reminder_for_a_cancelled_event(event_factory, member, mailoutbox):
    event = event_factory(starts_in=tomorrow_at(10) - timezone.now())
    registrations.register(event, member)
    event.cancelled = True
    event.save_revision().publish()
    mailoutbox.clear()
    remind()
    assert mailoutbox == []


def test_a_new_date_is_announced_to_everyone_registered_once(
    event_factory, user_factory, mailoutbox, django_capture_on_commit_callbacks
):
    event = event_factory(title="Visite du verger", capacity=1)
    registrations.register(event, user_factory(email="a@example.org"))
    registrations.register(event, user_factory(email="b@example.org"))
    gone = registrations.register(event, user_factory(email="c@example.org"))
    registrations.cancel(gone)
    event.starts_at += timedelta(days=2)
    event.ends_at += timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert sorted(message.to[0] for message in mailoutbox) == ["a@example.org", "b@example.org"]
    assert all("Nouvelle date" in message.subject for message in mailoutbox)
    mailoutbox.clear()
    event.title = "Visite du verger (complet)"
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert mailoutbox == []  # no change of date: nobody is bothered


def test_a_cancellation_is_announced_with_a_cancelling_calendar_file(
    event_factory, member, mailoutbox, django_capture_on_commit_callbacks
):
    event = event_factory(title="Atelier annulé")
    registrations.register(event, member)
    event.cancelled = True
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    [message] = mailoutbox
    assert "Annulé" in message.subject
    [vevent] = icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert str(vevent["status"]) == "CANCELLED"


def test_emails_are_written_in_the_language_the_person_registered_in(
    client, event_factory, member, user_factory, mailoutbox, django_capture_on_commit_callbacks
):
    event = event_factory(title="Atelier", capacity=1)
    client.force_login(member)
    client.post(f"/fr/evenements/{event.pk}/inscription/")
    waiting = user_factory(email="waiting@example.org")
    client.force_login(waiting)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/events/{event.pk}/register/")
    assert "Waiting list" in mailoutbox[-1].subject
    mailoutbox.clear()
    client.force_login(member)  # the French member cancels from a French page
    mine = Registration.objects.get(user=member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/fr/mes-evenements/{mine.pk}/annuler/")
    [promotion] = mailoutbox
    assert promotion.to == ["waiting@example.org"]
    assert "A seat for you" in promotion.subject
