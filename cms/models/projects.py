"""A project's public summary: a page an editor creates and links to a multi-partner
project (community.Project, named by its string: cms does not import community). It
shows what the project says of itself, read from the project each time (never typed
twice): objectives, partners, funders and progress. It names no person, and lists what is
late only when the editor decides so."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class ProjectSummaryPage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    project = models.ForeignKey(
        "community.Project",
        on_delete=models.PROTECT,
        related_name="summary_pages",
        verbose_name=_("project"),
        help_text=_("Its objectives, partners, funders and progress are read from the project."),
    )
    shows_late_items = models.BooleanField(
        _("show what is late"),
        default=False,
        help_text=_(
            "The titles of late actions and deliverables, with their owners' organisations "
            "(never a person's name). Leave unticked unless the partners agreed to it."
        ),
    )

    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("project"),
        FieldPanel("shows_late_items"),
    ]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("project summary")
        verbose_name_plural = _("project summaries")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        context["summary"] = self.project.public_summary(today, with_late=self.shows_late_items)
        context["today"] = today
        return context
