"""The procurement specialist's workspace: each producer's and organisation's timeline,
assembled from every record the site keeps of them; the triage of new needs, with a way
to write to the candidates; the weekly digest of follow-ups. Staff only."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Q
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import ModelLogEntry

from directory.models import Offer, Producer, Product

from .. import access
from ..emails import compose, send_all
from ..models import (
    Answer,
    Claim,
    Commitment,
    FollowUp,
    Interaction,
    InteractionTag,
    Learning,
    Membership,
    Need,
    Organisation,
    Outcome,
    Registration,
)
from ..needs.matching import offer_facts, rank
from ..needs.rules import need_facts, need_view_and_args

# Where a timeline's entries come from, in the order of the filter.
SOURCES = [
    ("interactions", gettext_lazy("Interactions")),
    ("follow_ups", gettext_lazy("Follow-ups")),
    ("outcomes", gettext_lazy("Outcomes")),
    ("learnings", gettext_lazy("Learnings")),
    ("needs", gettext_lazy("Needs")),
    ("answers", gettext_lazy("Answers")),
    ("surplus", gettext_lazy("Surplus")),
    ("commitments", gettext_lazy("Commitments")),
    ("events", gettext_lazy("Events")),
    ("directory", gettext_lazy("Directory changes")),
]


@dataclass
class Entry:
    when: datetime
    source: str
    title: str
    detail: str = ""
    by: str = ""
    url: str = ""
    dated_only: bool = False  # records with a day and no hour (an interaction's date)

    @property
    def source_label(self):
        return dict(SOURCES)[self.source]


def _day(value):
    # A day with no hour sorts after that day's timestamped events: it was logged later.
    return timezone.make_aware(datetime.combine(value, time(23, 59)))


def _name(user):
    return user.public_name if user is not None else ""


def _admin_edit(record):
    meta = record._meta
    return reverse(f"{meta.app_label}_{meta.model_name}_modeladmin_edit", args=[record.pk])


def counterparts(producer=None, organisation=None):
    """A producer and the business that answers for it on the site are one counterpart:
    either one's timeline shows both."""
    if producer is not None and organisation is None:
        organisation = Organisation.objects.filter(producer=producer).first()
    elif organisation is not None and producer is None and organisation.producer_id:
        producer = organisation.producer
    return producer, organisation


def about(producer, organisation, prefix=""):
    """Records of the producer or of the organisation (either may be None)."""
    condition = Q(pk__in=[])
    if producer is not None:
        condition |= Q(**{f"{prefix}producer": producer})
    if organisation is not None:
        condition |= Q(**{f"{prefix}organisation": organisation})
    return condition


def timeline(producer=None, organisation=None, sources=None):
    """Every record of the counterpart, newest first: one or two queries per source,
    however many records there are."""
    producer, organisation = counterparts(producer, organisation)
    entries = []
    for key in sources or dict(SOURCES):
        entries.extend(COLLECTORS[key](producer, organisation))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


def _interactions(producer, organisation):
    condition = about(producer, organisation)
    if organisation is not None:  # the producers written to about its needs, too
        condition |= Q(need__organisation=organisation)
    interactions = list(Interaction.objects.filter(condition).select_related("logged_by"))
    # Products and tags by interaction, read from the link tables in two queries: a
    # related manager per interaction costs more than the query for a busy producer.
    products, tags = defaultdict(list), defaultdict(list)
    for interaction_id, name_fr, name_en in Interaction.products.through.objects.filter(
        interaction__in=interactions
    ).values_list("interaction_id", "product__name_fr", "product__name_en"):
        products[interaction_id].append(Product(name_fr=name_fr, name_en=name_en).name)
    for interaction_id, name in InteractionTag.objects.filter(
        content_object__in=interactions
    ).values_list("content_object_id", "tag__name"):
        tags[interaction_id].append(name)
    for item in interactions:
        detail = [item.notes]
        if item.people:
            detail.insert(0, _("With: %(people)s") % {"people": item.people})
        if products[item.pk]:
            detail.append(_("Products: %(products)s") % {"products": ", ".join(products[item.pk])})
        if tags[item.pk]:
            detail.append(_("Tags: %(tags)s") % {"tags": ", ".join(sorted(tags[item.pk]))})
        yield Entry(
            _day(item.happened_on),
            "interactions",
            item.get_kind_display().capitalize(),
            "\n".join(part for part in detail if part),
            _name(item.logged_by),
            _admin_edit(item),
            dated_only=True,
        )


