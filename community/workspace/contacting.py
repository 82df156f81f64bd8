"""Writing to a need's candidates from the triage: an email from the specialist to each
producer's members (or its entry's public address), logged in the producer's timeline."""

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from directory.models import Producer

from .. import access
from ..emails import compose, send_after_commit
from ..models import Interaction, Need, User
from ..needs.rules import need_view_and_args
from .timeline import what_and_quantity


def contact_candidates(need, staff, producer_ids):
    """Write to each producer about the need, from the specialist (replies go to them),
    and log each email in the producer's timeline; the emails leave through the outbox
    once the log is committed. Producers already written to about the need are not
    written to again; those nobody can be written to are returned, to be called instead."""
    producers = Producer.objects.filter(pk__in=producer_ids).order_by("name")
    members = members_by_producer(producers)
    with transaction.atomic():
        # Two clicks at once: the second waits here, then finds the first one's log.
        Need.objects.select_for_update().filter(pk=need.pk).first()
        already = _already_emailed(need, producers)
        to_write = [producer for producer in producers if producer.pk not in already]
        written = [producer for producer in to_write if recipients(producer, members)]
        unreachable = [producer for producer in to_write if producer not in written]
        _log_emails(need, staff, written)
        send_after_commit(
            f"need {need.pk} to its candidates, by user {staff.pk}",
            introductions,
            need.pk,
            staff.pk,
            [producer.pk for producer in written],
        )
    return written, unreachable


def introductions(need_id, staff_id, producer_ids):
    """The emails introducing the need to each producer, replies going to the specialist."""
    need = Need.objects.select_related("organisation", "product").get(pk=need_id)
    staff = User.objects.get(pk=staff_id)
    producers = Producer.objects.filter(pk__in=producer_ids).order_by("name")
    members = members_by_producer(producers)
    messages = []
    for producer in producers:
        for recipient in recipients(producer, members):
            message = compose(
                recipient,
                "community/workspace/email/need_introduction",
                {"need": need, "producer": producer, "staff": staff},
                need_view_and_args(need),
            )
            message.reply_to = [staff.email]
            messages.append(message)
    return messages


def recipients(producer, members):
    """Its members on the site (each written to in their language), or else its entry's
    public address (in French), or nobody."""
    return members.get(producer.pk) or ([PublicContact(producer.email)] if producer.email else [])


def members_by_producer(producers):
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


def _log_emails(need, staff, producers):
    """An email interaction about the need in each producer's timeline."""
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


@dataclass
class PublicContact:
    """A directory entry's public address, for a producer with no member on the site:
    written to in French, the network's language."""

    email: str
    language: str = "fr"
