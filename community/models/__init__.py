"""The community's records, by subject; import them from here."""

from ..accounts.models import User
from ..commitments.models import Commitment, Delivery
from ..events.models import EventSchedule, Registration
from ..forums.models import (
    ForumCategory,
    Post,
    PostReport,
    PostRevision,
    Subscription,
    Topic,
    TopicVisit,
)
from ..needs.models import Answer, Need
from ..organisations.models import BUDGET_RANGES, Membership, Organisation
from ..outbox.models import SentEmail
from ..price_requests.models import PriceRequest, PriceRound
from ..surplus.models import Claim, SurplusLot
from ..workspace.models import FollowUp, Interaction, InteractionTag, Learning, Outcome

__all__ = [
    "Answer",
    "BUDGET_RANGES",
    "Claim",
    "Commitment",
    "Delivery",
    "EventSchedule",
    "FollowUp",
    "ForumCategory",
    "Interaction",
    "InteractionTag",
    "Learning",
    "Membership",
    "Need",
    "Organisation",
    "Outcome",
    "Post",
    "PriceRequest",
    "PriceRound",
    "PostReport",
    "PostRevision",
    "Registration",
    "SentEmail",
    "Subscription",
    "SurplusLot",
    "Topic",
    "TopicVisit",
    "User",
]
