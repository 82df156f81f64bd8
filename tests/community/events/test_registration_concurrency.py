"""Capacity under load: many registrations and cancellations at the same instant, with
real threads and real transactions, on SQLite (a file database, as the site runs it)
and on PostgreSQL (DATABASE_URL). Never more confirmed than seats, no errors."""

import pytest

from community.events import rules as registrations
from community.models import Registration

from ..helpers import at_once

Status = Registration.Status
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def counts(event):
    return {
        status: Registration.objects.filter(event=event, status=status).count()
        for status in (Status.CONFIRMED, Status.WAITLISTED, Status.CANCELLED)
    }


def test_fifty_people_registering_at_once_for_ten_seats(event_factory, user_factory):
    event = event_factory(capacity=10)
    people = [user_factory() for _ in range(50)]
    errors = at_once(
        *[lambda person=person: registrations.register(event, person) for person in people]
    )
    assert errors == []
    assert counts(event) == {Status.CONFIRMED: 10, Status.WAITLISTED: 40, Status.CANCELLED: 0}


def test_the_same_person_submitting_twice_at_once_gets_one_registration(event_factory, member):
    event = event_factory(capacity=10)
    errors = at_once(*[lambda: registrations.register(event, member) for _ in range(5)])
    assert Registration.objects.filter(event=event, user=member).count() == 1
    assert len(errors) == 4
    assert all(isinstance(error, registrations.RegistrationRefused) for error in errors)


def test_a_double_cancellation_promotes_exactly_one_person(event_factory, user_factory):
    event = event_factory(capacity=1)
    seat = registrations.register(event, user_factory())
    waiting = [registrations.register(event, user_factory()) for _ in range(3)]
    errors = at_once(*[lambda: registrations.cancel(seat) for _ in range(4)])
    assert errors == []
    assert counts(event) == {Status.CONFIRMED: 1, Status.WAITLISTED: 2, Status.CANCELLED: 1}
    assert Registration.objects.get(pk=waiting[0].pk).status == Status.CONFIRMED


def test_cancellations_and_registrations_racing_keep_the_seats_exact(event_factory, user_factory):
    event = event_factory(capacity=10)
    confirmed = [registrations.register(event, user_factory()) for _ in range(10)]
    waiting = [registrations.register(event, user_factory()) for _ in range(10)]
    newcomers = [user_factory() for _ in range(5)]
    jobs = [lambda r=r: registrations.cancel(r) for r in confirmed[:5]]
    jobs += [lambda person=person: registrations.register(event, person) for person in newcomers]
    assert at_once(*jobs) == []
    assert counts(event) == {Status.CONFIRMED: 10, Status.WAITLISTED: 10, Status.CANCELLED: 5}
    promoted = Registration.objects.filter(pk__in=[r.pk for r in waiting], status=Status.CONFIRMED)
    assert sorted(promoted.values_list("pk", flat=True)) == [r.pk for r in waiting[:5]]
