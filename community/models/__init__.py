"""The community's records, by subject; import them from here."""

from .accounts import User
from .events import EventSchedule, Registration
from .forums import ForumCategory, Post, PostReport, PostRevision, Subscription, Topic, TopicVisit
from .needs import Answer, Need
from .organisations import BUDGET_RANGES, Membership, Organisation

__all__ = [
    "Answer",
    "BUDGET_RANGES",
    "EventSchedule",
    "ForumCategory",
    "Membership",
    "Need",
    "Organisation",
    "Post",
    "PostReport",
    "PostRevision",
    "Registration",
    "Subscription",
    "Topic",
    "TopicVisit",
    "User",
]
