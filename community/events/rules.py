"""Registering for events, within capacity.

Two people may ask for the last seat at the same instant. Counting confirmed
registrations and then inserting one is only safe while nobody else can do the same:
each change below runs in one transaction that first locks the event's row
(SELECT ... FOR UPDATE on PostgreSQL; on SQLite the IMMEDIATE transaction already holds
the database's write lock). A unique constraint refuses a second active registration of
the same person, even from a double-submitted form."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .. import access
from .models import Registration

Status = Registration.Status


class RegistrationRefused(Exception):
    """Why a registration cannot be taken, in words for the person."""


def _locked_event(event):
    return type(event).objects.select_for_update(of=("self",)).get(pk=event.pk)


def register(event, user, by_staff=False, answers=None, language=None):
    """A confirmed registration while seats are left, else a place on the waiting list.
    Network staff placing someone (by_staff) are not held to the registration window
    or the audience; capacity holds for everyone."""
    if not user.is_authenticated:
        raise RegistrationRefused(_("Sign in to register."))
    try:
        with transaction.atomic():
            event = _locked_event(event)
            if event.cancelled:
                raise RegistrationRefused(_("This event is cancelled."))
            if not by_staff and not event.registration_is_open():
                raise RegistrationRefused(_("Registration for this event is closed."))
            members_only = event.audience == event.Audience.MEMBERS
            if not by_staff and members_only and not access.may_attend_members_events(user):
                raise RegistrationRefused(_("This event is for members of the network only."))
            active = Registration.objects.filter(event=event, user=user).exclude(
                status=Status.CANCELLED
            )
            if active.exists():
                raise RegistrationRefused(_("You are already registered for this event."))
            confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED).count()
            full = event.capacity is not None and confirmed >= event.capacity
            return Registration.objects.create(
                event=event,
                user=user,
                status=Status.WAITLISTED if full else Status.CONFIRMED,
                answers=answers or {},
                language=language or translation.get_language() or settings.LANGUAGE_CODE,
            )
    except IntegrityError as error:  # the same person, registering twice at once
        raise RegistrationRefused(_("You are already registered for this event.")) from error


def cancel(registration):
    """Cancel a registration; a confirmed seat goes to the first person waiting, who is
    returned (or None)."""
    with transaction.atomic():
        event = _locked_event(registration.event)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            return None
        freed_a_seat = registration.status == Status.CONFIRMED
        registration.status = Status.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        if not freed_a_seat:
            return None
        return promote_next(event)


def promote_next(event):
    """Confirm the first person on the waiting list if a seat is free. Call inside the
    transaction that locked the event."""
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED).count()
    if event.capacity is not None and confirmed >= event.capacity:
        return None
    first = (
        Registration.objects.filter(event=event, status=Status.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = Status.CONFIRMED
    first.save(update_fields=["status", "updated_at"])
    return first


def move(registration, target_event):
    """Staff move a person to another event: their place here goes to the next person
    waiting, and there they are confirmed or waitlisted like anyone. All or nothing.
    Returns (the new registration, the person promoted here or None)."""
    with transaction.atomic():
        # Lock both events, always in the same order, so two moves cannot deadlock.
        events = sorted([registration.event, target_event], key=lambda event: event.pk)
        for event in events:
            _locked_event(event)
        new = register(
            target_event,
            registration.user,
            by_staff=True,
            answers=registration.answers,
            language=registration.language,
        )
        promoted = cancel(registration)
        return new, promoted
