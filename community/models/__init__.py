"""The community's records, by subject; import them from here."""

from ..accounts.models import User
from ..availability.models import WeeklyMailing
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
from ..freshness.models import FreshnessCheck
from ..needs.models import Answer, Need
from ..organisations.models import BUDGET_RANGES, Membership, Organisation
from ..outbox.models import SentEmail
from ..price_requests.models import PriceRequest, PriceRound
from ..projects.models import (
    Action,
    Decision,
    Deliverable,
    Funder,
    Meeting,
    Partner,
    PartnerCommitment,
    PartnerDelivery,
    Project,
    ProjectGroup,
    WorkPackage,
)
from ..surplus.models import Claim, SurplusLot
from ..workspace.models import FollowUp, Interaction, InteractionTag, Learning, Outcome

__all__ = [
    "Action",
    "Answer",
    "BUDGET_RANGES",
    "Claim",
    "Commitment",
    "Decision",
    "Deliverable",
    "Delivery",
    "EventSchedule",
    "FollowUp",
    "FreshnessCheck",
    "Funder",
    "ForumCategory",
    "Interaction",
    "InteractionTag",
    "Learning",
    "Meeting",
    "Membership",
    "Need",
    "Organisation",
    "Outcome",
    "Partner",
    "PartnerCommitment",
    "PartnerDelivery",
    "Post",
    "PostReport",
    "PostRevision",
    "PriceRequest",
    "PriceRound",
    "Project",
    "ProjectGroup",
    "Registration",
    "SentEmail",
    "Subscription",
    "SurplusLot",
    "Topic",
    "TopicVisit",
    "User",
    "WeeklyMailing",
    "WorkPackage",
]
