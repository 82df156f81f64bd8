"""Every template's `date` filter (a built-in library, see TEMPLATES in site/settings/base.py):
Django's, with the first of a month as each language writes it, "1er décembre 2026"."""

from django import template

from directory import formatting

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    """{{ value|date }}, {{ value|date:"SHORT_DATE_FORMAT" }}, {{ value|date:"j F" }}."""
    try:
        return formatting.date(value, arg)
    except AttributeError:
        return ""
