"""Registrations' pages, in the community: namespace (see community.urls)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(_("events/<int:event_id>/register/"), views.register_for_event, name="event_register"),
    path(_("my-events/"), views.my_events, name="my_events"),
    path(_("my-events/<int:pk>/cancel/"), views.cancel_registration, name="registration_cancel"),
]
