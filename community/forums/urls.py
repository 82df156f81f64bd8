"""The member-only forums' pages, in the community: namespace (see community.urls)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(_("forums/"), views.forum_index, name="forum_index"),
    path(_("forums/search/"), views.forum_search, name="forum_search"),
    path(_("forums/moderation/"), views.moderation_queue, name="forum_moderation"),
    path(_("forums/<int:pk>/"), views.forum_category, name="forum_category"),
    path(_("forums/<int:pk>/new-topic/"), views.topic_create, name="forum_topic_create"),
    path(_("forums/<int:pk>/follow/"), views.category_follow, name="forum_category_follow"),
    path(_("forums/topics/<int:pk>/"), views.topic_detail, name="forum_topic"),
    path(_("forums/topics/<int:pk>/follow/"), views.topic_follow, name="forum_topic_follow"),
    path(
        _("forums/topics/<int:pk>/moderate/"),
        views.topic_moderate,
        name="forum_topic_moderate",
    ),
    path(_("forums/posts/<int:pk>/"), views.post_link, name="forum_post"),
    path(_("forums/posts/<int:pk>/edit/"), views.post_edit, name="forum_post_edit"),
    path(_("forums/posts/<int:pk>/history/"), views.post_history, name="forum_post_history"),
    path(_("forums/posts/<int:pk>/report/"), views.post_report, name="forum_post_report"),
    path(_("forums/posts/<int:pk>/moderate/"), views.post_moderate, name="forum_post_moderate"),
]
