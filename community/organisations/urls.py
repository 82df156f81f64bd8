"""Organisations' pages, in the community: namespace (see community.urls)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import producer_entry, views

urlpatterns = [
    path(_("membership/"), views.join, name="join"),
    path(_("my-organisation/directory-entry/"), producer_entry.edit_entry, name="producer_entry"),
    path(_("organisations/"), views.organisation_list, name="organisation_list"),
    path(_("organisations/<int:pk>/"), views.organisation_detail, name="organisation_detail"),
    path(_("organisations/<int:pk>/edit/"), views.organisation_edit, name="organisation_edit"),
    path(_("my-organisation/requests/"), views.organisation_requests, name="organisation_requests"),
]
