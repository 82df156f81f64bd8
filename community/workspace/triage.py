"""The triage of new needs, for the network's staff: the open needs without an answer that
no producer fits, that only stale directory entries fit, or that fitting producers have
left unanswered; with the producers to write to about each."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from directory.models import Product

from ..models import Answer, Interaction, Need
from ..needs.matching import offer_facts, rank
from ..needs.rules import need_facts
from ..versions import versions

TRIAGE_SECTIONS = [
    ("unmatched", gettext_lazy("No producer in the directory fits")),
    ("stale_only", gettext_lazy("Only entries not verified recently fit")),
    ("unanswered", gettext_lazy("No answer yet")),
]


# One click writes to this many producers at most: the best placed, not the whole directory.
MAX_CANDIDATES = 10


@dataclass
class TriagedNeed:
    need: Need
    candidates: list  # (producer id, name), best first, at most MAX_CANDIDATES
    left_out: int  # candidates beyond MAX_CANDIDATES
    fits: bool  # whether the candidates fit the need, or only sell the product
    contacted: list  # the interactions already logged about the need

    @cached_property
    def written_to(self):
        """The producers already emailed about the need."""
        return {
            interaction.producer_id
            for interaction in self.contacted
            if interaction.kind == Interaction.Kind.EMAIL
        }

    @property
    def to_write(self):
        """The candidates not yet written to about the need."""
        return [(pk, name) for pk, name in self.candidates if pk not in self.written_to]


def needs_to_triage(unanswered_after_days, today=None, need=None):
    """The open needs without an answer that need the specialist, by section:
    no fitting producer at all, only stale directory entries fit, or fitting producers
    but no answer after `unanswered_after_days`. A fixed number of queries; the ranking
    is cached until the needs, the organisations or the directory change, or the day
    does. Given a need, that need alone, if it is one of them, ranked afresh."""
    today = today or timezone.localdate()
    placements = _placements(today, need) if need is not None else _cached_placements(today)
    needs = Need.objects.select_related("organisation", "product", "category").in_bulk(
        [need_id for need_id, *_rest in placements]
    )
    contacted = _interactions_by_need(list(needs))
    unanswered_if_posted_by = timezone.now() - timedelta(days=unanswered_after_days)
    sections = {key: [] for key, _label in TRIAGE_SECTIONS}
    for need_id, section, candidates, left_out, fits in placements:
        need = needs.get(need_id)
        if need is None:
            continue  # deleted since the ranking
        if section == FITTING:
            if need.created_at > unanswered_if_posted_by:
                continue  # fresh candidates were told, and have time to answer
            section = "unanswered"
        sections[section].append(TriagedNeed(need, candidates, left_out, fits, contacted[need_id]))
    return sections


# Needs that fresh candidates fit: "unanswered" once they have waited long enough.
FITTING = "fitting"
# Bumped when what the cache holds changes shape: a cached ranking of before is not read.
PLACEMENTS_FORMAT = 1


def _cached_placements(today):
    """The placements of every open need without an answer, from the cache while nothing
    they are read from has changed: a day's worth at most, their dates count in days."""
    key = (
        f"community:triage:{PLACEMENTS_FORMAT}:{today.isoformat()}:"
        f"{versions('directory', 'needs', 'organisations')}"
    )
    placements = cache.get(key)
    if placements is None:
        placements = _placements(today)
        cache.set(key, placements, timeout=24 * 3600)
    return placements


def _placements(today, need=None):
    """(need id, section or FITTING, candidates as (producer id, name), candidates left
    out, whether they fit) for each open need without an answer, the oldest first: plain
    data, to be cached. Given a need, that need alone, if it is one."""
    needs = _open_needs_without_answer(need)
    offers_for = _offers_by_need(needs)
    placements = []
    for need in needs:
        section, candidates, fits = _section_and_candidates(need, offers_for[need.pk], today)
        placements.append(
            (
                need.pk,
                section,
                candidates[:MAX_CANDIDATES],
                max(len(candidates) - MAX_CANDIDATES, 0),
                fits,
            )
        )
    return placements


def _open_needs_without_answer(need=None):
    """Open needs whose answers, if any, were all withdrawn, the oldest first; given a
    need, that need alone if it is one."""
    live = ~Q(answers__status=Answer.Status.WITHDRAWN) & Q(answers__isnull=False)
    needs = Need.objects.open() if need is None else Need.objects.open().filter(pk=need.pk)
    return list(
        needs.annotate(live_answers=Count("answers", filter=live))
        .filter(live_answers=0)
        .select_related("organisation", "product", "category")
        .order_by("created_at", "pk")
    )


def _offers_by_need(needs):
    """Need id → the offers of its product, or of every product of its category: the
    same queries however many needs there are."""
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
    return {
        need.pk: [offer for pk in products_of[need.pk] for offer in offers_by_product[pk]]
        for need in needs
    }


def _interactions_by_need(need_ids):
    """Need id → the interactions already logged about it."""
    contacted = defaultdict(list)
    for interaction in Interaction.objects.filter(need__in=need_ids).select_related(
        "producer", "logged_by"
    ):
        contacted[interaction.need_id].append(interaction)
    return contacted


def _section_and_candidates(need, offers, today):
    """The section the need goes in (FITTING when fresh candidates fit it), its candidates
    (producer id, name), best first, and whether they fit it."""
    fitting = _fitting_producers(need, offers, today)
    if not fitting:
        return "unmatched", _sellers_freshest_first(offers), False
    candidates = [(pk, name) for pk, (name, _stale) in fitting.items()]
    if all(stale for _name, stale in fitting.values()):
        return "stale_only", candidates, True
    return FITTING, candidates, True


def _fitting_producers(need, offers, today):
    """Producer id → (name, whether its entry is stale), the best placed first."""
    fitting = {}
    for match in rank(need_facts(need), offers, today=today):
        fitting.setdefault(match.offer.producer_id, (match.offer.producer_name, match.stale))
    return fitting


def _sellers_freshest_first(offers):
    """When nobody fits: those who sell the product at all, the most recently verified
    first, as (producer id, name)."""
    sellers = {}
    for offer in sorted(offers, key=_freshest_first):
        sellers.setdefault(offer.producer_id, offer.producer_name)
    return list(sellers.items())


def _freshest_first(offer):
    return (-(offer.last_verified_on or date.min).toordinal(), offer.producer_name.casefold())
