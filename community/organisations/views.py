"""Joining the network: asking to join an organisation or proposing one, its admins'
decisions, and the members' directory of organisations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import access
from . import rules as membership
from .forms import (
    JoinForm,
    JoinRequestDecisionForm,
    OrganisationProfileForm,
    ProposeOrganisationForm,
)
from .models import Membership, Organisation


def refused(request, exception=None):
    """The site's 403 page (handler403, and members-only pages and files for someone
    signed in). Someone who is not a member yet learns what membership gives and how to
    ask, with their requests so far; a member refused someone else's record is told so
    plainly (with the rule's reason when it gave one) and given a way back."""
    user = request.user
    not_member_yet = user.is_authenticated and not access.is_member_or_staff(user)
    context = {"not_member_yet": not_member_yet, "reason": str(exception or "")}
    if not_member_yet:
        context["memberships"] = user.memberships.select_related("organisation")
    response = render(request, "403.html", context, status=403)
    add_never_cache_headers(response)
    return response


@login_required
def join(request):
    """Ask to join an organisation, or propose a new one."""
    action = request.POST.get("action") if request.method == "POST" else None
    join_form = JoinForm(request.POST if action == "join" else None, prefix="join")
    propose_form = ProposeOrganisationForm(
        request.POST if action == "propose" else None, prefix="propose"
    )
    try:
        if action == "join" and join_form.is_valid():
            membership.ask_to_join(request.user, join_form.cleaned_data["organisation"])
            messages.success(request, _("Your request is sent to the organisation's admins."))
            return redirect("community:join")
        if action == "propose" and propose_form.is_valid():
            data = propose_form.cleaned_data
            membership.propose_organisation(
                request.user, data["name"], data["kind"], data["borough"], data["website"]
            )
            messages.success(
                request, _("Thank you: the network's team will review your organisation.")
            )
            return redirect("community:join")
    except membership.MembershipRefused as refusal:
        (join_form if action == "join" else propose_form).add_error(None, str(refusal))
    mine = request.user.memberships.select_related("organisation")
    return render(
        request,
        "community/organisations/join.html",
        {"join_form": join_form, "propose_form": propose_form, "memberships": mine},
    )


@login_required
def organisation_requests(request):
    """Requests to join the organisations this person administers."""
    administered = access.administered_organisations(request.user)
    pending = Membership.objects.filter(
        organisation__in=administered, status=Membership.Status.PENDING
    ).select_related("user", "organisation")
    if request.method == "POST":
        form = JoinRequestDecisionForm(request.POST)
        if not form.is_valid():  # a tampered form
            return render(request, "400.html", status=400)
        chosen = form.cleaned_data["membership"]
        request_to_decide = pending.filter(pk=chosen).first()
        if request_to_decide is None:
            # Another admin of the organisation may have decided it meanwhile; a request
            # of another organisation, or none, is not this person's to know of.
            if not Membership.objects.filter(pk=chosen, organisation__in=administered).exists():
                raise Http404
            messages.info(request, _("This request has already been decided."))
            return redirect("community:organisation_requests")
        approve = form.cleaned_data["decision"] == "approve"
        membership.decide(request_to_decide, approve=approve)
        messages.success(request, _("Request approved.") if approve else _("Request refused."))
        return redirect("community:organisation_requests")
    return render(
        request,
        "community/organisations/organisation_requests.html",
        {"pending": pending, "administered": administered},
    )


@require_GET
@access.passes(access.sees_organisations)
def organisation_list(request):
    """The member-only directory of the network's organisations."""
    organisations = Organisation.objects.filter(status=Organisation.Status.APPROVED).select_related(
        "borough"
    )
    page = Paginator(organisations, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "community/organisations/organisation_list.html",
        {"organisations": page, "page_obj": page},
    )


@require_GET
@access.passes(access.sees_organisations)
def organisation_detail(request, pk):
    organisation = get_object_or_404(
        Organisation.objects.filter(status=Organisation.Status.APPROVED).select_related("borough"),
        pk=pk,
    )
    return render(
        request,
        "community/organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "sees_budget": access.sees_organisation_budget(request.user, organisation),
            "can_edit": access.may_edit_organisation(request.user, organisation),
        },
    )


@login_required
def organisation_edit(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    if not access.may_edit_organisation(request.user, organisation):
        raise PermissionDenied
    form = OrganisationProfileForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The profile is saved."))
        return redirect("community:organisation_detail", pk=organisation.pk)
    return render(
        request,
        "community/organisations/organisation_edit.html",
        {"organisation": organisation, "form": form},
    )
