"""Needs in the Wagtail admin, for the staff (registered in community.wagtail_hooks)."""

from django.utils.translation import gettext_lazy as _

from directory.modeladmin import TypedDatesAdmin

from .models import Need


class NeedAdmin(TypedDatesAdmin):
    """Every need of the network, for the staff who help organisations buy locally."""

    model = Need
    menu_label = _("Needs")
    menu_icon = "list-ul"
    list_display = ("__str__", "quantity", "unit", "wanted_from", "wanted_until", "status")
    list_filter = ("status", "frequency", "organisation")
    search_fields = ("organisation__name", "product__name_fr", "category__name_fr")
    list_export = (
        "organisation",
        "product",
        "category",
        "quantity",
        "unit",
        "frequency",
        "wanted_from",
        "wanted_until",
        "status",
        "fulfilled_by",
        "price_paid",
        "created_at",
    )
    inspect_view_enabled = True
