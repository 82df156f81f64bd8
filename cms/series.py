"""Recurring events: editors create one event, then repeat it weekly, every two weeks or
monthly on the same weekday (the 2nd Tuesday...). Each date is a page of its own, with
its own registrations; all are in the calendar feed."""

import uuid
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import EventPage

WEEKLY, FORTNIGHTLY, MONTHLY = "weekly", "fortnightly", "monthly"


def same_weekday_next_month(moment):
    """The same weekday and rank in the next month (2nd Tuesday → 2nd Tuesday); the last
    such weekday when the month has fewer (a 5th Thursday)."""
    rank = (moment.day - 1) // 7
    first = (moment.replace(day=1) + timedelta(days=32)).replace(day=1)
    candidate = first + timedelta(days=(moment.weekday() - first.weekday()) % 7 + 7 * rank)
    while candidate.month != first.month:
        candidate -= timedelta(days=7)
    return candidate


def next_date(moment, frequency):
    if frequency == WEEKLY:
        return moment + timedelta(days=7)
    if frequency == FORTNIGHTLY:
        return moment + timedelta(days=14)
    return same_weekday_next_month(moment)


class RepeatForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Repeat"),
        choices=[
            (WEEKLY, _("every week")),
            (FORTNIGHTLY, _("every two weeks")),
            (MONTHLY, _("every month, on the same weekday")),
        ],
    )
    count = forms.IntegerField(label=_("Number of new dates"), min_value=1, max_value=24, initial=5)


@transaction.atomic
def repeat(event, frequency, count, user=None):
    """Copies of the event at the following dates (questions included, registrations
    not), published when the event is and the user may publish. Returns them."""
    if event.series is None:
        event.series = uuid.uuid4()
        EventPage.objects.filter(pk=event.pk).update(series=event.series)
    copies = []
    parent = event.get_parent()
    # Dates follow the wall clock here (10:00 stays 10:00 across daylight saving time).
    starts_at = timezone.localtime(event.starts_at)
    for _number in range(count):
        following = next_date(starts_at, frequency)
        shift = following - timezone.localtime(event.starts_at)
        starts_at = following
        attrs = {
            "slug": f"{event.slug}-{following:%Y-%m-%d}",
            "starts_at": following,
            "ends_at": event.ends_at + shift,
            "registration_opens_at": event.registration_opens_at
            and event.registration_opens_at + shift,
            "registration_closes_at": event.registration_closes_at
            and event.registration_closes_at + shift,
            "series": event.series,
            "cancelled": False,
        }
        copy = event.copy(
            to=parent, update_attrs=attrs, keep_live=False, copy_revisions=False, user=user
        )
        revision = copy.save_revision(user=user)
        # Published like the event when the editor may publish; otherwise drafts to review.
        if event.live and (user is None or copy.permissions_for_user(user).can_publish()):
            revision.publish(user=user)
            copy.refresh_from_db()
        copies.append(copy)
    return copies


def repeat_event(request, page_id):
    event = get_object_or_404(EventPage, pk=page_id)
    parent = event.get_parent()
    if not parent.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    form = RepeatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        copies = repeat(
            event, form.cleaned_data["frequency"], form.cleaned_data["count"], user=request.user
        )
        messages.success(request, gettext("%(count)s new dates created.") % {"count": len(copies)})
        return redirect("wagtailadmin_explore", parent.pk)
    return TemplateResponse(request, "cms/admin/repeat_event.html", {"event": event, "form": form})
