from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from . import series, sharing
from .models import EventPage
from .reports import ClosedFundingGuidesView


class AdminOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_admin_urls")
def register_cms_admin_urls():
    return [
        path("events/<int:page_id>/repeat/", series.repeat_event, name="cms_event_repeat"),
        path(
            "workspace/learnings/<int:pk>/resource/",
            sharing.learning_to_resource,
            name="cms_learning_to_resource",
        ),
        path(
            "reports/closed-funding/",
            ClosedFundingGuidesView.as_view(),
            name="closed_funding_guides",
        ),
        path(
            "reports/closed-funding/results/",
            ClosedFundingGuidesView.as_view(results_only=True),
            name="closed_funding_guides_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def closed_funding_guides_menu_item():
    return AdminOnlyMenuItem(
        _("Closed funding guides"), reverse("closed_funding_guides"), icon_name="date", order=900
    )


@hooks.register("register_page_listing_more_buttons")
def repeat_event_button(page, user, next_url=None):
    if isinstance(page.specific_deferred, EventPage):
        yield Button(_("Repeat"), reverse("cms_event_repeat", args=[page.pk]), priority=60)
