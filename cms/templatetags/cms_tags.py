from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy

from wagtail.models import Locale, Page, Site

from cms import descriptions
from cms.models import FooterText, NavigationLink, StandardPage
from directory.kept import kept_for_the_site
from directory.links import page_url

register = template.Library()


def navigation_links(request):
    """The menu's pages, each resolved to its translation in the active language (two
    queries whatever the number of links). The links are read without
    NavigationSettings.for_request, which would make the site's settings on a first read
    and so move the version they are kept under."""
    chosen = (
        NavigationLink.objects.filter(settings__site=Site.find_for_request(request))
        .select_related("page")
        .order_by("sort_order")
    )
    keys = [link.page.translation_key for link in chosen]
    translated = {
        page.translation_key: page
        for page in Page.objects.live().filter(translation_key__in=keys, locale=Locale.get_active())
    }
    return [
        {
            "title": page.title,
            "url": page.get_url(request),
            "path": page.path,
            "plain": issubclass(page.specific_class, StandardPage),
        }
        for page in (translated[key] for key in keys if key in translated)
    ]


@register.inclusion_tag("_navigation.html", takes_context=True)
def main_navigation(context):
    """The menu links. The sections (events, resources, funding, the Carte proximité
    guide...) stand in the row; plain pages (about the network, membership, contact) are
    grouped under one "The network" disclosure when there are two or more, so that the
    header keeps to one row on a laptop."""
    request = context["request"]
    current = context.get("page")
    links = [
        {**link, "current": current is not None and current.path.startswith(link["path"])}
        for link in kept_for_the_site(request, "navigation", lambda: navigation_links(request))
    ]
    directory_url = reverse("directory:producer_list")
    grouped = sum(link["plain"] for link in links) >= 2
    network = [link for link in links if grouped and link["plain"]]
    return {
        "directory_url": directory_url,
        "directory_current": request.path.startswith(directory_url),
        "links": [link for link in links if not (grouped and link["plain"])],
        "network": network,
        "network_current": any(link["current"] for link in network),
    }


@register.simple_tag(takes_context=True)
def footer_text(context):
    def build():
        footer = FooterText.objects.filter(locale=Locale.get_active()).first()
        return render_to_string("_footer_text.html", {"footer": footer})

    return kept_for_the_site(context["request"], "footer", build)  # a SafeString


# The switcher's link to a page that has no translation yet: the same page, asking it
# to say so in the language the visitor chose.
UNTRANSLATED_PARAMETER = "untranslated"
UNTRANSLATED_NOTICES = {
    "en": gettext_lazy("This page is not available in English yet."),
    "fr": gettext_lazy("This page is not available in French yet."),
}


@register.inclusion_tag("_language_switcher.html", takes_context=True)
def language_switcher(context):
    """A link per other language to this same page in that language: the page's
    translation for CMS pages (or, when there is none yet, the page itself with a notice
    in that language), the same view's translated URL elsewhere."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    translations = {}
    if isinstance(page, Page):
        translations = kept_for_the_site(
            request, f"translations:{page.translation_key}", lambda: translation_urls(request, page)
        )
    languages = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        if isinstance(page, Page):
            url = translations.get(code)
            if url is None:
                url = f"{page.get_url(request)}?{urlencode({UNTRANSLATED_PARAMETER: code})}"
        else:
            url = same_view_in(request, code)
        with translation.override(code):
            label = translation.gettext(name)
        languages.append({"code": code, "name": label, "url": url})
    return {"languages": languages}


def translation_urls(request, page):
    """The addresses of the page's live translations, by language code."""
    return {
        other.locale.language_code: other.get_url(request)
        for other in page.get_translations(inclusive=True).live().select_related("locale")
    }


def same_view_in(request, language_code):
    """This address in another language: Django's translate_url, from the view the
    request already resolved to (translate_url resolves the address again, through
    every pattern of the site, on every page)."""
    match = request.resolver_match
    if match is None:
        return translate_url(request.get_full_path(), language_code)
    with translation.override(language_code):
        try:
            url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return request.get_full_path()
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


@register.inclusion_tag("_untranslated_notice.html", takes_context=True)
def untranslated_notice(context):
    """On a page reached from the language switcher that has no translation in the
    visitor's chosen language: a notice in that language, with a way to its home page."""
    request = context.get("request")
    code = request.GET.get(UNTRANSLATED_PARAMETER) if request else None
    if code not in UNTRANSLATED_NOTICES or code == translation.get_language():
        return {}
    with translation.override(code):
        home = _home_page_in(request, code)
        return {
            "code": code,
            "notice": str(UNTRANSLATED_NOTICES[code]),
            "home_url": home.get_url(request) if home else f"/{code}/",
            "home_label": translation.gettext("Go to the home page"),
        }


def _home_page_in(request, language_code):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return (
        site.root_page.get_translations(inclusive=True)
        .live()
        .filter(locale__language_code=language_code)
        .first()
    )


@register.simple_tag(takes_context=True)
def meta_description(context):
    """The page's description for search engines (cms/descriptions.py)."""
    return descriptions.description(context)


@register.simple_tag
def page_address(page):
    """The page's address as printed or sent away from the site: the configured one."""
    return page_url(page)


@register.simple_tag
def page_ancestors(page):
    """The page's ancestors from its home page down, the tree's root left out. A page
    reached by its address knows its parents already (Wagtail's routing keeps each one on
    its child): they are walked up instead of read again; from one that does not (a
    preview, say), the rest are read in one query."""
    above = []  # the nearest first
    while page.depth > 2:
        if not hasattr(page, "_cached_parent_obj"):
            return [*page.get_ancestors()[1:], *reversed(above)]
        page = page.get_parent()
        above.append(page)
    return above[::-1]
