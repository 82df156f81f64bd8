"""The <meta name="description"> of a page that does not write its own: what a search
engine shows under the page's title. A Wagtail page's own search description first, else
its summary or introduction, else a sentence about what it lists; other pages the site's.
The directory's pages write theirs in their templates' `meta_description` block, from
their records (directory.descriptions)."""

from django.utils.translation import gettext as _

from wagtail.models import Page

from directory.descriptions import LENGTH, shorten

__all__ = ["LENGTH", "description", "page_description", "shorten", "site_description"]


def description(context):
    page = context.get("page")
    if isinstance(page, Page):
        return shorten(page_description(page))
    return site_description()


def site_description():
    return _(
        "The local-food network of Montréal's Grand Sud-Ouest: a directory of local "
        "producers, workshops and farm visits, resources and funding guides."
    )


def page_description(page):
    for field in ("search_description", "summary", "intro"):
        text = getattr(page, field, "")
        if text:
            return text
    lists = {
        "eventindexpage": _(
            "The network's workshops, farm visits and meetings: dates, places and registration."
        ),
        "resourceindexpage": _(
            "Guides, templates, studies and price comparisons for buying local food together."
        ),
        "fundingindexpage": _(
            "Programmes that help community organisations buy local food, with their deadlines."
        ),
    }
    return lists.get(page._meta.model_name, site_description())
