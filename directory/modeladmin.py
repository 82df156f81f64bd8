"""The base of every wagtail-modeladmin list of the site (directory, community), and the
pieces their admin screens share."""

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.shortcuts import redirect
from django.utils.translation import gettext

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail_modeladmin import options, views

from .bounds import TypedDatesMixin


class IndexView(views.IndexView):
    """A filter tampered with in the address (?event__id__exact=abc, an unknown field, a
    date that is none) makes wagtail-modeladmin raise IncorrectLookupParameters, a
    server error; Django's admin answers it, and so does this list, with the whole list."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            messages.error(request, gettext("This filter is not valid: here is the whole list."))
            return redirect(request.path)


class ModelAdmin(options.ModelAdmin):
    index_view_class = IndexView


class PermissionMenuItem(MenuItem):
    """A menu item shown to those who pass test(user), for instance one of community.access's."""

    def __init__(self, *args, test, **kwargs):
        super().__init__(*args, **kwargs)
        self.test = test

    def is_shown(self, request):
        return self.test(request.user)


def row_button(url, label, title=None, primary=False):
    """An action on a row of an admin list, beside Edit and Delete."""
    return {
        "url": url,
        "label": label,
        "classname": "button button-small" if primary else "button button-small button-secondary",
        "title": title or label,
    }


class TypedDatesAdminForm(TypedDatesMixin, WagtailAdminModelForm):
    """The admin's form for needs and surplus lots."""


class TypedDatesAdmin(ModelAdmin):
    """Dates typed in the admin lie in the same window as on the site."""

    def get_edit_handler(self):
        return ObjectList(super().get_edit_handler().children, base_form_class=TypedDatesAdminForm)
