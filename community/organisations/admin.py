"""Organisations and memberships in the Wagtail admin: the staff approve proposed
organisations and suspend memberships. Wired in community.wagtail_hooks."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail_modeladmin.helpers import ButtonHelper

from directory.modeladmin import ModelAdmin, row_button

from .. import access
from . import rules as membership
from .models import Membership, Organisation


def approve_organisation(request, pk):
    if not request.user.has_perm("community.change_organisation"):
        raise PermissionDenied
    organisation = get_object_or_404(Organisation, pk=pk)
    if request.method == "POST":
        membership.approve_organisation(organisation)
        messages.success(request, gettext("“%(name)s” is approved.") % {"name": organisation.name})
        return redirect("community_organisation_modeladmin_index")
    return TemplateResponse(
        request, "community/organisations/organisation_approve.html", {"organisation": organisation}
    )


class OrganisationButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if access.is_workspace_staff(self.request.user):
            buttons.append(
                row_button(
                    reverse("community_organisation_timeline", args=[obj.pk]),
                    _("Timeline"),
                    _("Everything the network knows of this organisation"),
                )
            )
        if obj.status == Organisation.Status.PENDING and self.request.user.has_perm(
            "community.change_organisation"
        ):
            buttons.append(
                row_button(
                    reverse("community_organisation_approve", args=[obj.pk]),
                    _("Approve"),
                    _("Approve this organisation and the person who proposed it"),
                    primary=True,
                )
            )
        return buttons


class OrganisationAdmin(ModelAdmin):
    model = Organisation
    menu_label = _("Organisations")
    menu_icon = "group"
    button_helper_class = OrganisationButtonHelper
    list_display = ("name", "kind", "borough", "status", "created_at")
    list_filter = ("status", "kind", "borough")
    search_fields = ("name",)
    list_export = ("name", "kind", "borough", "website", "status", "created_at")


class MembershipAdmin(ModelAdmin):
    """Editors see every membership and may suspend one (status "suspended")."""

    model = Membership
    menu_label = _("Memberships")
    menu_icon = "user"
    list_display = ("user", "organisation", "role", "status", "created_at")
    list_filter = ("status", "role", "organisation")
    search_fields = ("user__email", "organisation__name")
    list_export = ("user", "organisation", "role", "status", "created_at", "decided_at")
    panels = [FieldPanel("role"), FieldPanel("status")]


urls = [
    path(
        "organisations/<int:pk>/approve/",
        approve_organisation,
        name="community_organisation_approve",
    ),
]
