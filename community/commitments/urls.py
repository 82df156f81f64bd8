"""Seasonal commitments' pages, in the community: namespace (see community.urls)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(_("commitments/"), views.commitment_list, name="commitment_list"),
    path(_("commitments/new/"), views.commitment_create, name="commitment_create"),
    path(_("commitments/<int:pk>/"), views.commitment_detail, name="commitment_detail"),
    path(
        _("commitments/<int:pk>/deliveries/<int:delivery_pk>/photo/"),
        views.delivery_photo,
        name="delivery_photo",
    ),
]
