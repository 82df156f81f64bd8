"""The network's figures in the Wagtail admin: the staff's dashboard (wired in
community.wagtail_hooks)."""

from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from directory.modeladmin import PermissionMenuItem

from .. import access
from . import views

urls = [path("network-figures/", views.dashboard, name="community_dashboard")]


def menu_item():
    return PermissionMenuItem(
        _("Network figures"),
        reverse_lazy("community_dashboard"),
        icon_name="table",
        order=255,
        test=access.is_board_staff,
    )
