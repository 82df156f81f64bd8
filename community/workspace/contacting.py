"""Writing to a need's candidates from the triage: an email from the specialist to each
producer's members (or its entry's public address), logged in the producer's timeline."""

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from directory.models import Producer

from .. import access
from ..emails import compose, send_all
from ..models import Interaction, Need
from ..needs.rules import need_view_and_args
from .timeline import what_and_quantity


class ContactFailed(Exception):
    """The mail server did not take the emails: nothing was logged."""


def contact_candidates(need, staff, producer_ids):
    """Write to each producer about the need, from the specialist (replies go to them),
    and log each email in the producer's timeline. Producers already written to about the
    need are not written to again; those nobody can be written to are returned, to be
    called instead. Raises ContactFailed, having logged nothing, if the mail fails."""
    producers = Producer.objects.filter(pk__in=producer_ids).order_by("name")
    members = _members_by_producer(producers)
    with transaction.atomic():
        # Two clicks at once: the second waits here, then finds the first one's log.
        Need.objects.select_for_update().filter(pk=need.pk).first()
        already = _already_emailed(need, producers)
        to_write = [producer for producer in producers if producer.pk not in already]
        messages, written, unreachable = _introductions(need, staff, to_write, members)
        logged = _log_emails(need, staff, written)
    # Sent once the log is committed (the mail server can be slow; the database is not
    # kept waiting); if it fails, the log goes too, so that the page tells the truth.
    if not send_all(messages, f"need {need.pk} to its candidates, by user {staff.pk}"):
        Interaction.objects.filter(pk__in=logged).delete()
        raise ContactFailed
    return written, unreachable


def _members_by_producer(producers):
    """Producer id → the people who may be written to for it on the site."""
    members = defaultdict(list)
    for membership in access.memberships_acting_for(producers):
        members[membership.organisation.producer_id].append(membership.user)
    return members


def _already_emailed(need, producers):
    """The ids of those of the producers already emailed about the need."""
    return set(
        Interaction.objects.filter(
            need=need, kind=Interaction.Kind.EMAIL, producer__in=producers
        ).values_list("producer_id", flat=True)
    )


def _introductions(need, staff, producers, members):
    """The emails introducing the need to each producer, replies going to the specialist;
    with the producers written to, and those nobody can be written to."""
    messages, written, unreachable = [], [], []
    for producer in producers:
        recipients = members.get(producer.pk) or (
            [PublicContact(producer.email)] if producer.email else []
        )
        if not recipients:
            unreachable.append(producer)
            continue
        for recipient in recipients:
            message = compose(
                recipient,
                "community/workspace/email/need_introduction",
                {"need": need, "producer": producer, "staff": staff},
                need_view_and_args(need),
            )
            message.reply_to = [staff.email]
            messages.append(message)
        written.append(producer)
    return messages, written, unreachable


def _log_emails(need, staff, producers):
    """An email interaction about the need in each producer's timeline; their ids."""
    logged = []
    for producer in producers:
        interaction = Interaction.objects.create(
            kind=Interaction.Kind.EMAIL,
            producer=producer,
            need=need,
            notes=_("Told about the need of %(organisation)s: %(need)s")
            % {"organisation": need.organisation, "need": what_and_quantity(need)},
            logged_by=staff,
        )
        if need.product_id:
            interaction.products.add(need.product)
        logged.append(interaction.pk)
    return logged


@dataclass
class PublicContact:
    """A directory entry's public address, for a producer with no member on the site:
    written to in French, the network's language."""

    email: str
    language: str = "fr"
