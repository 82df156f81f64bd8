"""Each producer's and organisation's timeline, for the network's staff: every record the
site keeps of them, from every source, newest first, in one or two queries per source."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import ModelLogEntry

from directory.formatting import money, price_per, quantity
from directory.models import Offer, Producer, Product

from ..models import (
    Answer,
    Claim,
    Commitment,
    FollowUp,
    Interaction,
    InteractionTag,
    Learning,
    Membership,
    Organisation,
    Outcome,
    PriceRequest,
    Registration,
)
from ..needs.rules import need_view_and_args

# Where a timeline's entries come from, in the order of the filter.
SOURCES = [
    ("interactions", gettext_lazy("Interactions")),
    ("follow_ups", gettext_lazy("Follow-ups")),
    ("outcomes", gettext_lazy("Outcomes")),
    ("learnings", gettext_lazy("Learnings")),
    ("needs", gettext_lazy("Needs")),
    ("answers", gettext_lazy("Answers")),
    ("price_requests", gettext_lazy("Price requests")),
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


def _end_of_day(day):
    # A day with no hour sorts after that day's timestamped events: it was logged later.
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


def _public_name(user):
    return user.public_name if user is not None else ""


def _admin_edit_url(record):
    meta = record._meta
    return reverse(f"{meta.app_label}_{meta.model_name}_modeladmin_edit", args=[record.pk])


def complete_counterpart(producer=None, organisation=None):
    """The producer and the organisation, the one missing filled in: a producer and the
    business that answers for it on the site are one counterpart, and either one's
    timeline shows both."""
    if producer is not None and organisation is None:
        organisation = Organisation.objects.filter(producer=producer).first()
    elif organisation is not None and producer is None and organisation.producer_id:
        producer = organisation.producer
    return producer, organisation


def condition_about(producer, organisation, through=""):
    """The condition that a record is about the producer or the organisation (either may
    be None; neither matches nothing), reached `through` a relation such as "need__"."""
    condition = Q(pk__in=[])
    if producer is not None:
        condition |= Q(**{f"{through}producer": producer})
    if organisation is not None:
        condition |= Q(**{f"{through}organisation": organisation})
    return condition


def timeline(producer=None, organisation=None, sources=None):
    """Every record of the counterpart, newest first: one or two queries per source,
    however many records there are."""
    entries = []
    for part, records in _parts_with_records(producer, organisation, sources):
        entries.extend(entry for _pk, entry in part.entries(records))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


def timeline_page(producer=None, organisation=None, sources=None, number=None, per_page=50):
    """One page of `timeline` (a Paginator's page of entries): the date of every record
    is read, a query per kind of record, then the page's records alone, in one or two
    queries per kind on the page; however many records there are."""
    parts = _parts_with_records(producer, organisation, sources)
    # (date, part, record id) in the order `timeline` gathers them: sorted the same way.
    keys = []
    for index, (part, records) in enumerate(parts):
        keys.extend(
            (part.when(*dated) if part.when else dated[0], index, pk)
            for *dated, pk in records.values_list(*part.dated_by, "pk")
        )
    keys.sort(key=lambda key: key[0], reverse=True)
    page = Paginator(keys, per_page).get_page(number)
    wanted = defaultdict(list)
    for _when, index, pk in page.object_list:
        wanted[index].append(pk)
    entries = {}
    for index, pks in wanted.items():
        part, records = parts[index]
        for pk, entry in part.entries(records.filter(pk__in=pks)):
            entries[index, pk] = entry
    page.object_list = [
        entries[index, pk] for _when, index, pk in page.object_list if (index, pk) in entries
    ]
    return page


@dataclass(frozen=True)
class Part:
    """One kind of record on a timeline: those of the counterpart, the fields that date
    each (read for every record, to find a page's) and the entries of some of them, each
    with its record's id, in their order."""

    records: Callable  # (producer, organisation) → a QuerySet, or None when none can be
    entries: Callable  # some of those records → (id, Entry) for each
    dated_by: tuple = ("created_at",)
    when: Callable | None = None  # those fields → its date; None: the one field is


def _parts_with_records(producer, organisation, sources):
    """(part, its records) for each part of the sources asked (all by default) that the
    counterpart, completed, can have records of."""
    producer, organisation = complete_counterpart(producer, organisation)
    parts = []
    for key in sources or dict(SOURCES):
        for part in PARTS[key]:
            records = part.records(producer, organisation)
            if records is not None:
                parts.append((part, records))
    return parts


def _interaction_records(producer, organisation):
    condition = condition_about(producer, organisation)
    if organisation is not None:  # the producers written to about its needs, too
        condition |= Q(need__organisation=organisation)
    return Interaction.objects.filter(condition).select_related("logged_by")


def _interaction_entries(records):
    interactions = list(records)
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
        yield (
            item.pk,
            Entry(
                _end_of_day(item.happened_on),
                "interactions",
                item.get_kind_display().capitalize(),
                "\n".join(part for part in detail if part),
                _public_name(item.logged_by),
                _admin_edit_url(item),
                dated_only=True,
            ),
        )


def _follow_up_records(producer, organisation):
    return FollowUp.objects.filter(condition_about(producer, organisation)).select_related(
        "assigned_to"
    )


def _follow_up_entries(records):
    for item in records:
        if item.done_on:
            status = _("done on %(date)s") % {"date": _short_date(item.done_on)}
        else:
            status = _("due on %(date)s") % {"date": _short_date(item.due_on)}
        yield (
            item.pk,
            Entry(
                item.created_at,
                "follow_ups",
                _("Follow-up: %(what)s") % {"what": item.what},
                f"{status}. {item.notes}".strip(),
                _public_name(item.assigned_to),
                _admin_edit_url(item),
            ),
        )


def _outcome_records(producer, organisation):
    return Outcome.objects.filter(condition_about(producer, organisation)).select_related(
        "recorded_by", "product"
    )


def _outcome_entries(records):
    for item in records:
        figures = [str(item.product)] if item.product else []
        if item.quantity is not None:
            figures.append(quantity(item.quantity, item.unit))
        if item.value is not None:
            figures.append(money(item.value))
        yield (
            item.pk,
            Entry(
                _end_of_day(item.happened_on),
                "outcomes",
                item.get_kind_display().capitalize(),
                "\n".join(part for part in (" · ".join(figures), item.notes) if part),
                _public_name(item.recorded_by),
                _admin_edit_url(item),
                dated_only=True,
            ),
        )


def _learning_records(producer, organisation):
    return Learning.objects.filter(condition_about(producer, organisation)).select_related(
        "written_by"
    )


def _learning_entries(records):
    for item in records:
        yield (
            item.pk,
            Entry(
                item.created_at,
                "learnings",
                f"{item.get_topic_display().capitalize()}: {item.title}",
                item.text,
                _public_name(item.written_by),
                _admin_edit_url(item),
            ),
        )


def _need_records(producer, organisation):
    if organisation is None:
        return None
    return organisation.needs.select_related("product", "category", "posted_by")


def _need_entries(records):
    for need in records:
        yield (
            need.pk,
            Entry(
                need.created_at,
                "needs",
                _("Need posted: %(need)s") % {"need": what_and_quantity(need)},
                need.get_status_display(),
                _public_name(need.posted_by),
                _need_url(need),
            ),
        )


def _answer_records(producer, organisation):
    return (
        Answer.objects.filter(
            condition_about(producer, None) | condition_about(None, organisation, through="need__")
        )
        .select_related("need__organisation", "need__product", "need__category", "producer")
        # Their own order, then a single one: a page begins where the one before ended.
        .order_by(*Answer._meta.ordering, "pk")
    )


def _answer_entries(records):
    for answer in records:
        yield (
            answer.pk,
            Entry(
                answer.created_at,
                "answers",
                _("%(producer)s answered %(organisation)s: %(need)s")
                % {
                    "producer": answer.producer,
                    "organisation": answer.need.organisation,
                    "need": what_and_quantity(answer.need),
                },
                f"{price_per(answer.unit_price, answer.need.unit)} · {answer.get_status_display()}",
                url=_need_url(answer.need),
            ),
        )


def _price_request_records(producer, organisation):
    return PriceRequest.objects.filter(
        condition_about(producer, None)
        | condition_about(None, organisation, through="round__need__")
    ).select_related(
        "round__need__organisation", "round__need__product", "round__need__category", "producer"
    )


def _price_request_entries(records):
    for price_request in records:
        need = price_request.round.need
        yield (
            price_request.pk,
            Entry(
                price_request.round.sent_at,
                "price_requests",
                _("Price asked of %(producer)s by %(organisation)s: %(need)s")
                % {
                    "producer": price_request.producer,
                    "organisation": need.organisation,
                    "need": what_and_quantity(need),
                },
                url=_need_url(need),
            ),
        )


def _price_answer_records(producer, organisation):
    return _price_request_records(producer, organisation).filter(answered_at__isnull=False)


def _price_answer_entries(records):
    for price_request in records:
        need = price_request.round.need
        if price_request.has_price:
            detail = price_per(price_request.unit_price, price_request.unit)
        else:
            detail = _("not this time: %(reason)s") % {
                "reason": price_request.get_decline_reason_display()
            }
        if price_request.logged_by_id:
            detail = _("%(answer)s (by phone)") % {"answer": detail}
        yield (
            price_request.pk,
            Entry(
                price_request.answered_at,
                "price_requests",
                _("%(producer)s answered the price request of %(organisation)s: %(need)s")
                % {
                    "producer": price_request.producer,
                    "organisation": need.organisation,
                    "need": what_and_quantity(need),
                },
                f"{detail} · {price_request.get_status_display()}",
                url=_need_url(need),
            ),
        )


def _lot_records(producer, organisation):
    """The lots a producer posted."""
    if producer is None:
        return None
    return producer.surplus_lots.select_related("product")


def _lot_entries(records):
    for lot in records:
        yield (
            lot.pk,
            Entry(
                lot.created_at,
                "surplus",
                _("Surplus lot posted: %(lot)s") % {"lot": lot},
                f"{quantity(lot.quantity, lot.unit)} · {lot.get_kind_display()}",
                url=reverse("community:surplus_detail", args=[lot.pk]),
            ),
        )


def _claim_records(producer, organisation):
    """The claims an organisation made."""
    if organisation is None:
        return None
    return Claim.objects.filter(organisation=organisation).select_related(
        "lot__product", "lot__producer", "claimed_by"
    )


def _claim_entries(records):
    for claim in records:
        yield (
            claim.pk,
            Entry(
                claim.created_at,
                "surplus",
                _("Claimed %(quantity)s of %(lot)s")
                % {"quantity": quantity(claim.quantity, claim.lot.unit), "lot": claim.lot},
                by=_public_name(claim.claimed_by),
                url=reverse("community:surplus_detail", args=[claim.lot_id]),
            ),
        )


def _commitment_records(producer, organisation):
    return Commitment.objects.filter(condition_about(producer, organisation)).select_related(
        "organisation", "producer", "product"
    )


def _commitment_entries(records):
    for commitment in records:
        yield (
            commitment.pk,
            Entry(
                commitment.created_at,
                "commitments",
                _("Commitment: %(organisation)s with %(producer)s, %(product)s")
                % {
                    "organisation": commitment.organisation,
                    "producer": commitment.producer,
                    "product": commitment.product,
                },
                f"{quantity(commitment.quantity, commitment.unit)} · "
                f"{_short_date(commitment.starts_on)} – {_short_date(commitment.ends_on)} · "
                f"{commitment.get_status_display()}",
                url=reverse("community:commitment_detail", args=[commitment.pk]),
            ),
        )


def _registration_records(producer, organisation):
    """What the organisation's members registered for."""
    if organisation is None:
        return None
    members = Membership.objects.filter(
        organisation=organisation, status=Membership.Status.APPROVED
    ).values("user")
    return Registration.objects.filter(
        user__in=members, status=Registration.Status.CONFIRMED
    ).select_related("event", "user")


def _registration_date(starts_at, created_at):
    """An event held is dated by when it was; one to come by the registration."""
    return starts_at if starts_at <= timezone.now() else created_at


def _registration_entries(records):
    """Whether the members came, to events held."""
    now = timezone.now()
    for registration in records:
        event = registration.event
        held = event.starts_at <= now
        if not held:
            title = _("Registered for %(event)s")
        elif registration.attended:
            title = _("Attended %(event)s")
        else:
            title = _("Missed %(event)s")
        yield (
            registration.pk,
            Entry(
                event.starts_at if held else registration.created_at,
                "events",
                title % {"event": event.title},
                by=_public_name(registration.user),
                # The admin's page for the event: its public address costs a query per event.
                url=reverse("wagtailadmin_pages:edit", args=[event.pk]),
            ),
        )


def _log_entry_records(producer, organisation):
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
    return ModelLogEntry.objects.filter(logged).select_related("user")


def _log_entry_entries(records):
    for log_entry in records:
        yield (
            log_entry.pk,
            Entry(
                log_entry.timestamp,
                "directory",
                f"{log_entry.label}: {log_entry.message}",
                by=_public_name(log_entry.user),
            ),
        )


# Each source's parts, in the order their entries are gathered.
PARTS = {
    "interactions": [
        Part(
            _interaction_records,
            _interaction_entries,
            ("happened_on",),
            _end_of_day,
        )
    ],
    "follow_ups": [Part(_follow_up_records, _follow_up_entries)],
    "outcomes": [Part(_outcome_records, _outcome_entries, ("happened_on",), _end_of_day)],
    "learnings": [Part(_learning_records, _learning_entries)],
    "needs": [Part(_need_records, _need_entries)],
    "answers": [Part(_answer_records, _answer_entries)],
    "price_requests": [
        Part(_price_request_records, _price_request_entries, ("round__sent_at",)),
        Part(_price_answer_records, _price_answer_entries, ("answered_at",)),
    ],
    "surplus": [
        Part(_lot_records, _lot_entries),
        Part(_claim_records, _claim_entries),
    ],
    "commitments": [Part(_commitment_records, _commitment_entries)],
    "events": [
        Part(
            _registration_records,
            _registration_entries,
            ("event__starts_at", "created_at"),
            _registration_date,
        )
    ],
    "directory": [Part(_log_entry_records, _log_entry_entries, ("timestamp",))],
}


def _short_date(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _need_url(need):
    view, args = need_view_and_args(need)
    return reverse(view, args=args)


def what_and_quantity(need):
    """The need in a few words, as the timeline and the triage write it: "Carrots, 50 kg"."""
    return f"{need.what}, {quantity(need.quantity, need.unit)}"
