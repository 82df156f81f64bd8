"""Surplus and donation lots' pages, in the community: namespace (see community.urls)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(_("surplus/"), views.surplus_list, name="surplus_list"),
    path(_("surplus/new/"), views.surplus_create, name="surplus_create"),
    path(_("surplus/<int:pk>/"), views.surplus_detail, name="surplus_detail"),
    path(_("surplus/<int:pk>/close/"), views.surplus_close, name="surplus_close"),
    path(_("surplus/claims/<int:pk>/picked-up/"), views.claim_pickup, name="claim_pickup"),
]
