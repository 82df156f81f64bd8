"""The forums' rules: the posting limits, editing with its history, reports and hiding,
and the emails to the people who follow a topic or a category (who reads and who
moderates is in community.access). Views call these; nothing here knows about requests."""

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F, Min, Prefetch, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from directory.links import absolute_url

from .. import access
from ..emails import compose, queue, send_after_commit
from ..models import Membership
from . import markdown
from .models import Post, PostReport, PostRevision, Subscription, Topic, TopicVisit


class PostingRefused(Exception):
    """Why a post or a report cannot be taken, in words for the person."""


def with_authors(posts):
    """Posts with their authors and the organisations they belong to, in two queries."""
    return posts.select_related("author").prefetch_related(
        Prefetch(
            "author__memberships",
            queryset=Membership.objects.filter(status=Membership.Status.APPROVED).select_related(
                "organisation"
            ),
            to_attr="approved_memberships",
        )
    )


def can_edit(user, post):
    if access.can_moderate(user):
        return True
    return post.author_id == user.pk and not post.is_hidden and not post.topic.locked


def is_new_member(user, now):
    limits = settings.FORUM_LIMITS
    since = user.memberships.filter(status=Membership.Status.APPROVED).aggregate(
        since=Min("decided_at")
    )["since"]
    return since is None or since > now - timedelta(days=limits["new_member_days"])


def check_links(body):
    """A new member's post (or edit) holds at most FORUM_LIMITS["new_member_links"] links."""
    most = settings.FORUM_LIMITS["new_member_links"]
    if markdown.count_links(body) > most:
        raise PostingRefused(
            ngettext(
                "During their first days, members may put at most %(count)d link in a post.",
                "During their first days, members may put at most %(count)d links in a post.",
                most,
            )
            % {"count": most}
        )


def check_limits(user, body, *, new_topic):
    """Refuse a post that comes too soon, goes over a daily cap, holds too many links
    for a new member, or repeats one just posted."""
    if access.can_moderate(user):
        return
    # Two identical requests at once must not both pass: take the author's row first.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    limits = settings.FORUM_LIMITS
    now = timezone.now()
    new = is_new_member(user, now)
    mine = Post.objects.filter(author=user)
    last = mine.order_by("-created_at").values_list("created_at", flat=True).first()
    cooldown = limits["new_member_seconds_between_posts" if new else "seconds_between_posts"]
    if last and (now - last).total_seconds() < cooldown:
        wait = math.ceil(cooldown - (now - last).total_seconds())
        raise PostingRefused(
            ngettext(
                "Please wait %(seconds)d second before posting again.",
                "Please wait %(seconds)d seconds before posting again.",
                wait,
            )
            % {"seconds": wait}
        )
    a_day_ago = now - timedelta(days=1)
    if new_topic:
        cap = limits["new_member_topics_per_day" if new else "topics_per_day"]
        if Topic.objects.filter(author=user, created_at__gte=a_day_ago).count() >= cap:
            raise PostingRefused(
                ngettext(
                    "You have started %(count)d topic in the last 24 hours, the most allowed. Please come back tomorrow.",
                    "You have started %(count)d topics in the last 24 hours, the most allowed. Please come back tomorrow.",
                    cap,
                )
                % {"count": cap}
            )
    cap = limits["new_member_posts_per_day" if new else "posts_per_day"]
    if mine.filter(created_at__gte=a_day_ago).count() >= cap:
        raise PostingRefused(
            ngettext(
                "You have posted %(count)d message in the last 24 hours, the most allowed. Please come back tomorrow.",
                "You have posted %(count)d messages in the last 24 hours, the most allowed. Please come back tomorrow.",
                cap,
            )
            % {"count": cap}
        )
    if new:
        check_links(body)
    recently = now - timedelta(minutes=limits["duplicate_minutes"])
    if mine.filter(created_at__gte=recently, body=body).exists():
        raise PostingRefused(
            _("You have just posted this same message. Write something new, or edit your post.")
        )


def _add_post(topic, author, body):
    now = timezone.now()
    post = Post(topic=topic, author=author, created_at=now)
    post.set_body(body)
    post.save()
    Topic.objects.filter(pk=topic.pk).update(last_post_at=now, post_count=F("post_count") + 1)
    follow(author, topic=topic)
    TopicVisit.objects.update_or_create(user=author, topic=topic, defaults={"seen_at": now})
    send_after_commit(f"post {post.pk} to its followers", notify_followers, post.pk)
    return post


@transaction.atomic
def start_topic(author, category, title, body):
    check_limits(author, body, new_topic=True)
    topic = Topic.objects.create(category=category, title=title, author=author)
    _add_post(topic, author, body)
    return topic


@transaction.atomic
def reply(author, topic, body):
    if topic.locked and not access.can_moderate(author):
        raise PostingRefused(_("This topic is locked: it takes no new replies."))
    check_limits(author, body, new_topic=False)
    return _add_post(topic, author, body)


@transaction.atomic
def edit(post, editor, body):
    """Change a post's text; the text it replaces is kept in its history."""
    if body == post.body:
        return post
    if not access.can_moderate(editor) and is_new_member(editor, timezone.now()):
        check_links(body)
    PostRevision.objects.create(
        post=post,
        body=post.body,
        html=post.html,
        written_at=post.edited_at or post.created_at,
        replaced_by=editor,
    )
    post.set_body(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "html", "search_text", "edited_at"])
    return post


