"""The directory's admin screens (wagtail-modeladmin): lists with filters, search and
CSV export, the verify action, the CSV import and the freshness panel."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from . import admin_views, verification
from .modeladmin import IndexView, ModelAdmin
from .models import Area, Category, Certification, Offer, PriceObservation, Producer, Product


class ProducerButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if self.request.user.has_perm("directory.change_producer"):
            buttons.append(
                {
                    "url": reverse("directory_mark_verified", args=[obj.pk])
                    + "?"
                    + urlencode({"next": self.request.get_full_path()}),
                    "label": _("Mark verified"),
                    "classname": "button button-small button-secondary",
                    "title": _("Record that this information was checked today"),
                }
            )
        return buttons


class ProducerIndexView(IndexView):
    """The list of entries, and the bulk action on it: verify every entry the list's
    filters and search select (all its pages), posted to the list's own address, once
    confirmed on a page that says how many."""

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("directory.change_producer"):
            raise PermissionDenied
        listed = self.queryset
        if request.POST.get("confirm") != "yes":
            return TemplateResponse(
                request,
                "directory/admin/verify_listed.html",
                {"count": listed.count(), "back": request.get_full_path()},
            )
        count = verification.stamp_verified(listed, Producer.VerifiedBy.STAFF, request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d entry is marked as verified today.",
                "%(count)d entries are marked as verified today.",
                count,
            )
            % {"count": count},
        )
        return redirect(request.get_full_path())


class ProducerAdmin(ModelAdmin):
    model = Producer
    index_view_class = ProducerIndexView
    index_template_name = "directory/admin/producer_index.html"
    menu_label = _("Entries")
    menu_icon = "site"
    button_helper_class = ProducerButtonHelper
    # Few, short columns, so that the name has room beside the filters at 1280 px (seven
    # columns wrapped it letter by letter); the city is in the search and the export.
    list_display = ("name", "kind", "area", "verified_on", "changed")
    list_select_related = ("area", "updated_by")
    list_filter = (
        verification.FreshnessFilter,
        verification.LocationFilter,
        "kind",
        "distance_class",
        "accepts_carte_proximite",
        "open_to_donations",
        "area",
    )
    search_fields = ("name", "city", "description", "email")
    list_export = (
        "name",
        "slug",
        "kind",
        "address",
        "city",
        "postal_code",
        "area",
        "latitude",
        "longitude",
        "distance_class",
        "phone",
        "email",
        "website",
        "accepts_carte_proximite",
        "pickup_available",
        "minimum_order",
        "last_verified_on",
    )
    export_filename = "directory-entries"

    @admin.display(description=_("Verified on"), ordering="last_verified_on")
    def verified_on(self, producer):
        if producer.last_verified_on is None:
            return _("never")
        when = date_format(producer.last_verified_on, "SHORT_DATE_FORMAT")
        if producer.last_verified_kind == Producer.VerifiedBy.PRODUCER:
            return _("%(date)s by the producer") % {"date": when}
        return when

    @admin.display(description=_("Last change"), ordering="updated_at")
    def changed(self, producer):
        when = date_format(timezone.localdate(producer.updated_at), "SHORT_DATE_FORMAT")
        if producer.updated_by is None:
            return when
        return _("%(date)s by %(person)s") % {
            "date": when,
            "person": producer.updated_by,
        }


class OfferAdmin(ModelAdmin):
    model = Offer
    menu_label = _("Offers")
    menu_icon = "tag"
    list_display = (
        "product",
        "producer",
        "unit",
        "price",
        "price_seen_on",
        "grade",
        "updated_at",
        "updated_by",
    )
    list_filter = (verification.PriceAgeFilter, "grade", "organic", "product__category", "unit")
    search_fields = ("product__name_fr", "product__name_en", "producer__name")
    list_export = (
        "producer",
        "product",
        "unit",
        "price",
        "price_seen_on",
        "months",
        "grade",
        "organic",
    )
    export_filename = "directory-offers"


class ProductAdmin(ModelAdmin):
    model = Product
    menu_label = _("Products")
    menu_icon = "pick"
    list_display = ("name_fr", "name_en", "category", "reference_unit")
    list_filter = ("category",)
    search_fields = ("name_fr", "name_en")
    list_export = ("name_fr", "name_en", "slug", "category", "reference_unit")


class CategoryAdmin(ModelAdmin):
    model = Category
    menu_label = _("Categories")
    menu_icon = "folder-open-inverse"
    list_display = ("name_fr", "name_en", "slug", "kept_cold")
    search_fields = ("name_fr", "name_en")


class PriceObservationAdmin(ModelAdmin):
    model = PriceObservation
    menu_label = _("Price observations")
    menu_icon = "table"
    list_display = ("product", "observed_on", "price", "unit", "origin", "source")
    list_filter = ("origin", "product__category", "product")
    search_fields = ("product__name_fr", "product__name_en", "source")
    list_export = ("product", "observed_on", "price", "unit", "origin", "producer", "source")
    export_filename = "price-observations"


class AreaAdmin(ModelAdmin):
    model = Area
    menu_label = _("Boroughs and regions")
    menu_icon = "globe"
    list_display = ("name", "kind", "slug")
    list_filter = ("kind",)
    search_fields = ("name",)


class CertificationAdmin(ModelAdmin):
    model = Certification
    menu_label = _("Certifications")
    menu_icon = "success"
    list_display = ("name_fr", "name_en", "is_organic")


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perms(["directory.add_producer", "directory.change_producer"])


class DirectoryGroup(ModelAdminGroup):
    menu_label = _("Directory")
    menu_icon = "list-ul"
    menu_order = 200
    items = (
        ProducerAdmin,
        OfferAdmin,
        ProductAdmin,
        CategoryAdmin,
        PriceObservationAdmin,
        AreaAdmin,
        CertificationAdmin,
    )

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            ImportMenuItem(
                _("Import from CSV"), reverse("directory_import"), icon_name="upload", order=900
            ),
        ]


modeladmin_register(DirectoryGroup)


@hooks.register("register_admin_urls")
def register_directory_admin_urls():
    return [
        path(
            "directory/verify/<int:pk>/", verification.mark_verified, name="directory_mark_verified"
        ),
        path("directory/import/", admin_views.import_producers, name="directory_import"),
    ]


@hooks.register("construct_homepage_panels")
def add_freshness_panel(request, panels):
    if request.user.has_perm("directory.change_producer"):
        panels.append(verification.FreshnessPanel())


@hooks.register("register_log_actions")
def register_verification_action(actions):
    actions.register_action("directory.verify", _("Mark verified"), _("Information verified"))
    actions.register_action(
        "directory.confirm",
        _("Confirmed by the producer"),
        _("Information confirmed as right by the producer"),
    )
    actions.register_action("directory.producer_change")(ProducerChangeFormatter)


class ProducerChangeFormatter(LogFormatter):
    """What the producer changed through its freshness check, read in the reader's
    language from the fields' and products' names the entry's history keeps."""

    label = _("Changed by the producer")

    def format_message(self, log_entry):
        fields = [
            str(Producer._meta.get_field(name).verbose_name)
            for name in log_entry.data.get("fields", [])
            if name in {field.name for field in Producer._meta.get_fields()}
        ]
        offers = log_entry.data.get("offers", [])
        parts = []
        if fields:
            parts.append(", ".join(fields))
        if offers:
            parts.append(gettext("offers: %(products)s") % {"products": ", ".join(offers)})
        changed = "; ".join(parts) or gettext("nothing")
        return gettext("Changed and confirmed by the producer: %(changed)s") % {"changed": changed}
