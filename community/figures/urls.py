"""The network's figures, public aggregates, in the community: namespace (see community.urls)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [path(_("our-network-in-figures/"), views.public_figures, name="network_figures")]
