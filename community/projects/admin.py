"""Projects in the Wagtail admin: the network's staff create a project with its partners
(one of them the lead), funders, period and objectives (registered in
community.wagtail_hooks). The action plan is kept on the site, by the lead
organisation's coordinators and the staff."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList

from directory.bounds import BoundedInlinePanel, TypedDatesMixin
from directory.modeladmin import ModelAdmin

from .models import Partner, Project


class ProjectAdminForm(TypedDatesMixin, WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end comes before the start."))
        partners = self.formsets.get("partners")
        if partners is not None and all(form.is_valid() for form in partners.forms):
            kept = [
                (
                    form.cleaned_data.get("role"),
                    getattr(form.cleaned_data.get("organisation"), "pk", None),
                )
                for form in partners.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            # Partners the form does not show (a tampered or outdated form count) stay:
            # they count too, or saving would break the one-lead rule in the database.
            if self.instance.pk:
                shown = [form.instance.pk for form in partners.forms if form.instance.pk]
                kept += (
                    Partner.objects.filter(project=self.instance)
                    .exclude(pk__in=shown)
                    .values_list("role", "organisation")
                )
            if [role for role, _organisation in kept].count(Partner.Role.LEAD) != 1:
                self.add_error(
                    None, _("Name one lead organisation among the partners, and only one.")
                )
            organisations = [organisation for _role, organisation in kept]
            if len(organisations) != len(set(organisations)):
                self.add_error(None, _("An organisation is listed twice among the partners."))
        return cleaned


class ProjectAdmin(ModelAdmin):
    model = Project
    menu_label = _("Projects")
    menu_icon = "clipboard-list"
    list_display = ("name", "starts_on", "ends_on")
    search_fields = ("name",)
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            FieldPanel("objectives"),
            BoundedInlinePanel("partners", max_num=60, label=_("Partners")),
            BoundedInlinePanel("funders", max_num=20, label=_("Funders")),
        ],
        base_form_class=ProjectAdminForm,
    )
