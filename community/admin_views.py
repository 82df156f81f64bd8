"""Staff actions on registrations that must go through the capacity rules: cancel
(the next person waiting gets the seat) and move to another event."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import membership
from . import registration as registrations
from .emails import PROMOTED, send_registration_email
from .models import Organisation, Registration

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
        request, "community/admin/registration_cancel.html", {"registration": registration}
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
        "community/admin/registration_move.html",
        {"registration": registration, "form": form},
    )


def approve_organisation(request, pk):
    if not request.user.has_perm("community.change_organisation"):
        raise PermissionDenied
    organisation = get_object_or_404(Organisation, pk=pk)
    if request.method == "POST":
        membership.approve_organisation(organisation)
        messages.success(request, gettext("“%(name)s” is approved.") % {"name": organisation.name})
        return redirect("community_organisation_modeladmin_index")
    return TemplateResponse(
        request, "community/admin/organisation_approve.html", {"organisation": organisation}
    )