def _follow_ups(producer, organisation):
    for item in FollowUp.objects.filter(about(producer, organisation)).select_related(
        "assigned_to"
    ):
        if item.done_on:
            status = _("done on %(date)s") % {"date": _date(item.done_on)}
        else:
            status = _("due on %(date)s") % {"date": _date(item.due_on)}
        yield Entry(
            item.created_at,
            "follow_ups",
            _("Follow-up: %(what)s") % {"what": item.what},
            f"{status}. {item.notes}".strip(),
            _name(item.assigned_to),
            _admin_edit(item),
        )


def _outcomes(producer, organisation):
    for item in Outcome.objects.filter(about(producer, organisation)).select_related(
        "recorded_by", "product"
    ):
        figures = [str(item.product)] if item.product else []
        if item.quantity is not None:
            figures.append(f"{_number(item.quantity)} {item.get_unit_display()}")
        if item.value is not None:
            figures.append(f"{_number(item.value)} $")
        yield Entry(
            _day(item.happened_on),
            "outcomes",
            item.get_kind_display().capitalize(),
            "\n".join(part for part in (" · ".join(figures), item.notes) if part),
            _name(item.recorded_by),
            _admin_edit(item),
            dated_only=True,
        )


def _learnings(producer, organisation):
    for item in Learning.objects.filter(about(producer, organisation)).select_related("written_by"):
        yield Entry(
            item.created_at,
            "learnings",
            f"{item.get_topic_display().capitalize()}: {item.title}",
            item.text,
            _name(item.written_by),
            _admin_edit(item),
        )


def _needs(producer, organisation):
    if organisation is None:
        return
    for need in organisation.needs.select_related("product", "category", "posted_by"):
        yield Entry(
            need.created_at,
            "needs",
            _("Need posted: %(need)s") % {"need": need_words(need)},
            need.get_status_display(),
            _name(need.posted_by),
            _need_url(need),
        )


def _answers(producer, organisation):
    answers = Answer.objects.filter(
        about(producer, None) | about(None, organisation, prefix="need__")
    ).select_related("need__organisation", "need__product", "need__category", "producer")
    for answer in answers:
        yield Entry(
            answer.created_at,
            "answers",
            _("%(producer)s answered %(organisation)s: %(need)s")
            % {
                "producer": answer.producer,
                "organisation": answer.need.organisation,
                "need": need_words(answer.need),
            },
            f"{_number(answer.unit_price)} $ / {answer.need.get_unit_display()} · "
            f"{answer.get_status_display()}",
            url=_need_url(answer.need),
        )


def _surplus(producer, organisation):
    """The lots a producer posted; the claims an organisation made."""
    if producer is not None:
        for lot in producer.surplus_lots.select_related("product"):
            yield Entry(
                lot.created_at,
                "surplus",
                _("Surplus lot posted: %(lot)s") % {"lot": lot},
                f"{_number(lot.quantity)} {lot.get_unit_display()} · {lot.get_kind_display()}",
                url=reverse("community:surplus_detail", args=[lot.pk]),
            )
    if organisation is not None:
        claims = Claim.objects.filter(organisation=organisation).select_related(
            "lot__product", "lot__producer", "claimed_by"
        )
        for claim in claims:
            yield Entry(
                claim.created_at,
                "surplus",
                _("Claimed %(quantity)s %(unit)s of %(lot)s")
                % {
                    "quantity": _number(claim.quantity),
                    "unit": claim.lot.get_unit_display(),
                    "lot": claim.lot,
                },
                by=_name(claim.claimed_by),
                url=reverse("community:surplus_detail", args=[claim.lot_id]),
            )


