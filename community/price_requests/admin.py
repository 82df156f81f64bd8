"""Price requests in the Wagtail admin, for the network's staff: every round, newest first,
with each producer asked, its answer and where it stands; read only (the organisation, or
the staff on its behalf, acts from the need's comparison page). Wired in
community.wagtail_hooks."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from directory.modeladmin import PermissionMenuItem

from .. import access
from .models import PriceRequest, PriceRound

ROUNDS_PER_PAGE = 25


@require_GET
@access.staff_required
def price_rounds(request):
    rounds = PriceRound.objects.select_related(
        "need__organisation", "need__product", "need__category", "sent_by"
    ).prefetch_related(
        Prefetch("requests", queryset=PriceRequest.objects.select_related("producer", "logged_by"))
    )
    status = request.GET.get("status", "")
    if status in PriceRequest.Status.values:
        rounds = rounds.filter(requests__status=status).distinct()
    else:
        status = ""
    page = Paginator(rounds, ROUNDS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "community/price_requests/admin_rounds.html",
        {"page": page, "statuses": PriceRequest.Status.choices, "status": status},
    )


urls = [path("price-requests/", price_rounds, name="community_price_rounds")]


def menu_item():
    return PermissionMenuItem(
        _("Price requests"),
        reverse_lazy("community_price_rounds"),
        icon_name="list-ul",
        order=258,
        test=access.is_network_staff,
    )
