"""The community in the Wagtail admin: registrations by event, in waiting-list order,
with attendance marking, CSV export, and cancel/move actions that keep to the capacity
rules; organisations and memberships; forum categories, and a link to reported posts."""

from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from . import admin_views, figures_views
from .models import ForumCategory, Membership, Need, Organisation, Registration, SurplusLot


class RegistrationPermissionHelper(PermissionHelper):
    """Registrations are made by people, or moved by staff: never created or deleted
    here, where the capacity rules would be skipped."""

    def user_can_create(self, user):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class RegistrationButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if obj.status != Registration.Status.CANCELLED and self.request.user.has_perm(
            "community.change_registration"
        ):
            for name, label in (("cancel", _("Cancel")), ("move", _("Move"))):
                buttons.append(
                    {
                        "url": reverse(f"community_registration_{name}", args=[obj.pk]),
                        "label": label,
                        "classname": "button button-small button-secondary",
                        "title": label,
                    }
                )
        return buttons


class RegistrationAdmin(ModelAdmin):
    model = Registration
    menu_label = _("Registrations")
    menu_icon = "group"
    permission_helper_class = RegistrationPermissionHelper
    button_helper_class = RegistrationButtonHelper
    inspect_view_enabled = True
    inspect_view_fields = ("event", "user", "status", "created_at", "attended", "answers_text")
    list_display = ("event", "user", "user_email", "status", "created_at", "attended")
    list_filter = ("status", "attended", "event")
    search_fields = ("user__email", "user__first_name", "user__last_name", "event__title")
    # By event, confirmed before waiting, and the waiting list in its order.
    ordering = ("event__starts_at", "event_id", "status", "created_at", "pk")
    list_export = (
        "event",
        "user",
        "user_email",
        "status",
        "created_at",
        "attended",
        "answers_text",
    )
    export_filename = "registrations"
    panels = [FieldPanel("attended")]

    def user_email(self, obj):
        return obj.user.email

    user_email.short_description = _("email")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event", "user")


class OrganisationButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if obj.status == Organisation.Status.PENDING and self.request.user.has_perm(
            "community.change_organisation"
        ):
            buttons.append(
                {
                    "url": reverse("community_organisation_approve", args=[obj.pk]),
                    "label": _("Approve"),
                    "classname": "button button-small",
                    "title": _("Approve this organisation and the person who proposed it"),
                }
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


class ForumCategoryAdmin(ModelAdmin):
    """Editors create the forums' categories here; members write in them on the site."""

    model = ForumCategory
    menu_label = _("Forum categories")
    menu_icon = "comment"
    list_display = ("name_fr", "name_en", "position")
    ordering = ("position", "name_fr")


class NeedAdmin(ModelAdmin):
    """Every need of the network, for the staff who help organisations buy locally."""

    model = Need
    menu_label = _("Needs")
    menu_icon = "list-ul"
    list_display = ("__str__", "quantity", "unit", "wanted_from", "wanted_until", "status")
    list_filter = ("status", "frequency", "organisation")
    search_fields = ("organisation__name", "product__name_fr", "category__name_fr")
    list_export = (
        "organisation",
        "product",
        "category",
        "quantity",
        "unit",
        "frequency",
        "wanted_from",
        "wanted_until",
        "status",
        "fulfilled_by",
        "price_paid",
        "created_at",
    )
    inspect_view_enabled = True


class SurplusLotAdmin(ModelAdmin):
    model = SurplusLot
    menu_label = _("Surplus lots")
    menu_icon = "tag"
    list_display = ("__str__", "quantity", "remaining", "unit", "kind", "expires_at")
    list_filter = ("kind", "producer")
    list_export = (
        "producer",
        "product",
        "quantity",
        "remaining",
        "unit",
        "kind",
        "price",
        "created_at",
        "expires_at",
        "closed_at",
    )
    inspect_view_enabled = True


class CommunityGroup(ModelAdminGroup):
    menu_label = _("Community")
    menu_icon = "group"
    menu_order = 250
    items = (
        OrganisationAdmin,
        MembershipAdmin,
        RegistrationAdmin,
        NeedAdmin,
        SurplusLotAdmin,
        ForumCategoryAdmin,
    )


modeladmin_register(CommunityGroup)


@hooks.register("register_admin_urls")
def register_community_admin_urls():
    return [
        path("network-figures/", figures_views.dashboard, name="community_dashboard"),
        path(
            "organisations/<int:pk>/approve/",
            admin_views.approve_organisation,
            name="community_organisation_approve",
        ),
        path(
            "registrations/<int:pk>/cancel/",
            admin_views.cancel_registration,
            name="community_registration_cancel",
        ),
        path(
            "registrations/<int:pk>/move/",
            admin_views.move_registration,
            name="community_registration_move",
        ),
    ]


class PermissionMenuItem(MenuItem):
    """A menu item shown to those with one permission."""

    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_reported_posts_menu_item():
    # The queue is on the site, beside the posts it is about.
    return PermissionMenuItem(
        _("Reported posts"),
        reverse_lazy("community:forum_moderation"),
        icon_name="warning",
        order=260,
        permission="community.moderate_forum",
    )


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return PermissionMenuItem(
        _("Network figures"),
        reverse_lazy("community_dashboard"),
        icon_name="table",
        order=255,
        permission="community.view_need",
    )
