"""Price requests' pages, in the community: namespace (see community.urls)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(_("needs/<int:pk>/prices/ask/"), views.send, name="price_request_send"),
    path(_("needs/<int:pk>/prices/"), views.compare, name="price_request_compare"),
    path(_("needs/prices/<int:pk>/phone/"), views.log_phone_answer, name="price_request_phone"),
    path(_("needs/<int:pk>/prices/answer/<str:token>/"), views.answer, name="price_answer"),
]
