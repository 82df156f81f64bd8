"""My space: the page a person lands on after signing in, with what concerns them now,
each block read from their own account and their own organisations only, in a fixed
number of queries whatever the amount of data."""

from datetime import timedelta

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from wagtail.models import Locale

from .. import access
from ..forums.views import visible_topics, with_unread
from ..models import (
    Answer,
    Commitment,
    FollowUp,
    Membership,
    Organisation,
    Registration,
    Subscription,
    SurplusLot,
)
from ..needs import rules as needs
from ..surplus import rules as surplus

SHOWN = 5  # items per block; each block links to the full list
NEEDS_READ = 50  # the newest needs for a producer's products, ranked for "needs for my farm"
LOTS_READ = 200  # open lots read, soonest to expire first, to find those claimable now
WEEK = timedelta(days=7)


@require_GET
@login_required
def my_space(request):
    user = request.user
    now = timezone.now()
    organisations = list(access.buying_organisations(user))
    producers = list(access.producers_of(user))
    staff = access.is_network_staff(user)
    member_or_staff = bool(organisations or producers) or access.is_member_or_staff(user)
    context = {
        "organisations": organisations,
        "producers": producers,
        "staff": staff,
        "member_or_staff": member_or_staff,
        "waiting_memberships": [] if member_or_staff else _waiting_memberships(user),
        "registrations": _next_registrations(user, now),
        "events_page": _events_page(),
        "today": timezone.localdate(),
    }
    if organisations:
        context["own_needs"] = _open_needs_with_new_answers(organisations)
        context["lots"] = _claimable_lots(organisations, producers, now)
    if producers:
        context["needs_for_me"] = needs.needs_for_producers(producers, NEEDS_READ)[:SHOWN]
    if organisations or producers:
        context["commitments"] = _awaiting_answer(organisations, producers)
    if member_or_staff:
        context["topics"] = _followed_topics_with_unread_posts(user)
        context["projects"] = list(access.projects_of(user).order_by("-starts_on", "name")[:SHOWN])
    if staff:
        context["follow_ups"] = _follow_ups_due(user, context["today"])
    return render(request, "community/my_space/my_space.html", context)


def _waiting_memberships(user):
    """Requests to join that wait for an answer, theirs or their new organisation's."""
    return list(
        user.memberships.filter(
            Q(
                status=Membership.Status.PENDING,
                organisation__status__in=[
                    Organisation.Status.PENDING,
                    Organisation.Status.APPROVED,
                ],
            )
            | Q(status=Membership.Status.APPROVED, organisation__status=Organisation.Status.PENDING)
        ).select_related("organisation")
    )


def _open_needs_with_new_answers(organisations):
    """The organisations' open needs, those with answers awaiting a decision first."""
    return list(
        needs.listed()
        .open()
        .filter(organisation__in=organisations)
        .annotate(new_answers=Count("answers", filter=Q(answers__status=Answer.Status.SENT)))
        .order_by("-new_answers", "-created_at", "-pk")[:SHOWN]
    )


def _claimable_lots(organisations, producers, now):
    lots = (
        SurplusLot.objects.filter(
            closed_at__isnull=True, expires_at__gt=now, pickup_until__gt=now, remaining__gt=0
        )
        .exclude(producer__in=producers)  # nobody claims their own farm's lot
        .select_related("producer", "product")
        .order_by("expires_at", "pk")[:LOTS_READ]
    )
    return surplus.claimable_now(lots, organisations, now)[:SHOWN]


def _awaiting_answer(organisations, producers):
    """Proposed commitments whose turn is the person's side (commitments.rules.side_of:
    someone on both sides never decides alone)."""
    Side = Commitment.Side
    organisation_turn = Q(awaiting=Side.ORGANISATION, organisation__in=organisations) & ~Q(
        producer__in=producers
    )
    producer_turn = Q(awaiting=Side.PRODUCER, producer__in=producers) & ~Q(
        organisation__in=organisations
    )
    return list(
        Commitment.objects.filter(organisation_turn | producer_turn)
        .filter(status=Commitment.Status.PROPOSED)
        .select_related("organisation", "producer", "product")
        .order_by("created_at", "pk")[:SHOWN]
    )


def _next_registrations(user, now):
    """The person's coming events, with, when waitlisted, how many are ahead of them
    (the waiting list is confirmed in the order people registered: events.rules)."""
    ahead = (
        Registration.objects.filter(event=OuterRef("event"), status=Registration.Status.WAITLISTED)
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .values("event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    registrations = list(
        Registration.objects.filter(user=user, event__starts_at__gte=now)
        .exclude(status=Registration.Status.CANCELLED)
        .annotate(ahead=Coalesce(Subquery(ahead), 0))
        .select_related("event")
        .order_by("event__starts_at", "pk")[:SHOWN]
    )
    for registration in registrations:
        registration.position = registration.ahead + 1
    return registrations


def _events_page():
    """Where the coming events are listed, in the visitor's language (cms's page, named
    by its string: community does not import cms)."""
    EventIndexPage = apps.get_model("cms", "EventIndexPage")
    return EventIndexPage.objects.live().filter(locale=Locale.get_active()).first()


def _followed_topics_with_unread_posts(user):
    """Topics the person follows, themselves or through their category, with posts they
    have not read, the latest first."""
    followed = visible_topics(user).filter(
        Exists(Subscription.objects.filter(user=user, topic=OuterRef("pk")))
        | Exists(Subscription.objects.filter(user=user, category=OuterRef("category")))
    )
    return list(
        with_unread(followed, user)
        .filter(Q(seen_at__isnull=True) | Q(last_post_at__gt=F("seen_at")))
        .order_by("-last_post_at", "-pk")[:SHOWN]
    )


def _follow_ups_due(user, today):
    """The staff member's open follow-ups that are overdue or due within a week."""
    return list(
        FollowUp.objects.filter(assigned_to=user, done_on__isnull=True, due_on__lt=today + WEEK)
        .select_related("producer", "organisation")
        .order_by("due_on", "pk")[:SHOWN]
    )