def is_opening_post(post):
    return not Post.objects.filter(topic_id=post.topic_id, pk__lt=post.pk).exists()


@transaction.atomic
def hide(post, moderator, reason):
    """Hide a post with a reason (a moderator), or pending review (moderator None: after
    members' reports). A hidden opening post hides its topic from lists."""
    post.hidden_at = timezone.now()
    post.hidden_by = moderator
    post.hidden_reason = reason
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    if moderator is not None:
        post.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    if is_opening_post(post):
        Topic.objects.filter(pk=post.topic_id).update(hidden=True)


@transaction.atomic
def restore(post):
    """Show a post again; its reports are reviewed."""
    post.hidden_at = None
    post.hidden_by = None
    post.hidden_reason = ""
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    post.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    if is_opening_post(post):
        Topic.objects.filter(pk=post.topic_id).update(hidden=False)


@transaction.atomic
def report(post, reporter, reason):
    """Record a member's report; enough distinct open reports hide the post until a
    moderator reviews it, and moderators are told."""
    if post.author_id == reporter.pk:
        raise PostingRefused(_("You cannot report your own post."))
    try:
        with transaction.atomic():
            PostReport.objects.create(post=post, reporter=reporter, reason=reason)
    except IntegrityError:  # an open report of theirs is there already
        raise PostingRefused(_("You have already reported this post.")) from None
    open_reports = post.reports.filter(resolved_at__isnull=True).count()
    if not post.is_hidden and open_reports >= settings.FORUM_LIMITS["reports_to_hide"]:
        hide(post, None, "")
        send_after_commit(f"hidden post {post.pk} to the moderators", tell_moderators, post.pk)


def follow(user, *, topic=None, category=None):
    Subscription.objects.get_or_create(user=user, topic=topic, category=category)


def unfollow(user, *, topic=None, category=None):
    Subscription.objects.filter(user=user, topic=topic, category=category).delete()


def followers(post):
    topic = post.topic
    return (
        access.members_and_staff()
        .filter(
            Q(forum_subscriptions__topic=topic) | Q(forum_subscriptions__category=topic.category_id)
        )
        .exclude(pk=post.author_id)
        .distinct()
    )


def notify_followers(post_id):
    """The email to each follower who asked for one per post, once the post is saved."""
    post = Post.objects.select_related("topic__category", "author").get(pk=post_id)
    if post.is_hidden or post.topic.hidden or post.topic.category_id is None:
        return []  # the needs' conversations email their own way (community.needs)
    User = get_user_model()
    link = ("community:forum_post", [post.pk])
    group = post.topic.category.project_group if post.topic.category.project_group_id else None
    return [
        compose(
            user, "community/forums/email/forum_post", {"post": post, "topic": post.topic}, link
        )
        for user in followers(post).filter(forum_emails=User.ForumEmails.EACH)
        if group is None or access.may_see_project_group(user, group)
    ]


def tell_moderators(post_id):
    post = Post.objects.select_related("topic").get(pk=post_id)
    link = ("community:forum_post", [post.pk])
    context = {"post": post, "topic": post.topic}
    return [
        compose(user, "community/forums/email/forum_post_hidden", context, link)
        for user in access.moderators()
    ]


def send_digests(now=None):
    """One email per person who chose the daily digest, listing the posts in what they
    follow since their last digest (or the last day), handed to the outbox. Returns how
    many were queued."""
    now = now or timezone.now()
    User = get_user_model()
    queued = 0
    for user in access.members_and_staff().filter(forum_emails=User.ForumEmails.DAILY):
        since = user.forum_digest_sent_at or now - timedelta(days=1)
        if _digest_posts(user, since, now).exists():
            queue(
                f"forum digest to user {user.pk}",
                _digest,
                user.pk,
                since.isoformat(),
                now.isoformat(),
            )
            queued += 1
        User.objects.filter(pk=user.pk).update(forum_digest_sent_at=now)
    return queued


def _digest_posts(user, since, now):
    followed = user.forum_subscriptions.values_list("topic_id", "category_id")
    topic_ids = {topic for topic, _category in followed if topic}
    category_ids = {category for _topic, category in followed if category}
    return (
        Post.objects.filter(
            created_at__gt=since,
            created_at__lte=now,
            hidden_at__isnull=True,
            topic__hidden=False,
            topic__category__in=access.readable_forum_categories(user),
        )
        .filter(Q(topic__in=topic_ids) | Q(topic__category__in=category_ids))
        .exclude(author=user)
        .select_related("topic", "author")
        .order_by("topic__title", "topic_id", "created_at")
    )


def _digest(user_id, since, now):
    user = get_user_model().objects.get(pk=user_id)
    posts = list(_digest_posts(user, datetime.fromisoformat(since), datetime.fromisoformat(now)))
    if not posts:
        return []  # hidden meanwhile
    with translation.override(user.language):
        for post in posts:
            post.url = absolute_url(reverse("community:forum_post", args=[post.pk]))
    return [compose(user, "community/forums/email/forum_digest", {"posts": posts})]
