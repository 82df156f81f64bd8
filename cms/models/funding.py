"""Funding guides: programmes that help organisations buy local, with their deadlines.
Open opportunities come first, those closing within 30 days are highlighted, and a guide
whose deadlines have all passed moves to the archive by itself."""

from datetime import timedelta

from django.db import models
from django.db.models import Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from directory.bounds import BoundedInlinePanel

from ..pagination import Paginator
from ..privacy import visible_to
from .routing import OneTypeChildrenMixin

CLOSING_SOON_DAYS = 30


class SupportKind(models.TextChoices):
    GRANT = "grant", _("grant")
    LOCAL_PURCHASING = "local_purchasing", _("support for buying local")
    EQUIPMENT = "equipment", _("equipment and storage")
    LOAN = "loan", _("loan")
    TRAINING = "training", _("training and support")


def with_deadlines(guides, today=None):
    """Annotate next_deadline (the first one not passed) and last_deadline."""
    today = today or timezone.localdate()
    return guides.annotate(
        next_deadline=Min("deadlines__date", filter=Q(deadlines__date__gte=today)),
        last_deadline=Max("deadlines__date"),
    )


class FundingIndexPage(OneTypeChildrenMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.FundingGuidePage"]

    class Meta:
        verbose_name = _("funding guides index")
        verbose_name_plural = _("funding guides indexes")

    def guides(self, request):
        return with_deadlines(visible_to(FundingGuidePage.objects.child_of(self).live(), request))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        guides = self.guides(request)
        kind = request.GET.get("kind")
        if kind in SupportKind.values:
            guides = guides.filter(support_kind=kind)
        archive = bool(request.GET.get("archive"))
        closed = Q(last_deadline__lt=today)
        if archive:
            guides = guides.filter(closed).order_by("-last_deadline")
        else:
            # Open with a deadline, soonest first; then open without one (rolling intake).
            still_open = Q(last_deadline__isnull=True) | Q(last_deadline__gte=today)
            guides = guides.filter(still_open).order_by(
                models.F("next_deadline").asc(nulls_last=True), "title"
            )
        page = Paginator(guides, 12).get_page(request.GET.get("page"))
        soon = today + timedelta(days=CLOSING_SOON_DAYS)
        for guide in page:
            guide.closing_soon = guide.next_deadline is not None and guide.next_deadline <= soon
        context.update(
            {
                "guides": page,
                "archive": archive,
                "kinds": SupportKind.choices,
                "chosen_kind": kind or "",
            }
        )
        return context


class FundingGuidePage(Page):
    funder = models.CharField(_("funder"), max_length=200)
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    support_kind = models.CharField(
        _("kind of support"), max_length=20, choices=SupportKind.choices, default=SupportKind.GRANT
    )
    amounts = models.CharField(
        _("amounts"), max_length=200, blank=True, help_text=_("E.g. up to 25,000 $")
    )
    summary = models.TextField(_("summary"), blank=True)
    eligibility = RichTextField(
        _("who is eligible"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    how_to_apply = RichTextField(
        _("how to apply"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    link = models.URLField(_("programme's page"), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("funder"),
        index.SearchField("programme"),
        index.SearchField("summary"),
        index.SearchField("eligibility"),
    ]
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("funder"), FieldPanel("programme")]),
                FieldRowPanel([FieldPanel("support_kind"), FieldPanel("amounts")]),
                FieldPanel("link"),
            ],
            heading=_("Programme"),
        ),
        FieldPanel("summary"),
        BoundedInlinePanel("deadlines", max_num=30, label=_("Deadlines")),
        FieldPanel("eligibility"),
        FieldPanel("how_to_apply"),
    ]
    parent_page_types = ["cms.FundingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("funding guide")
        verbose_name_plural = _("funding guides")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        context["upcoming_deadlines"] = [d for d in self.deadlines.all() if d.date >= today]
        context["passed_deadlines"] = [d for d in self.deadlines.all() if d.date < today]
        return context


class FundingDeadline(Orderable):
    page = ParentalKey(FundingGuidePage, on_delete=models.CASCADE, related_name="deadlines")
    date = models.DateField(_("date"))
    label = models.CharField(
        _("what is due"), max_length=200, blank=True, help_text=_("E.g. letter of intent")
    )

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("label")])]

    class Meta(Orderable.Meta):
        ordering = ["date"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
