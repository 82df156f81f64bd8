"""Surplus lots in the Wagtail admin, for the staff (registered in community.wagtail_hooks)."""

from django.utils.translation import gettext_lazy as _

from directory.modeladmin import TypedDatesAdmin

from .models import SurplusLot


class SurplusLotAdmin(TypedDatesAdmin):
    model = SurplusLot
    menu_label = _("Surplus lots")
    menu_icon = "tag"
    list_display = ("__str__", "quantity", "remaining", "unit", "kind", "expires_at")
    list_filter = ("kind", "producer")
    list_export = (
        "producer",
        "product",
        "quantity",
        "remaining",
        "unit",
        "kind",
        "price",
        "created_at",
        "expires_at",
        "closed_at",
    )
    inspect_view_enabled = True