def _commitments(producer, organisation):
    for commitment in Commitment.objects.filter(about(producer, organisation)).select_related(
        "organisation", "producer", "product"
    ):
        yield Entry(
            commitment.created_at,
            "commitments",
            _("Commitment: %(organisation)s with %(producer)s, %(product)s")
            % {
                "organisation": commitment.organisation,
                "producer": commitment.producer,
                "product": commitment.product,
            },
            f"{_number(commitment.quantity)} {commitment.get_unit_display()} · "
            f"{_date(commitment.starts_on)} – {_date(commitment.ends_on)} · "
            f"{commitment.get_status_display()}",
            url=reverse("community:commitment_detail", args=[commitment.pk]),
        )


def _events(producer, organisation):
    """What the organisation's members registered for, and whether they came."""
    if organisation is None:
        return
    members = Membership.objects.filter(
        organisation=organisation, status=Membership.Status.APPROVED
    ).values("user")
    registrations = Registration.objects.filter(
        user__in=members, status=Registration.Status.CONFIRMED
    ).select_related("event", "user")
    now = timezone.now()
    for registration in registrations:
        event = registration.event
        held = event.starts_at <= now
        if not held:
            title = _("Registered for %(event)s")
        elif registration.attended:
            title = _("Attended %(event)s")
        else:
            title = _("Missed %(event)s")
        yield Entry(
            event.starts_at if held else registration.created_at,
            "events",
            title % {"event": event.title},
            by=_name(registration.user),
            # The admin's page for the event: its public address costs a query per event.
            url=reverse("wagtailadmin_pages:edit", args=[event.pk]),
        )


def _directory(producer, organisation):
    """The history Wagtail keeps of the entry, its offers and the organisation's record:
    editors' changes in the admin, producers' on the site, verifications."""
    logged = Q(pk__in=[])
    if producer is not None:
        offer_ids = [str(pk) for pk in producer.offers.values_list("pk", flat=True)]
        logged |= Q(
            content_type=ContentType.objects.get_for_model(Producer), object_id=str(producer.pk)
        ) | Q(content_type=ContentType.objects.get_for_model(Offer), object_id__in=offer_ids)
    if organisation is not None:
        logged |= Q(
            content_type=ContentType.objects.get_for_model(Organisation),
            object_id=str(organisation.pk),
        )
    for log_entry in ModelLogEntry.objects.filter(logged).select_related("user"):
        yield Entry(
            log_entry.timestamp,
            "directory",
            f"{log_entry.label}: {log_entry.message}",
            by=_name(log_entry.user),
        )


COLLECTORS = {
    "interactions": _interactions,
    "follow_ups": _follow_ups,
    "outcomes": _outcomes,
    "learnings": _learnings,
    "needs": _needs,
    "answers": _answers,
    "surplus": _surplus,
    "commitments": _commitments,
    "events": _events,
    "directory": _directory,
}


def _number(value):
    return floatformat(value, -2)


