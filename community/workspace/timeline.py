"""Each producer's and organisation's timeline, for the network's staff: every record the
site keeps of them, from every source, newest first, in one or two queries per source."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import ModelLogEntry

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
    producer, organisation = complete_counterpart(producer, organisation)
    entries = []
    for key in sources or dict(SOURCES):
        entries.extend(COLLECTORS[key](producer, organisation))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


def _interactions(producer, organisation):
    condition = condition_about(producer, organisation)
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
            _end_of_day(item.happened_on),
            "interactions",
            item.get_kind_display().capitalize(),
            "\n".join(part for part in detail if part),
            _public_name(item.logged_by),
            _admin_edit_url(item),
            dated_only=True,
        )


def _follow_ups(producer, organisation):
    for item in FollowUp.objects.filter(condition_about(producer, organisation)).select_related(
        "assigned_to"
    ):
        if item.done_on:
            status = _("done on %(date)s") % {"date": _short_date(item.done_on)}
        else:
            status = _("due on %(date)s") % {"date": _short_date(item.due_on)}
        yield Entry(
            item.created_at,
            "follow_ups",
            _("Follow-up: %(what)s") % {"what": item.what},
            f"{status}. {item.notes}".strip(),
            _public_name(item.assigned_to),
            _admin_edit_url(item),
        )


def _outcomes(producer, organisation):
    for item in Outcome.objects.filter(condition_about(producer, organisation)).select_related(
        "recorded_by", "product"
    ):
        figures = [str(item.product)] if item.product else []
        if item.quantity is not None:
            figures.append(f"{_short_number(item.quantity)} {item.get_unit_display()}")
        if item.value is not None:
            figures.append(f"{_short_number(item.value)} $")
        yield Entry(
            _end_of_day(item.happened_on),
            "outcomes",
            item.get_kind_display().capitalize(),
            "\n".join(part for part in (" · ".join(figures), item.notes) if part),
            _public_name(item.recorded_by),
            _admin_edit_url(item),
            dated_only=True,
        )


def _learnings(producer, organisation):
    for item in Learning.objects.filter(condition_about(producer, organisation)).select_related(
        "written_by"
    ):
        yield Entry(
            item.created_at,
            "learnings",
            f"{item.get_topic_display().capitalize()}: {item.title}",
            item.text,
            _public_name(item.written_by),
            _admin_edit_url(item),
        )


def _needs(producer, organisation):
    if organisation is None:
        return
    for need in organisation.needs.select_related("product", "category", "posted_by"):
        yield Entry(
            need.created_at,
            "needs",
            _("Need posted: %(need)s") % {"need": what_and_quantity(need)},
            need.get_status_display(),
            _public_name(need.posted_by),
            _need_url(need),
        )


def _answers(producer, organisation):
    answers = Answer.objects.filter(
        condition_about(producer, None) | condition_about(None, organisation, through="need__")
    ).select_related("need__organisation", "need__product", "need__category", "producer")
    for answer in answers:
        yield Entry(
            answer.created_at,
            "answers",
            _("%(producer)s answered %(organisation)s: %(need)s")
            % {
                "producer": answer.producer,
                "organisation": answer.need.organisation,
                "need": what_and_quantity(answer.need),
            },
            f"{_short_number(answer.unit_price)} $ / {answer.need.get_unit_display()} · "
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
                f"{_short_number(lot.quantity)} {lot.get_unit_display()} · {lot.get_kind_display()}",
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
                    "quantity": _short_number(claim.quantity),
                    "unit": claim.lot.get_unit_display(),
                    "lot": claim.lot,
                },
                by=_public_name(claim.claimed_by),
                url=reverse("community:surplus_detail", args=[claim.lot_id]),
            )


def _commitments(producer, organisation):
    for commitment in Commitment.objects.filter(
        condition_about(producer, organisation)
    ).select_related("organisation", "producer", "product"):
        yield Entry(
            commitment.created_at,
            "commitments",
            _("Commitment: %(organisation)s with %(producer)s, %(product)s")
            % {
                "organisation": commitment.organisation,
                "producer": commitment.producer,
                "product": commitment.product,
            },
            f"{_short_number(commitment.quantity)} {commitment.get_unit_display()} · "
            f"{_short_date(commitment.starts_on)} – {_short_date(commitment.ends_on)} · "
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
            by=_public_name(registration.user),
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
            by=_public_name(log_entry.user),
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


def _short_number(value):
    """Up to two decimals, none for a whole number."""
    return floatformat(value, -2)


def _short_date(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _need_url(need):
    view, args = need_view_and_args(need)
    return reverse(view, args=args)


def what_and_quantity(need):
    """The need in a few words, as the timeline and the triage write it: "Carrots, 50 kg"."""
    return f"{need.what}, {_short_number(need.quantity)} {need.get_unit_display()}"
