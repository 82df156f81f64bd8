from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import Button

from . import series
from .models import EventPage


@hooks.register("register_admin_urls")
def register_event_admin_urls():
    return [path("events/<int:page_id>/repeat/", series.repeat_event, name="cms_event_repeat")]


@hooks.register("register_page_listing_more_buttons")
def repeat_event_button(page, user, next_url=None):
    if isinstance(page.specific_deferred, EventPage):
        yield Button(_("Repeat"), reverse("cms_event_repeat", args=[page.pk]), priority=60)
