"""The one-minute form, from the site (a member of the producer's business, signed in) or
through the weekly email's signed link, without an account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from directory.models import Availability, end_of_week

from .. import signed_links
from ..organisations.producer_entry import producer_of
from . import rules
from .forms import line_formset


def _week_form(request, producer, source, by=None):
    """The form for the producer's week; None once saved (the caller redirects)."""
    lines = line_formset(
        producer,
        rules.lines_to_start_from(producer),
        request.POST if request.method == "POST" else None,
    )
    if request.method == "POST" and lines.is_valid():
        rules.save_week(producer, lines.lines(), source=source, by=by)
        messages.success(
            request,
            _("Thank you: your availability is on your directory entry until the day you gave."),
        )
        return None
    return lines


def _page(request, producer, lines, signed):
    return render(
        request,
        "community/availability/week.html",
        {
            "producer": producer,
            "lines": lines,
            "current": rules.current_lines(producer),
            "until": end_of_week(),
            "signed": signed,
        },
    )


@login_required
def edit(request):
    producer = producer_of(request.user)
    lines = _week_form(request, producer, Availability.Source.SITE, by=request.user)
    if lines is None:
        return redirect("community:availability")
    return _page(request, producer, lines, signed=False)


@never_cache
def link(request, pk, token):
    try:
        producer = rules.open_link(pk, token)
    except signed_links.LinkRefused as refusal:
        return signed_links.refused(request, refusal, "community/availability/link_refused.html")
    if request.method == "POST" and not signed_links.allowed(request, rules.RATE_LIMIT, token):
        return signed_links.too_many(request)
    lines = _week_form(request, producer, Availability.Source.LINK)
    if lines is None:
        return redirect(request.path)
    return _page(request, producer, lines, signed=True)
