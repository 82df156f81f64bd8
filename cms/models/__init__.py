"""The site's page types and its editable menu and footer, by subject."""

from .carte import CarteDistributor, CarteProximitePage
from .events import EventIndexPage, EventPage, EventQuestion
from .funding import FundingDeadline, FundingGuidePage, FundingIndexPage, SupportKind
from .navigation import FooterText, NavigationLink, NavigationSettings
from .pages import HomePage, StandardPage
from .projects import ProjectSummaryPage
from .resources import (
    RelatedResource,
    ResourceDocument,
    ResourceIndexPage,
    ResourceKind,
    ResourcePage,
    Topic,
)

__all__ = [
    "CarteDistributor",
    "CarteProximitePage",
    "FundingDeadline",
    "FundingGuidePage",
    "FundingIndexPage",
    "RelatedResource",
    "ResourceDocument",
    "ResourceIndexPage",
    "ResourceKind",
    "ResourcePage",
    "SupportKind",
    "Topic",
    "EventIndexPage",
    "EventPage",
    "EventQuestion",
    "FooterText",
    "HomePage",
    "NavigationLink",
    "NavigationSettings",
    "ProjectSummaryPage",
    "StandardPage",
]
