from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "directory"

urlpatterns = [
    path(_("producers/"), views.producer_list, name="producer_list"),
    path(_("producers/map.geojson"), views.producer_geojson, name="producer_geojson"),
    path(_("producers/<slug:slug>/"), views.producer_detail, name="producer_detail"),
    path(_("products/<slug:slug>/"), views.product_detail, name="product_detail"),
    path(_("in-season/"), views.products_in_season, name="in_season"),
]
