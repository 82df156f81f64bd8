"""A member's own page, in the community: namespace (see community.urls)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [path(_("my-space/"), views.my_space, name="my_space")]
