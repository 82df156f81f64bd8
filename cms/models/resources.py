"""Shared resources: guides, templates, studies, training material, price comparisons.
Members-only resources are ordinary pages behind Wagtail's privacy (a "Members" group
restriction); their files belong in the members' collection, which is restricted too."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from directory.bounds import BoundedInlinePanel

from ..blocks import BaseStreamBlock
from ..pagination import Paginator
from ..privacy import is_restricted, restricted_paths, visible_to
from .routing import OneTypeChildrenMixin


class Topic(models.TextChoices):
    PROCUREMENT = "procurement", _("buying local")
    PRICES = "prices", _("prices")
    LOGISTICS = "logistics", _("logistics and storage")
    FUNDING = "funding", _("funding")
    QUALITY = "quality", _("food quality and safety")
    COMMUNITY = "community", _("community of practice")


class ResourceKind(models.TextChoices):
    GUIDE = "guide", _("guide")
    TEMPLATE = "template", _("template")
    STUDY = "study", _("study")
    TRAINING = "training", _("training material")
    PRICE_COMPARISON = "price_comparison", _("price comparison")


MATERIAL_LANGUAGES = [("fr", _("French")), ("en", _("English")), ("both", _("French and English"))]


class ResourceIndexPage(OneTypeChildrenMixin, Page):
    """The resource library: filters, search, and only what the visitor may open."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ResourcePage"]

    class Meta:
        verbose_name = _("resource library")
        verbose_name_plural = _("resource libraries")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resources = visible_to(ResourcePage.objects.child_of(self).live(), request).order_by(
            "-first_published_at"
        )
        chosen = {}
        for name, values in (
            ("topic", Topic.values),
            ("kind", ResourceKind.values),
            ("language", [code for code, _label in MATERIAL_LANGUAGES]),
        ):
            value = request.GET.get(name)
            if value in values:
                chosen[name] = value
        if "topic" in chosen:
            resources = resources.filter(topic=chosen["topic"])
        if "kind" in chosen:
            resources = resources.filter(kind=chosen["kind"])
        if "language" in chosen:
            resources = resources.filter(material_language__in=[chosen["language"], "both"])
        paths = restricted_paths()
        audience = request.GET.get("audience")
        if audience in ("public", "members"):
            keep = [
                page.pk
                for page in resources.only("pk", "path")
                if is_restricted(page, paths) == (audience == "members")
            ]
            resources = resources.filter(pk__in=keep)
        query = request.GET.get("q", "").strip()[:200]
        if query:
            resources = resources.search(query)
        page = Paginator(resources, 12).get_page(request.GET.get("page"))
        for resource in page:
            resource.members_only = is_restricted(resource, paths)
        context.update(
            {
                "resources": page,
                "topics": Topic.choices,
                "kinds": ResourceKind.choices,
                "languages": MATERIAL_LANGUAGES,
                "chosen": {
                    **chosen,
                    "audience": audience if audience in ("public", "members") else "",
                    "q": query,
                },
            }
        )
        return context


class ResourcePage(Page):
    """A shared document or guide, with its files and related resources."""

    summary = models.TextField(_("summary"))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    topic = models.CharField(
        _("topic"), max_length=20, choices=Topic.choices, default=Topic.PROCUREMENT
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ResourceKind.choices, default=ResourceKind.GUIDE
    )
    material_language = models.CharField(
        _("language of the material"), max_length=4, choices=MATERIAL_LANGUAGES, default="fr"
    )
    link = models.URLField(
        _("link"), blank=True, help_text=_("Where the resource lives, if it is online.")
    )

    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("topic"), FieldPanel("kind"), FieldPanel("material_language")]),
        FieldPanel("link"),
        BoundedInlinePanel("documents", max_num=30, label=_("Documents")),
        FieldPanel("body"),
        BoundedInlinePanel("related", max_num=20, label=_("Related resources")),
    ]
    parent_page_types = ["cms.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        permissions = [("share_resource", _("Can share a resource from the site"))]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["documents"] = self.documents.select_related("document")
        related_ids = [item.resource_id for item in self.related.all()]
        shown = visible_to(ResourcePage.objects.live().filter(pk__in=related_ids), request)
        context["related_resources"] = sorted(shown, key=lambda page: related_ids.index(page.pk))
        return context


class ResourceDocument(Orderable):
    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("document")]


class RelatedResource(Orderable):
    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="related")
    resource = models.ForeignKey(ResourcePage, on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("resource")]
