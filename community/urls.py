from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import (
    need_views,
)

app_name = "community"

urlpatterns = [
    path("", include("community.commitments.urls")),
    path("", include("community.surplus.urls")),
    path("", include("community.figures.urls")),
    path("", include("community.events.urls")),
    path("", include("community.organisations.urls")),
    path("", include("community.accounts.urls")),
    path("", include("community.forums.urls")),
]

# The needs board (community.need_views).
urlpatterns += [
    path(_("needs/"), need_views.need_list, name="need_list"),
    path(_("needs/new/"), need_views.need_create, name="need_create"),
    path(_("needs/for-me/"), need_views.needs_for_me, name="needs_for_me"),
    path(_("needs/<int:pk>/"), need_views.need_detail, name="need_detail"),
    path(_("needs/<int:pk>/edit/"), need_views.need_edit, name="need_edit"),
    path(_("needs/<int:pk>/status/"), need_views.need_status, name="need_status"),
    path(_("needs/answers/<int:pk>/withdraw/"), need_views.answer_withdraw, name="answer_withdraw"),
    path(_("needs/answers/<int:pk>/accept/"), need_views.answer_accept, name="answer_accept"),
]
urlpatterns += [path(_("needs/together/"), need_views.buying_together, name="buying_together")]
urlpatterns += [
    path(
        _("needs/together/<int:product_id>/"),
        need_views.pool_conversation,
        name="pool_conversation",
    )
]
