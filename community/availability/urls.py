"""Weekly availability's pages, in the community: namespace (see community.urls)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(_("my-organisation/this-week/"), views.edit, name="availability"),
    path(_("this-week/<int:pk>/<str:token>/"), views.link, name="availability_link"),
]