def _date(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _need_url(need):
    view, args = need_view_and_args(need)
    return reverse(view, args=args)


def need_words(need):
    return f"{need.what}, {_number(need.quantity)} {need.get_unit_display()}"


# Triage ----------------------------------------------------------------------------------

TRIAGE_SECTIONS = [
    ("unmatched", gettext_lazy("No producer in the directory fits")),
    ("stale_only", gettext_lazy("Only entries not verified recently fit")),
    ("unanswered", gettext_lazy("No answer yet")),
]


# One click writes to this many producers at most: the best placed, not the whole directory.
MAX_CANDIDATES = 10


@dataclass
class Triaged:
    need: Need
    candidates: list  # (producer id, name), best first, at most MAX_CANDIDATES
    more: int  # candidates left out
    fits: bool  # whether the candidates fit the need, or only sell the product
    contacted: list  # the interactions already logged about the need

    @property
    def written_to(self):
        return {
            interaction.producer_id
            for interaction in self.contacted
            if interaction.kind == Interaction.Kind.EMAIL
        }

    @property
    def to_write(self):
        """The candidates not yet written to about the need."""
        return [(pk, name) for pk, name in self.candidates if pk not in self.written_to]


def triage(unanswered_after_days, today=None, need=None):
    """The open needs without an answer that need the specialist, by section:
    no fitting producer at all, only stale directory entries fit, or fitting producers
    but no answer after `unanswered_after_days`. A fixed number of queries. Given a need,
    that need alone, if it is one of them."""
    today = today or timezone.localdate()
    live = ~Q(answers__status=Answer.Status.WITHDRAWN) & Q(answers__isnull=False)
    needs = Need.objects.open() if need is None else Need.objects.open().filter(pk=need.pk)
    needs = list(
        needs.annotate(live_answers=Count("answers", filter=live))
        .filter(live_answers=0)
        .select_related("organisation", "product", "category")
        .order_by("created_at", "pk")
    )
    by_category = defaultdict(list)
    for pk, category_id in Product.objects.filter(
        category__in={need.category_id for need in needs if need.category_id}
    ).values_list("pk", "category_id"):
        by_category[category_id].append(pk)
    products_of = {
        need.pk: [need.product_id] if need.product_id else by_category[need.category_id]
        for need in needs
    }
    offers_by_product = defaultdict(list)
    for offer in offer_facts({pk for ids in products_of.values() for pk in ids}):
        offers_by_product[offer.product_id].append(offer)
    contacted = defaultdict(list)
    for interaction in Interaction.objects.filter(need__in=needs).select_related(
        "producer", "logged_by"
    ):
        contacted[interaction.need_id].append(interaction)

    sections = {key: [] for key, _label in TRIAGE_SECTIONS}
    waited = timezone.now() - timedelta(days=unanswered_after_days)
    for need in needs:
        offers = [offer for pk in products_of[need.pk] for offer in offers_by_product[pk]]
        fitting = {}  # producer id → (name, stale), best first
        for match in rank(need_facts(need), offers, today=today):
            fitting.setdefault(match.offer.producer_id, (match.offer.producer_name, match.stale))
        if fitting:
            fits = True
            candidates = [(pk, name) for pk, (name, _stale) in fitting.items()]
            if all(stale for _name, stale in fitting.values()):
                section = "stale_only"
            elif need.created_at <= waited:
                section = "unanswered"
            else:
                continue  # fresh candidates were told, and have time to answer
        else:
            # Nobody fits: those who sell the product at all, the most recently verified first.
            fits, section = False, "unmatched"
            sellers = {}
            for offer in sorted(offers, key=_freshest_first):
                sellers.setdefault(offer.producer_id, offer.producer_name)
            candidates = list(sellers.items())
        sections[section].append(
            Triaged(
                need,
                candidates[:MAX_CANDIDATES],
                max(len(candidates) - MAX_CANDIDATES, 0),
                fits,
                contacted[need.pk],
            )
        )
    return sections


def _freshest_first(offer):
    return (-(offer.last_verified_on or date.min).toordinal(), offer.producer_name.casefold())


class ContactFailed(Exception):
    """The mail server did not take the emails: nothing was logged."""


def contact_candidates(need, staff, producer_ids):
    """Write to each producer about the need, from the specialist (replies go to them),
    and log each email in the producer's timeline. Producers already written to about the
    need are not written to again; those nobody can be written to are returned, to be
    called instead. Raises ContactFailed, having logged nothing, if the mail fails."""
    producers = Producer.objects.filter(pk__in=producer_ids).order_by("name")
    members = defaultdict(list)
    for membership in access.memberships_acting_for(producers):
        members[membership.organisation.producer_id].append(membership.user)
    with transaction.atomic():
        # Two clicks at once: the second waits here, then finds the first one's log.
        Need.objects.select_for_update().filter(pk=need.pk).first()
        already = set(
            Interaction.objects.filter(
                need=need, kind=Interaction.Kind.EMAIL, producer__in=producers
            ).values_list("producer_id", flat=True)
        )
        messages, written, unreachable = [], [], []
        for producer in producers:
            if producer.pk in already:
                continue
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
        logged = []
        for producer in written:
            interaction = Interaction.objects.create(
                kind=Interaction.Kind.EMAIL,
                producer=producer,
                need=need,
                notes=_("Told about the need of %(organisation)s: %(need)s")
                % {"organisation": need.organisation, "need": need_words(need)},
                logged_by=staff,
            )
            if need.product_id:
                interaction.products.add(need.product)
            logged.append(interaction.pk)
    # Sent once the log is committed (the mail server can be slow; the database is not
    # kept waiting); if it fails, the log goes too, so that the page tells the truth.
    if not send_all(messages, f"need {need.pk} to its candidates, by user {staff.pk}"):
        Interaction.objects.filter(pk__in=logged).delete()
        raise ContactFailed
    return written, unreachable


@dataclass
class PublicContact:
    """A directory entry's public address, for a producer with no member on the site:
    written to in French, the network's language."""

    email: str
    language: str = "fr"


# Follow-ups ------------------------------------------------------------------------------

WEEK = timedelta(days=7)


def my_follow_ups(user, today=None):
    """Open follow-ups, overdue first (the earliest due first), and those done lately."""
    today = today or timezone.localdate()
    mine = FollowUp.objects.filter(assigned_to=user).select_related("producer", "organisation")
    open_ones = list(mine.filter(done_on__isnull=True).order_by("due_on", "pk"))
    return {
        "overdue": [item for item in open_ones if item.due_on < today],
        "this_week": [item for item in open_ones if today <= item.due_on < today + WEEK],
        "later": [item for item in open_ones if item.due_on >= today + WEEK],
        "done": list(
            mine.filter(done_on__gte=today - timedelta(days=30)).order_by("-done_on", "-pk")[:20]
        ),
    }


def send_follow_up_digests(today=None):
    """Once a week (run it every Monday): each staff member's open follow-ups, overdue and
    due in the coming week. However often it runs, nobody gets two in the same week.
    Returns how many were sent."""
    today = today or timezone.localdate()
    week_start = today - timedelta(days=today.weekday())
    User = get_user_model()
    due = FollowUp.objects.filter(done_on__isnull=True, due_on__lt=today + WEEK)
    sent = 0
    for user in User.objects.filter(is_active=True, pk__in=due.values("assigned_to")):
        if not access.is_workspace_staff(user):
            continue
        # Claiming the week first, in one UPDATE: a second run, even at the same moment,
        # finds it taken.
        claimed = (
            User.objects.filter(pk=user.pk)
            .exclude(follow_up_digest_sent_on__gte=week_start)
            .update(follow_up_digest_sent_on=today)
        )
        if not claimed:
            continue
        items = list(
            due.filter(assigned_to=user)
            .select_related("producer", "organisation")
            .order_by("due_on", "pk")
        )
        message = compose(
            user,
            "community/workspace/email/follow_up_digest",
            {
                "overdue": [item for item in items if item.due_on < today],
                "coming": [item for item in items if item.due_on >= today],
                "count": len(items),
            },
            ("community_my_follow_ups", []),
        )
        if not send_all([message], f"follow-up digest to user {user.pk}"):
            # Unclaimed, so that the next run sends it; the others still get theirs.
            User.objects.filter(pk=user.pk).update(
                follow_up_digest_sent_on=user.follow_up_digest_sent_on
            )
            continue
        sent += 1
    return sent
