"""Registrations in the Wagtail admin: by event, in waiting-list order, with attendance
marking and export; cancel and move go through the capacity rules (the next person
waiting gets the seat). Wired in community.wagtail_hooks."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper

from directory.modeladmin import ModelAdmin, row_button

from . import rules as registrations
from .emails import PROMOTED, send_registration_email
from .models import Registration

EventPage = Registration._meta.get_field("event").related_model
INDEX = "community_registration_modeladmin_index"


class MoveForm(forms.Form):
    event = forms.ModelChoiceField(label=_("Move to"), queryset=EventPage.objects.none())

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = (
            EventPage.objects.live()
            .filter(starts_at__gte=timezone.now(), cancelled=False)
            .exclude(pk=registration.event_id)
            .order_by("starts_at")
        )


def _registration(request, pk):
    if not request.user.has_perm("community.change_registration"):
        raise PermissionDenied
    return get_object_or_404(Registration.objects.select_related("event", "user"), pk=pk)


def cancel_registration(request, pk):
    registration = _registration(request, pk)
    if request.method == "POST":
        promoted = registrations.cancel(registration)
        if promoted is not None:
            send_registration_email(promoted, PROMOTED)
        messages.success(request, gettext("The registration is cancelled."))
        return redirect(INDEX)
    return TemplateResponse(
        request, "community/events/registration_cancel.html", {"registration": registration}
    )


def move_registration(request, pk):
    registration = _registration(request, pk)
    form = MoveForm(request.POST or None, registration=registration)
    if request.method == "POST" and form.is_valid():
        try:
            new, promoted = registrations.move(registration, form.cleaned_data["event"])
        except registrations.RegistrationRefused as refusal:
            form.add_error("event", str(refusal))
        else:
            send_registration_email(new)
            if promoted is not None:
                send_registration_email(promoted, PROMOTED)
            messages.success(request, gettext("The registration is moved."))
            return redirect(INDEX)
    return TemplateResponse(
        request,
        "community/events/registration_move.html",
        {"registration": registration, "form": form},
    )


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
                    row_button(reverse(f"community_registration_{name}", args=[obj.pk]), label)
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


urls = [
    path(
        "registrations/<int:pk>/cancel/",
        cancel_registration,
        name="community_registration_cancel",
    ),
    path(
        "registrations/<int:pk>/move/",
        move_registration,
        name="community_registration_move",
    ),
]
