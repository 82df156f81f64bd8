"""What editors change in Settings and Snippets: the main menu and the footer."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.snippets.models import register_snippet

from directory.bounds import BoundedInlinePanel


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseSiteSetting):
    """The main menu. Editors pick pages in Settings → Navigation; each link shows the
    page in the visitor's language, titled as that translation is. Plain pages (about,
    membership, contact) are grouped under one "The network" drop-down (cms_tags), so
    that the sections keep to one row."""

    panels = [
        BoundedInlinePanel(
            "links",
            max_num=30,
            label=_("Menu links"),
            help_text=_(
                "Sections (events, resources, funding, the Carte proximité) show in the "
                "header's row; two or more plain pages are grouped under “The network”."
            ),
        )
    ]

    class Meta:
        verbose_name = _("navigation")


class NavigationLink(Orderable):
    settings = ParentalKey(NavigationSettings, on_delete=models.CASCADE, related_name="links")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("menu link")
        verbose_name_plural = _("menu links")


@register_snippet
class FooterText(TranslatableMixin, models.Model):
    """The footer's contact block, one per language (Snippets → Footer text)."""

    body = RichTextField(_("text"), features=["bold", "italic", "link"])

    panels = [FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")

    def __str__(self):
        return str(_("Footer text (%(language)s)") % {"language": self.locale.get_display_name()})
