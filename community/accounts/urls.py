"""A person's own account, in the community: namespace (see community.urls)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(_("my-account/"), views.account, name="account"),
    path(_("my-account/my-data.json"), views.account_data, name="account_data"),
]
