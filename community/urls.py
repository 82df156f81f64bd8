from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import (
    forum_views,
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
]

# The member-only forums (community.forum_views).
urlpatterns += [
    path(_("forums/"), forum_views.forum_index, name="forum_index"),
    path(_("forums/search/"), forum_views.forum_search, name="forum_search"),
    path(_("forums/moderation/"), forum_views.moderation_queue, name="forum_moderation"),
    path(_("forums/<int:pk>/"), forum_views.forum_category, name="forum_category"),
    path(_("forums/<int:pk>/new-topic/"), forum_views.topic_create, name="forum_topic_create"),
    path(_("forums/<int:pk>/follow/"), forum_views.category_follow, name="forum_category_follow"),
    path(_("forums/topics/<int:pk>/"), forum_views.topic_detail, name="forum_topic"),
    path(_("forums/topics/<int:pk>/follow/"), forum_views.topic_follow, name="forum_topic_follow"),
    path(
        _("forums/topics/<int:pk>/moderate/"),
        forum_views.topic_moderate,
        name="forum_topic_moderate",
    ),
    path(_("forums/posts/<int:pk>/"), forum_views.post_link, name="forum_post"),
    path(_("forums/posts/<int:pk>/edit/"), forum_views.post_edit, name="forum_post_edit"),
    path(_("forums/posts/<int:pk>/history/"), forum_views.post_history, name="forum_post_history"),
    path(_("forums/posts/<int:pk>/report/"), forum_views.post_report, name="forum_post_report"),
    path(
        _("forums/posts/<int:pk>/moderate/"), forum_views.post_moderate, name="forum_post_moderate"
    ),
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
