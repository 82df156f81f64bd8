"""The forums in the Wagtail admin: editors keep the categories; the queue of reported
posts is on the site, beside the posts it is about. Wired in community.wagtail_hooks."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from directory.modeladmin import ModelAdmin, PermissionMenuItem

from .. import access
from .models import ForumCategory


class ForumCategoryAdmin(ModelAdmin):
    """Editors create the forums' categories here; members write in them on the site."""

    model = ForumCategory
    menu_label = _("Forum categories")
    menu_icon = "comment"
    list_display = ("name_fr", "name_en", "position")
    ordering = ("position", "name_fr")


def menu_item():
    # The queue is on the site, beside the posts it is about.
    return PermissionMenuItem(
        _("Reported posts"),
        reverse_lazy("community:forum_moderation"),
        icon_name="warning",
        order=260,
        test=access.can_moderate,
    )
