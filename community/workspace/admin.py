"""The procurement specialist's workspace in the Wagtail admin: interactions, follow-ups,
outcomes and learnings, with the timelines, my follow-ups and the triage of new needs.
For the network's staff only. Wired in community.wagtail_hooks."""

from django import forms
from django.contrib import admin
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdminGroup
from wagtail_modeladmin.views import CreateView

from directory.modeladmin import ModelAdmin, PermissionMenuItem, row_button

from .. import access
from . import views as workspace_views
from .forms import FollowUpForm, InteractionForm, OutcomeForm
from .models import FollowUp, Interaction, Learning, Outcome


class WorkspaceCreateView(CreateView):
    """New records are signed by whoever creates them; from a timeline, they are about its
    producer or organisation, and the specialist goes back to it once saved."""

    def get_instance(self):
        if getattr(self, "instance", None) is None:
            self.instance = self.model(**{self.model_admin.author_field: self.request.user})
            if self.model is FollowUp:
                self.instance.assigned_to = self.request.user
            for name in ("producer", "organisation"):
                value = self.request.GET.get(name, "")
                if value.isdigit():
                    setattr(self.instance, f"{name}_id", int(value))
        return self.instance

    def get_success_url(self):
        if self.instance.producer_id or self.instance.organisation_id:
            return workspace_views.timeline_url(self.instance)
        return super().get_success_url()


class WorkspaceAdmin(ModelAdmin):
    create_view_class = WorkspaceCreateView
    author_field = None
    list_per_page = 50

    def counterpart(self, obj):
        links = []
        if obj.producer_id:
            links.append(
                (reverse("community_producer_timeline", args=[obj.producer_id]), obj.producer)
            )
        if obj.organisation_id:
            links.append(
                (
                    reverse("community_organisation_timeline", args=[obj.organisation_id]),
                    obj.organisation,
                )
            )
        return format_html_join(" / ", '<a href="{}">{}</a>', links)

    counterpart.short_description = _("with")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("producer", "organisation")


COUNTERPART_PANEL = FieldRowPanel(
    [FieldPanel("producer"), FieldPanel("organisation")], heading=_("With")
)


class InteractionAdmin(WorkspaceAdmin):
    model = Interaction
    menu_label = _("Interactions")
    menu_icon = "mail"
    author_field = "logged_by"
    list_display = ("happened_on", "kind", "counterpart", "people", "logged_by")
    list_filter = ("kind", "happened_on")
    search_fields = ("notes", "people", "producer__name", "organisation__name")
    list_export = (
        "happened_on",
        "kind",
        "producer",
        "organisation",
        "people",
        "notes",
        "product_names",
        "tag_names",
        "need",
        "logged_by",
    )
    export_filename = "interactions"
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("kind"), FieldPanel("happened_on")]),
            COUNTERPART_PANEL,
            FieldPanel("people"),
            FieldPanel("notes"),
            FieldPanel(
                "products",
                widget=forms.SelectMultiple(attrs={"size": 8}),
                help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
            ),
            FieldPanel("tags"),
            MultiFieldPanel(
                [FieldPanel("follow_up"), FieldPanel("follow_up_on")],
                heading=_("A follow-up to set?"),
            ),
        ],
        base_form_class=InteractionForm,
    )

    def product_names(self, obj):
        return ", ".join(str(product) for product in obj.products.all())

    product_names.short_description = _("products discussed")

    def tag_names(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())

    tag_names.short_description = _("tags")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("logged_by", "need__organisation", "need__product", "need__category")
            .prefetch_related("products", "tags")
        )


class FollowUpStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("open", _("To do")), ("overdue", _("Overdue")), ("done", _("Done"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(done_on__isnull=True)
        if self.value() == "overdue":
            return queryset.filter(done_on__isnull=True, due_on__lt=timezone.localdate())
        if self.value() == "done":
            return queryset.filter(done_on__isnull=False)
        return queryset


class FollowUpAdmin(WorkspaceAdmin):
    model = FollowUp
    menu_label = _("All follow-ups")
    menu_icon = "date"
    author_field = "created_by"
    list_display = ("what", "due_on", "counterpart", "assigned_to", "done_on")
    list_filter = (FollowUpStatusFilter, "due_on")
    search_fields = ("what", "notes", "producer__name", "organisation__name")
    list_export = (
        "what",
        "due_on",
        "producer",
        "organisation",
        "assigned_to",
        "notes",
        "created_by",
        "created_at",
        "done_on",
    )
    export_filename = "follow-ups"
    ordering = ("done_on", "due_on", "pk")
    edit_handler = ObjectList(
        [
            FieldPanel("what"),
            FieldRowPanel([FieldPanel("due_on"), FieldPanel("assigned_to")]),
            COUNTERPART_PANEL,
            FieldPanel("notes"),
            FieldPanel("done_on"),
        ],
        base_form_class=FollowUpForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("assigned_to", "created_by")


class OutcomeAdmin(WorkspaceAdmin):
    model = Outcome
    menu_label = _("Outcomes")
    menu_icon = "success"
    author_field = "recorded_by"
    list_display = ("happened_on", "kind", "counterpart", "product", "quantity", "unit", "value")
    list_filter = ("kind", "happened_on")
    search_fields = ("notes", "producer__name", "organisation__name")
    list_export = (
        "happened_on",
        "kind",
        "producer",
        "organisation",
        "product",
        "quantity",
        "unit",
        "value",
        "notes",
        "recorded_by",
    )
    export_filename = "outcomes"
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("kind"), FieldPanel("happened_on")]),
            COUNTERPART_PANEL,
            FieldRowPanel(
                [
                    FieldPanel("product"),
                    FieldPanel("quantity"),
                    FieldPanel("unit"),
                    FieldPanel("value"),
                ]
            ),
            FieldPanel("notes"),
        ],
        base_form_class=OutcomeForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("product", "recorded_by")


class LearningButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if obj.resource_id is None and self.request.user.has_perm("community.change_learning"):
            buttons.append(
                row_button(
                    reverse("cms_learning_to_resource", args=[obj.pk]),
                    _("Make it a members' resource"),
                    _("Publish this learning in the resource library, for members"),
                )
            )
        return buttons


class LearningAdmin(WorkspaceAdmin):
    model = Learning
    menu_label = _("Learnings")
    menu_icon = "doc-full"
    author_field = "written_by"
    button_helper_class = LearningButtonHelper
    list_display = ("title", "topic", "counterpart", "written_by", "created_at", "resource_link")
    list_filter = ("topic",)
    search_fields = ("title", "text")
    list_export = (
        "title",
        "topic",
        "text",
        "producer",
        "organisation",
        "written_by",
        "created_at",
        "resource",
    )
    export_filename = "learnings"
    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("topic")]),
        FieldPanel("text"),
        COUNTERPART_PANEL,
    ]

    def resource_link(self, obj):
        if obj.resource_id is None:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("wagtailadmin_pages:edit", args=[obj.resource_id]),
            obj.resource,
        )

    resource_link.short_description = _("members' resource")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("written_by", "resource")


class WorkspaceGroup(ModelAdminGroup):
    menu_label = _("Workspace")
    menu_icon = "user"
    menu_order = 240
    items = (InteractionAdmin, FollowUpAdmin, OutcomeAdmin, LearningAdmin)

    def get_submenu_items(self):
        pages = [
            PermissionMenuItem(
                label,
                reverse_lazy(name),
                icon_name=icon,
                order=order,
                test=access.is_workspace_staff,
            )
            for label, name, icon, order in (
                (_("Find a producer or organisation"), "community_workspace", "search", 1),
                (_("My follow-ups"), "community_my_follow_ups", "date", 2),
                (_("New needs to triage"), "community_triage", "list-ul", 3),
                (_("Directory freshness checks"), "community_freshness_campaign", "tick", 4),
            )
        ]
        return pages + super().get_submenu_items()


urls = [
    path("workspace/", workspace_views.home, name="community_workspace"),
    path(
        "workspace/producers/<int:pk>/",
        workspace_views.producer_timeline,
        name="community_producer_timeline",
    ),
    path(
        "workspace/organisations/<int:pk>/",
        workspace_views.organisation_timeline,
        name="community_organisation_timeline",
    ),
    path("workspace/follow-ups/", workspace_views.my_follow_ups, name="community_my_follow_ups"),
    path(
        "workspace/follow-ups/<int:pk>/done/",
        workspace_views.follow_up_done,
        name="community_follow_up_done",
    ),
    path("workspace/triage/", workspace_views.triage, name="community_triage"),
    path(
        "workspace/freshness/",
        workspace_views.freshness_campaign,
        name="community_freshness_campaign",
    ),
    path(
        "workspace/needs/<int:pk>/contact/",
        workspace_views.contact_candidates,
        name="community_contact_candidates",
    ),
]


def add_follow_ups_panel(request, panels):
    if access.is_workspace_staff(request.user):
        panels.append(workspace_views.FollowUpsPanel(request.user))
