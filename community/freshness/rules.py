"""The freshness check's rules: which entries are asked, the emails, the signed link and
the two answers, "Still right" and "Something changed".

An entry not verified for DIRECTORY_FRESHNESS_ASK_AFTER_DAYS is asked once in that many
days (the FreshnessCheck records it), written to as the workspace writes to producers:
its members on the site, each in their language, or else its entry's public address.
The link is signed (community.signed_links, a salt of its own) over the check and its
entry: it opens that one entry only, for DIRECTORY_FRESHNESS_LINK_DAYS after the ask.
Either answer stamps the entry verified by its producer, in the entry's history."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from directory import verification
from directory.models import Offer, Producer

from .. import signed_links
from ..emails import compose, queue
from ..workspace.contacting import members_by_producer, recipients
from .models import FreshnessCheck

# One purpose, one salt: a link signed for something else never opens a check.
LINK_SALT = "community.freshness.check"
CHECK_VIEW = "community:freshness_check"
EMAIL = "community/freshness/email/freshness_check"


def ask_after():
    return timedelta(days=settings.DIRECTORY_FRESHNESS_ASK_AFTER_DAYS)


def link_lasts():
    return timedelta(days=settings.DIRECTORY_FRESHNESS_LINK_DAYS)


# Asking ----------------------------------------------------------------------------------


def due(now=None):
    """The entries not verified for the period and not asked within it."""
    now = now or timezone.now()
    asked = FreshnessCheck.objects.filter(asked_at__gt=now - ask_after()).values("producer")
    return Producer.objects.stale(settings.DIRECTORY_FRESHNESS_ASK_AFTER_DAYS).exclude(pk__in=asked)


def ask_due():
    """A check for each entry due that someone can be written to; its email goes to the
    outbox. Safe to run again at once: an entry asked is not due any more. Returns how
    many entries were asked."""
    producers = list(due().order_by("pk"))
    members = members_by_producer(producers)
    asked = 0
    for producer in producers:
        if not recipients(producer, members):
            continue  # nobody to write to: the staff call it, as before
        with transaction.atomic():
            # Two runs at once: the second waits for the first's check, then finds it.
            Producer.objects.select_for_update().filter(pk=producer.pk).first()
            if not due().filter(pk=producer.pk).exists():
                continue
            check = FreshnessCheck.objects.create(producer=producer)
        queue(f"freshness check {check.pk}", check_emails, check.pk)
        asked += 1
    return asked


def check_emails(check_id):
    """ "Is this still right?" to the entry's members or its address, with its offers."""
    check = FreshnessCheck.objects.select_related("producer").get(pk=check_id)
    producer = check.producer
    context = {
        "producer": producer,
        "offers": list(offers_of(producer)),
        "expires_on": timezone.localdate(check.asked_at + link_lasts()),
    }
    members = members_by_producer([producer.pk])
    return [
        compose(recipient, EMAIL, context, link_args(check))
        for recipient in recipients(producer, members)
    ]


def offers_of(producer):
    return Offer.objects.filter(producer=producer).select_related("product")


# Links -----------------------------------------------------------------------------------


def token_for(check):
    return signed_links.sign(LINK_SALT, c=check.pk, p=check.producer_id)


def link_args(check):
    return (CHECK_VIEW, [check.producer_id, token_for(check)])


def open_link(producer_id, token, now=None):
    """The check the link opens, for the entry of the address; LinkRefused("broken") for
    a link tampered with or for another entry, ("closed") once it has expired."""
    check_id = signed_links.unsign(LINK_SALT, token, p=producer_id)["c"]
    check = (
        FreshnessCheck.objects.select_related("producer")
        .filter(pk=check_id, producer_id=producer_id)
        .first()
    )
    if check is None:
        raise signed_links.LinkRefused("broken")
    if (now or timezone.now()) > check.asked_at + link_lasts():
        raise signed_links.LinkRefused("closed", check)
    return check


# Answers ---------------------------------------------------------------------------------


@transaction.atomic
def confirm(check):
    """ "Still right": the entry and its prices are verified today, by its producer."""
    check = FreshnessCheck.objects.select_for_update().get(pk=check.pk)
    _prices_seen_today(check.producer_id)
    verification.stamp_verified(
        Producer.objects.filter(pk=check.producer_id),
        Producer.VerifiedBy.PRODUCER,
        action="directory.confirm",
    )
    if check.answer == FreshnessCheck.Answer.WAITING:
        check.answer = FreshnessCheck.Answer.CONFIRMED
    check.answered_at = timezone.now()
    check.save()
    return check


@transaction.atomic
def save_changes(check, entry_form, offer_forms):
    """ "Something changed": the ordering details and the offers' prices and months as
    the producer corrected them, then the entry stamped verified by its producer, what
    changed in its history. The forms are valid."""
    check = FreshnessCheck.objects.select_for_update().get(pk=check.pk)
    entry = entry_form.save()
    changed_offers = []
    for form in offer_forms:
        if form.has_changed():
            offer = form.save(commit=False)
            offer.updated_by = None  # the producer, through its link
            offer.save()
            changed_offers.append(offer.product.name)
    _prices_seen_today(entry.pk)
    verification.stamp_verified(
        Producer.objects.filter(pk=entry.pk),
        Producer.VerifiedBy.PRODUCER,
        action="directory.producer_change",
        data={"fields": entry_form.changed_data, "offers": changed_offers},
    )
    check.answer = FreshnessCheck.Answer.CHANGED
    check.answered_at = timezone.now()
    check.save()
    return check


def _prices_seen_today(producer_id):
    """The producer vouches for its prices as they now are: seen today."""
    Offer.objects.filter(producer_id=producer_id, price__isnull=False).update(
        price_seen_on=timezone.localdate()
    )


# The campaign ----------------------------------------------------------------------------


def campaign(now=None):
    """The checks asked within the period, and how many were confirmed, changed and are
    waiting for an answer."""
    now = now or timezone.now()
    checks = FreshnessCheck.objects.filter(asked_at__gt=now - ask_after())
    counts = dict.fromkeys(FreshnessCheck.Answer.values, 0)
    for answer, count in checks.values_list("answer").annotate(count=Count("pk")).order_by():
        counts[answer] = count
    return checks, {"asked": sum(counts.values()), **counts}
