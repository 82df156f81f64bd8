"""Staff actions on registrations that must go through the capacity rules: cancel
(the next person waiting gets the seat) and move to another event."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext

from . import membership
from .models import Organisation


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
