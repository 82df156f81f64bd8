"""Registering for an event, one's registrations, cancelling one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import rules as registrations
from .emails import PROMOTED, send_registration_email
from .forms import RegistrationForm
from .models import Registration

EventPage = Registration._meta.get_field("event").related_model


@require_POST
@login_required
def register_for_event(request, event_id):
    event = get_object_or_404(EventPage.objects.live(), pk=event_id)
    form = RegistrationForm(event, request.user, request.POST)
    if not form.is_valid():  # show the answers again, with what to correct beside them
        return render(request, "community/events/register.html", {"event": event, "form": form})
    try:
        registration = registrations.register(event, request.user, answers=form.answers())
    except registrations.RegistrationRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(event.url)
    send_registration_email(registration)
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("You are registered. A confirmation is on its way by email."))
    else:
        messages.info(
            request,
            _(
                "The event is full: you are on the waiting list. We will email you if a seat frees up."
            ),
        )
    return redirect(event.url)


@require_GET
@login_required
def my_events(request):
    registrations_of_user = (
        Registration.objects.with_waitlist_position()
        .filter(user=request.user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event")
        .order_by("event__starts_at")
    )
    return render(
        request, "community/events/my_events.html", {"registrations": registrations_of_user}
    )


@require_http_methods(["GET", "POST"])
@login_required
def cancel_registration(request, pk):
    """Asks first (a page, no JavaScript needed), cancels on the POST it sends."""
    registration = get_object_or_404(
        Registration.objects.with_waitlist_position().select_related("event"),
        pk=pk,
        user=request.user,
    )
    if registration.status == Registration.Status.CANCELLED:
        messages.info(request, _("This registration is already cancelled."))
        return redirect("community:my_events")
    if request.method == "GET":
        return render(
            request, "community/events/cancel_confirm.html", {"registration": registration}
        )
    promoted = registrations.cancel(registration)
    if promoted is not None:
        send_registration_email(promoted, PROMOTED)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("community:my_events")
