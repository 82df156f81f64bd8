"""Price requests' rules: who sends them, the signed links producers answer through, the
answers (by link or taken by phone), the comparison, the decision, and the emails.

A link is signed (django.core.signing, with a salt of its own) over one request and its
need (community.signed_links): it opens that one producer's answer to that one need,
nothing else, and works while the need is open and its period has not ended; it can be used again to change the answer
until the organisation decides. The budget is never in what a producer is sent."""

import math
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.formatting import unit_label
from directory.models import Producer
from directory.units import convert_quantity, convert_unit_price

from .. import access, signed_links, versions
from ..emails import compose, send_after_commit
from ..models import Need, Organisation
from ..needs import rules as needs
from ..needs.matching import CENT, budget_gap
from ..needs.models import Answer
from ..workspace.contacting import members_by_producer, recipients
from .models import PriceRequest, PriceRound

# One purpose, one salt: a link signed for something else never opens an answer.
LINK_SALT = "community.price_requests.answer"
ANSWER_VIEW = "community:price_answer"


class PriceRequestRefused(Exception):
    """Why a price request cannot be sent, answered or decided, in words for the person."""


# Who -------------------------------------------------------------------------------------


def may_ask(user, need):
    """The need's organisation's members, and the staff on its behalf."""
    return needs.can_manage(user, need) or access.is_board_staff(user)


def takes_answers(need, today=None):
    return need.status == Need.Status.OPEN and need.wanted_until >= (today or timezone.localdate())


# Links -----------------------------------------------------------------------------------


def token_for(price_request):
    """The request's signed token: its id and its need's, nothing a person could guess."""
    return signed_links.sign(LINK_SALT, r=price_request.pk, n=price_request.round.need_id)


def link_args(price_request):
    """The answer page as a link for compose: the view's name and its arguments."""
    return (ANSWER_VIEW, [price_request.round.need_id, token_for(price_request)])


def open_link(need_id, token):
    """The request the link opens, for the need of the address; LinkRefused otherwise."""
    request_id = signed_links.unsign(LINK_SALT, token, n=need_id).get("r")
    price_request = (
        PriceRequest.objects.select_related(
            "round__need__organisation__borough",
            "round__need__product",
            "round__need__category",
            "producer",
        )
        .filter(pk=request_id, round__need_id=need_id)
        .first()
    )
    if price_request is None:
        raise signed_links.LinkRefused("broken")
    if not takes_answers(price_request.round.need):
        raise signed_links.LinkRefused("closed", price_request)
    return price_request


# Sending ---------------------------------------------------------------------------------


@dataclass
class Candidate:
    producer: Producer
    match: object  # matching.Match: its best offer, reasons and warnings
    reachable: bool  # someone to email: its members on the site, or its entry's address
    asked: bool  # already asked in an earlier round of this need


def candidates(need):
    """The suggested producers (community.needs.matching, best first), each once, with
    whether they can be emailed and whether they were already asked about this need."""
    matches = needs.suggestions(need)
    producers = Producer.objects.in_bulk([match.offer.producer_id for match in matches])
    with_members = set(
        access.memberships_acting_for(producers.values()).values_list(
            "organisation__producer", flat=True
        )
    )
    asked = set(PriceRequest.objects.filter(round__need=need).values_list("producer_id", flat=True))
    return [
        Candidate(
            producer=producers[match.offer.producer_id],
            match=match,
            reachable=match.offer.producer_id in with_members
            or bool(producers[match.offer.producer_id].email),
            asked=match.offer.producer_id in asked,
        )
        for match in matches
        if match.offer.producer_id in producers
    ]


@transaction.atomic
def send(need, user, producer_ids, deadline=None):
    """A round to the producers picked among the need's candidates not asked yet; the
    emails leave through the outbox once it is committed. Returns the round."""
    need = Need.objects.select_for_update().get(pk=need.pk)  # two clicks: one round
    if not takes_answers(need):
        raise PriceRequestRefused(_("This need is not open: no price can be asked for it."))
    wanted = {int(pk) for pk in producer_ids}
    chosen = [c.producer for c in candidates(need) if c.producer.pk in wanted and not c.asked]
    if not chosen:
        raise PriceRequestRefused(_("Pick at least one producer not asked yet."))
    price_round = PriceRound(need=need, sent_by=user)
    if deadline is not None:
        price_round.deadline = deadline
    price_round.save()
    PriceRequest.objects.bulk_create(
        [PriceRequest(round=price_round, producer=producer) for producer in chosen]
    )
    versions.bump("needs")  # a bulk_create sends no post_save
    send_after_commit(f"price request round {price_round.pk}", request_emails, price_round.pk)
    return price_round


