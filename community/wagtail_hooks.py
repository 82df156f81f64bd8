"""Registrations in the Wagtail admin: by event, in waiting-list order, with attendance
marking, CSV export, and cancel/move actions that keep to the capacity rules."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from . import admin_views
from .models import Registration


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
    menu_order = 250
    add_to_admin_menu = True
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


modeladmin_register(RegistrationAdmin)


@hooks.register("register_admin_urls")
def register_registration_admin_urls():
    return [
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
