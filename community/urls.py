from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import account, producer_entry, views

app_name = "community"

urlpatterns = [
    path(_("events/<int:event_id>/register/"), views.register_for_event, name="event_register"),
    path(_("my-events/"), views.my_events, name="my_events"),
    path(_("my-events/<int:pk>/cancel/"), views.cancel_registration, name="registration_cancel"),
    path(_("membership/"), views.join, name="join"),
    path(_("my-account/"), account.account, name="account"),
    path(_("my-organisation/directory-entry/"), producer_entry.edit_entry, name="producer_entry"),
    path(_("my-account/my-data.json"), account.account_data, name="account_data"),
    path(_("organisations/"), views.organisation_list, name="organisation_list"),
    path(_("organisations/<int:pk>/"), views.organisation_detail, name="organisation_detail"),
    path(_("organisations/<int:pk>/edit/"), views.organisation_edit, name="organisation_edit"),
    path(_("my-organisation/requests/"), views.organisation_requests, name="organisation_requests"),
]