def request_emails(round_id):
    """Each producer's email asking its price, with its own link."""
    price_round = PriceRound.objects.select_related(
        "need__organisation__borough", "need__product", "need__category", "sent_by"
    ).get(pk=round_id)
    requests = list(price_round.requests.select_related("producer"))
    for price_request in requests:
        price_request.round = price_round  # read once, with its need
    return _to_producers(requests, "community/price_requests/email/price_request")


def reminder_emails(request_id):
    """The reminder, the day before the deadline, to a producer who has not answered."""
    price_request = PriceRequest.objects.select_related(
        "round__need__organisation__borough",
        "round__need__product",
        "round__need__category",
        "round__sent_by",
        "producer",
    ).get(pk=request_id, status=PriceRequest.Status.WAITING)
    return _to_producers([price_request], "community/price_requests/email/price_reminder")


def _to_producers(requests, template):
    members = members_by_producer([r.producer_id for r in requests])
    messages = []
    for price_request in requests:
        need = price_request.round.need
        context = {
            "need": need,
            "price_round": price_request.round,
            "price_request": price_request,
            "producer": price_request.producer,
            "total": total_quantity(need),
        }
        sender = price_request.round.sent_by
        for recipient in recipients(price_request.producer, members):
            message = compose(recipient, template, context, link_args(price_request))
            if sender is not None and sender.email:
                message.reply_to = [sender.email]  # a question goes to who asked
            messages.append(message)
    return messages


def total_quantity(need):
    """The quantity over the whole period (None when it is the quantity itself)."""
    days = (need.wanted_until - need.wanted_from).days + 1
    if need.frequency == Need.Frequency.WEEKLY:
        return need.quantity * math.ceil(days / 7)
    if need.frequency == Need.Frequency.MONTHLY:
        months = (need.wanted_until.year - need.wanted_from.year) * 12
        return need.quantity * (months + need.wanted_until.month - need.wanted_from.month + 1)
    return None


# Answers ---------------------------------------------------------------------------------


def _locked_open(price_request):
    """The request, locked, while its need takes answers and nobody has decided."""
    locked = PriceRequest.objects.select_for_update().select_related("round__need")
    price_request = locked.get(pk=price_request.pk)
    if not takes_answers(price_request.round.need):
        raise PriceRequestRefused(_("This need is closed: it takes no more answers."))
    if price_request.decided_at is not None:
        raise PriceRequestRefused(
            _("The organisation has already decided: this answer can no longer change.")
        )
    return price_request


@transaction.atomic
def answer(price_request, *, unit_price, unit, quantity, delivery_terms="", message="", by=None):
    """A price (new or changed); by: who typed it for the producer, taken by phone."""
    price_request = _locked_open(price_request)
    price_request.status = PriceRequest.Status.ANSWERED
    price_request.unit_price, price_request.unit, price_request.quantity = (
        unit_price,
        unit,
        quantity,
    )
    price_request.delivery_terms, price_request.message = delivery_terms, message
    price_request.decline_reason = ""
    return _answered(price_request, by)


@transaction.atomic
def decline(price_request, *, reason, message="", by=None):
    """ "Not this time", with why."""
    price_request = _locked_open(price_request)
    price_request.status = PriceRequest.Status.DECLINED
    price_request.decline_reason, price_request.message = reason, message
    price_request.unit_price = price_request.quantity = None
    price_request.unit = price_request.delivery_terms = ""
    return _answered(price_request, by)


def _answered(price_request, by):
    changed = price_request.answered_at is not None
    price_request.answered_at = timezone.now()
    price_request.logged_by = by
    price_request.save()
    send_after_commit(
        f"answer to price request {price_request.pk} to its organisation",
        answer_emails,
        price_request.pk,
        changed,
    )
    return price_request


def answer_emails(request_id, changed):
    """To the organisation's members who want emails about needs (but who typed it), one
    email per answer as it arrives, or is changed, with the link to the comparison."""
    price_request = PriceRequest.objects.select_related(
        "round__need__organisation", "round__need__product", "round__need__category", "producer"
    ).get(pk=request_id)
    need = price_request.round.need
    people = access.members_of(Organisation.objects.filter(pk=need.organisation_id)).filter(
        need_emails=True
    )
    if price_request.logged_by_id is not None:
        people = people.exclude(pk=price_request.logged_by_id)
    context = {"need": need, "price_request": price_request, "changed": changed}
    link = ("community:price_request_compare", [need.pk])
    return [
        compose(user, "community/price_requests/email/price_answered", context, link)
        for user in people.distinct()
    ]


