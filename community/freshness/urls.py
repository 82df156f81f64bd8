"""The freshness check's pages, in the community: namespace (see community.urls)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(_("entry-check/<int:pk>/<str:token>/"), views.check, name="freshness_check"),
    path(
        _("entry-check/<int:pk>/<str:token>/changes/"),
        views.change,
        name="freshness_change",
    ),
]
