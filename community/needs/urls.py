"""The needs board's pages, in the community: namespace (see community.urls)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(_("needs/"), views.need_list, name="need_list"),
    path(_("needs/new/"), views.need_create, name="need_create"),
    path(_("needs/for-me/"), views.needs_for_me, name="needs_for_me"),
    path(_("needs/<int:pk>/"), views.need_detail, name="need_detail"),
    path(_("needs/<int:pk>/edit/"), views.need_edit, name="need_edit"),
    path(_("needs/<int:pk>/status/"), views.need_status, name="need_status"),
    path(_("needs/answers/<int:pk>/withdraw/"), views.answer_withdraw, name="answer_withdraw"),
    path(_("needs/answers/<int:pk>/accept/"), views.answer_accept, name="answer_accept"),
]
urlpatterns += [path(_("needs/together/"), views.buying_together, name="buying_together")]
urlpatterns += [
    path(
        _("needs/together/<int:product_id>/"),
        views.pool_conversation,
        name="pool_conversation",
    )
]
