"""The workspace's admin pages: finding a producer or an organisation, its timeline, my
follow-ups and the triage of new needs. Every view is for the network's staff only."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wagtail.admin.ui.components import Component

from directory.models import Producer

from .. import access
from ..commitments.rules import conformity_by_season
from ..exports import FORMATS, spreadsheet_response
from ..freshness import rules as freshness
from ..models import Delivery, Need, Organisation
from . import contacting
from .follow_ups import WEEK, follow_ups_of
from .models import FollowUp, Interaction
from .timeline import (
    SOURCES,
    complete_counterpart,
    condition_about,
    timeline,
    timeline_page,
    what_and_quantity,
)
from .triage import TRIAGE_SECTIONS, needs_to_triage

TIMELINE_PAGE_SIZE = 50


class FollowUpsPanel(Component):
    """On the admin's home page: the person's follow-ups to do, and the needs to triage."""

    name = "workspace_follow_ups"
    template_name = "community/workspace/home_panel.html"
    order = 140

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        mine = FollowUp.objects.filter(assigned_to=self.user, done_on__isnull=True)
        return {
            "overdue": mine.filter(due_on__lt=today).count(),
            "this_week": mine.filter(due_on__gte=today, due_on__lt=today + WEEK).count(),
        }


@require_GET
@access.workspace_staff_required
def home(request):
    """Find a producer or an organisation; without a search, the latest interactions."""
    query = request.GET.get("q", "").strip()[:100]
    context = {"query": query}
    if query:
        context["producers"] = Producer.objects.filter(name__icontains=query).order_by("name")[:30]
        context["organisations"] = Organisation.objects.filter(name__icontains=query).order_by(
            "name"
        )[:30]
    else:
        context["latest"] = Interaction.objects.select_related(
            "producer", "organisation", "logged_by"
        )[:15]
    return render(request, "community/workspace/home.html", context)


@require_GET
@access.workspace_staff_required
def producer_timeline(request, pk):
    return _timeline(request, get_object_or_404(Producer, pk=pk), None)


@require_GET
@access.workspace_staff_required
def organisation_timeline(request, pk):
    return _timeline(request, None, get_object_or_404(Organisation, pk=pk))


def _timeline(request, producer, organisation):
    producer, organisation = complete_counterpart(producer, organisation)
    sources = [key for key in request.GET.getlist("source") if key in dict(SOURCES)]
    name = " / ".join(str(part) for part in (producer, organisation) if part is not None)
    if request.GET.get("format") in FORMATS:
        rows = []
        for entry in timeline(producer, organisation, sources):
            when = timezone.localtime(entry.when)
            day = when.date().isoformat() if entry.dated_only else when.strftime("%Y-%m-%d %H:%M")
            rows.append([day, entry.source_label, entry.title, entry.detail, entry.by])
        header = [_("Date"), _("Kind"), _("What"), _("Details"), _("By")]
        return spreadsheet_response(request.GET["format"], "historique", header, rows)
    about = {}
    if producer is not None:
        about["producer"] = producer.pk
    if organisation is not None:
        about["organisation"] = organisation.pk
    query = urlencode(about)
    return render(
        request,
        "community/workspace/timeline.html",
        {
            "name": name,
            "producer": producer,
            "organisation": organisation,
            "entries": timeline_page(
                producer, organisation, sources, request.GET.get("page"), TIMELINE_PAGE_SIZE
            ),
            "sources": SOURCES,
            "chosen": sources,
            "filters": urlencode([("source", key) for key in sources]),
            "add": {
                name: reverse(f"community_{name}_modeladmin_create") + "?" + query
                for name in ("interaction", "followup", "outcome", "learning")
            },
            # As a supplier: the deliveries of the producer's crop contracts.
            "seasons": conformity_by_season(Delivery.objects.filter(commitment__producer=producer))
            if producer is not None
            else [],
            "open_follow_ups": FollowUp.objects.filter(
                condition_about(producer, organisation), done_on__isnull=True
            ).select_related("assigned_to"),
        },
    )


@require_GET
@access.workspace_staff_required
def my_follow_ups(request):
    return render(
        request,
        "community/workspace/follow_ups.html",
        {"groups": follow_ups_of(request.user)},
    )


@require_POST
@access.workspace_staff_required
def follow_up_done(request, pk):
    follow_up = get_object_or_404(FollowUp, pk=pk)
    if not request.user.has_perm("community.change_followup"):
        raise PermissionDenied
    follow_up.done_on = timezone.localdate() if request.POST.get("done") != "no" else None
    follow_up.save(update_fields=["done_on"])
    if follow_up.done_on:
        messages.success(request, _("“%(what)s” is done.") % {"what": follow_up.what})
    else:
        messages.success(request, _("“%(what)s” is open again.") % {"what": follow_up.what})
    return redirect("community_my_follow_ups")


@require_GET
@access.workspace_staff_required
def freshness_campaign(request):
    """The directory's freshness checks of the period: how many entries were asked, have
    confirmed, have changed something, have not answered yet; then each check."""
    checks, counts = freshness.campaign()
    page = Paginator(checks.select_related("producer"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "community/workspace/freshness.html",
        {
            "counts": counts,
            "checks": page,
            "days": settings.DIRECTORY_FRESHNESS_ASK_AFTER_DAYS,
        },
    )


def _days(request):
    try:
        days = int(request.GET.get("days", ""))
    except ValueError:
        return settings.WORKSPACE_UNANSWERED_AFTER_DAYS
    return min(max(days, 0), 365)


@require_GET
@access.workspace_staff_required
def triage(request):
    days = _days(request)
    sections = needs_to_triage(days)
    if request.GET.get("format") in FORMATS:
        return spreadsheet_response(
            request.GET["format"],
            "besoins-a-trier",
            [
                _("Section"),
                _("Need"),
                _("Organisation"),
                _("Posted on"),
                _("Candidates"),
                _("Contacted"),
            ],
            [
                [
                    label,
                    what_and_quantity(item.need),
                    item.need.organisation,
                    timezone.localtime(item.need.created_at).date().isoformat(),
                    ", ".join(name for _pk, name in item.candidates),
                    ", ".join(
                        f"{interaction.happened_on.isoformat()} {interaction.producer}"
                        for interaction in item.contacted
                    ),
                ]
                for key, label in TRIAGE_SECTIONS
                for item in sections[key]
            ],
        )
    return render(
        request,
        "community/workspace/triage.html",
        {
            "days": days,
            "sections": [(key, label, sections[key]) for key, label in TRIAGE_SECTIONS],
            # A candidate's timeline less its id: one reverse for the page's thousands of
            # links, each of which would cost as much as the rest of its line.
            "timeline_start": reverse("community_producer_timeline", args=[0]).removesuffix("0/"),
        },
    )


@require_POST
@access.workspace_staff_required
def contact_candidates(request, pk):
    need = get_object_or_404(Need, pk=pk)
    if not request.user.has_perm("community.add_interaction"):
        raise PermissionDenied
    found = [item for section in needs_to_triage(0, need=need).values() for item in section]
    if not found:
        messages.warning(request, _("This need has an answer or is closed: nobody was written to."))
        return redirect("community_triage")
    written, unreachable = contacting.contact_candidates(
        need, request.user, [pk for pk, _name in found[0].to_write]
    )
    if not written and not unreachable:
        messages.info(request, _("Every candidate was written to already."))
    if written:
        messages.success(
            request,
            _("Written to: %(names)s. Their replies will come to you.")
            % {"names": ", ".join(producer.name for producer in written)},
        )
    if unreachable:
        no_phone = _("no phone number")
        messages.warning(
            request,
            _("No email address for: %(names)s. Call them instead.")
            % {
                "names": ", ".join(
                    f"{producer.name} ({producer.phone or no_phone})" for producer in unreachable
                )
            },
        )
    return _back_to_triage(request)


def _back_to_triage(request):
    return redirect(reverse("community_triage") + "?" + urlencode({"days": _days(request)}))


def timeline_url(record):
    """The timeline a record belongs on: its producer's, or else its organisation's."""
    if getattr(record, "producer_id", None):
        return reverse("community_producer_timeline", args=[record.producer_id])
    if getattr(record, "organisation_id", None):
        return reverse("community_organisation_timeline", args=[record.organisation_id])
    raise Http404