# Comparing and deciding ------------------------------------------------------------------


@dataclass
class Row:
    """One request as the comparison shows it, in the need's unit where it converts."""

    request: PriceRequest
    unit_price: Decimal | None = None  # in the need's unit; None when it cannot convert
    gap: Decimal | None = None  # to the budget, per the need's unit ($)
    gap_percent: Decimal | None = None
    covered: Decimal | None = None  # the share of a delivery's quantity, in %

    @property
    def comparable(self):
        return self.unit_price is not None

    @property
    def gap_below(self):
        return -self.gap

    @property
    def percent_below(self):
        return None if self.gap_percent is None else -self.gap_percent


def comparison(need):
    """Every request of the need, priced answers first (cheapest in the need's unit, then
    those that cannot be converted), then the declined and those waiting."""
    requests = PriceRequest.objects.filter(round__need=need).select_related(
        "round", "producer", "producer__area"
    )
    rows = [_row(need, price_request) for price_request in requests]
    order = {
        PriceRequest.Status.ACCEPTED: 0,
        PriceRequest.Status.ANSWERED: 1,
        PriceRequest.Status.NOT_RETAINED: 2,
        PriceRequest.Status.DECLINED: 3,
        PriceRequest.Status.WAITING: 4,
    }
    return sorted(
        rows,
        key=lambda row: (
            order[row.request.status],
            row.unit_price is None,
            row.unit_price or 0,
            row.request.producer.name,
        ),
    )


def _row(need, price_request):
    """Prices rounded to the cent and shares to the whole per cent, from the exact
    conversion (1,10 $/lb is 2,425 $/kg: 2,43 $/kg, 3 % below a budget of 2,50 $/kg)."""
    row = Row(price_request)
    if not price_request.has_price:
        return row
    exact = convert_unit_price(price_request.unit_price, price_request.unit, need.unit)
    if exact is not None:
        row.unit_price = _rounded(exact, CENT)
        row.gap, row.gap_percent = budget_gap(exact, need.budget_per_unit)
    supplied = convert_quantity(price_request.quantity, price_request.unit, need.unit)
    if supplied is not None:
        row.covered = min(_rounded(supplied * 100 / need.quantity), Decimal(100))
    return row


def _rounded(value, step=Decimal(1)):
    return value.quantize(step, rounding=ROUND_HALF_UP)


@dataclass
class Decision:
    accepted: list
    others: list
    covered: Decimal  # the quantity of a delivery accepted so far, in the need's unit
    closed: bool  # covered: the need is closed as fulfilled


@transaction.atomic
def decide(need, accepted_ids):
    """Accept the answers picked (one or several, splitting the quantity): each accepted
    producer and the organisation get each other's contact details; the others who
    answered with a price get a polite "not this time". Those who have not answered yet
    may still answer, and be accepted later. Each accepted answer is also the needs
    board's accepted Answer of its producer; once the quantities accepted cover the need's,
    the need is closed as fulfilled, otherwise it stays open."""
    need = Need.objects.select_for_update().get(pk=need.pk)  # one decision at a time
    answered = PriceRequest.objects.select_for_update().filter(
        round__need=need, status=PriceRequest.Status.ANSWERED, decided_at__isnull=True
    )
    wanted = {str(pk) for pk in accepted_ids}  # as sent: a tampered value matches none
    accepted = [r for r in answered if str(r.pk) in wanted]
    if not accepted:
        raise PriceRequestRefused(_("Tick at least one answer to accept."))
    now = timezone.now()
    others = [r for r in answered if str(r.pk) not in wanted]
    PriceRequest.objects.filter(pk__in=[r.pk for r in accepted]).update(
        status=PriceRequest.Status.ACCEPTED, decided_at=now
    )
    PriceRequest.objects.filter(pk__in=[r.pk for r in others]).update(
        status=PriceRequest.Status.NOT_RETAINED, decided_at=now
    )
    send_after_commit(
        f"accepted price requests of need {need.pk}",
        acceptance_emails,
        [r.pk for r in accepted],
    )
    if others:
        send_after_commit(
            f"price requests of need {need.pk} not retained",
            not_retained_emails,
            [r.pk for r in others],
        )
    _answer_on_the_board(need, accepted, now)
    covered, closed = _close_when_covered(need)
    return Decision(accepted, others, covered, closed)


