"""The base of every wagtail-modeladmin list of the site (directory, community)."""

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.shortcuts import redirect
from django.utils.translation import gettext

from wagtail_modeladmin import options, views


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
