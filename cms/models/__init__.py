"""The site's page types and its editable menu and footer, by subject."""

from .events import EventIndexPage, EventPage, EventQuestion
from .navigation import FooterText, NavigationLink, NavigationSettings
from .pages import HomePage, StandardPage

__all__ = [
    "EventIndexPage",
    "EventPage",
    "EventQuestion",
    "FooterText",
    "HomePage",
    "NavigationLink",
    "NavigationSettings",
    "StandardPage",
]