def _board_figures(price_request, need):
    """The accepted price and quantity in the need's unit, as the needs board's Answer
    keeps them; in the producer's unit, said in the message, when they do not convert."""
    unit_price = convert_unit_price(price_request.unit_price, price_request.unit, need.unit)
    quantity = convert_quantity(price_request.quantity, price_request.unit, need.unit)
    if unit_price is None or quantity is None:
        note = _("Price and quantity per %(unit)s.") % {"unit": unit_label(price_request.unit)}
        message = "\n\n".join(filter(None, [note, price_request.message]))[:2000]
        return price_request.unit_price, price_request.quantity, message
    return _rounded(unit_price, CENT), _rounded(quantity, CENT), price_request.message


def _answer_on_the_board(need, accepted, now):
    """Each accepted producer's answer on the needs board, accepted: a new one, or the
    one it had sent there, now with the price accepted. No email: the acceptance's tell
    both sides."""
    live = {
        answer.producer_id: answer
        for answer in Answer.objects.select_for_update()
        .filter(need=need, producer__in=[r.producer_id for r in accepted])
        .exclude(status=Answer.Status.WITHDRAWN)
    }
    for price_request in accepted:
        unit_price, quantity, message = _board_figures(price_request, need)
        answer = live.get(price_request.producer_id) or Answer(
            need=need, producer_id=price_request.producer_id
        )
        answer.unit_price, answer.quantity = unit_price, quantity
        answer.delivery_terms, answer.message = price_request.delivery_terms, message
        answer.status, answer.accepted_at = Answer.Status.ACCEPTED, now
        answer.save()


def _close_when_covered(need):
    """The quantity accepted for the need (every decision so far, in its unit); the need
    closed as fulfilled once it covers the need's (by the one producer, at its price,
    when there is one)."""
    accepted = list(
        PriceRequest.objects.filter(round__need=need, status=PriceRequest.Status.ACCEPTED)
    )
    in_need_unit = [convert_quantity(r.quantity, r.unit, need.unit) for r in accepted]
    covered = sum((q for q in in_need_unit if q is not None), Decimal(0))
    if covered < need.quantity or need.status == Need.Status.FULFILLED:
        return _rounded(covered, CENT), need.status == Need.Status.FULFILLED
    if len(accepted) == 1:
        only = accepted[0]
        price = convert_unit_price(only.unit_price, only.unit, need.unit)
        needs.close(need, only.producer, None if price is None else _rounded(price, CENT))
    else:
        needs.close(need)
    return _rounded(covered, CENT), True


def _decided(request_ids, status):
    return list(
        PriceRequest.objects.filter(pk__in=request_ids, status=status).select_related(
            "round__need__organisation__borough",
            "round__need__product",
            "round__need__category",
            "round__sent_by",
            "producer",
        )
    )


def acceptance_emails(request_ids):
    """To each accepted producer, the organisation's contact details; to the organisation,
    each accepted producer's."""
    requests = _decided(request_ids, PriceRequest.Status.ACCEPTED)
    if not requests:
        return []
    need = requests[0].round.need
    messages = _to_producers(requests, "community/price_requests/email/price_accepted")
    buyers = access.members_of(Organisation.objects.filter(pk=need.organisation_id)).distinct()
    members = members_by_producer([r.producer_id for r in requests])
    context = {
        "need": need,
        "accepted": [
            (price_request, members.get(price_request.producer_id, []))
            for price_request in requests
        ],
    }
    link = ("community:price_request_compare", [need.pk])
    messages += [
        compose(user, "community/price_requests/email/price_suppliers", context, link)
        for user in buyers
    ]
    return messages


def not_retained_emails(request_ids):
    requests = _decided(request_ids, PriceRequest.Status.NOT_RETAINED)
    return _to_producers(requests, "community/price_requests/email/price_not_retained")


# Reminders -------------------------------------------------------------------------------


def reminders_due(today=None):
    """The requests still waiting whose deadline is tomorrow, not reminded yet, of needs
    that still take answers."""
    today = today or timezone.localdate()
    return PriceRequest.objects.filter(
        status=PriceRequest.Status.WAITING,
        reminded_at__isnull=True,
        round__deadline=today + timedelta(days=1),
        round__need__status=Need.Status.OPEN,
        round__need__wanted_until__gte=today,
    )
