"""The member-only forums: categories, topics and their posts, search, following,
reporting and moderating. Every view needs a member (or a moderator); the rules are in
community.forums.rules."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from directory.search import matching

from .. import access
from . import markdown
from . import rules as forums
from .forms import HideForm, PostForm, ReportForm, TopicForm
from .models import ForumCategory, Post, PostReport, Subscription, Topic, TopicVisit


def visible_topics(user):
    # Not the needs' conversations, nor the categories of project groups one is not in.
    topics = Topic.objects.filter(category__in=access.readable_forum_categories(user))
    return topics if access.can_moderate(user) else topics.filter(hidden=False)


def visible_posts(user):
    posts = Post.objects.filter(topic__category__in=access.readable_forum_categories(user))
    if access.can_moderate(user):
        return posts
    return posts.filter(hidden_at__isnull=True, topic__hidden=False)


def readable_category(user, pk):
    """The category, if the person reads it: a project group's is refused to others."""
    category = get_object_or_404(ForumCategory, pk=pk)
    if not access.readable_forum_categories(user).filter(pk=category.pk).exists():
        raise PermissionDenied
    return category


def with_unread(topics, user):
    """Each topic with when the person last read it (None: never)."""
    seen = TopicVisit.objects.filter(user=user, topic=OuterRef("pk")).values("seen_at")[:1]
    return topics.annotate(seen_at=Subquery(seen)).select_related("author", "category")


@require_GET
@access.member_or_staff_required
def forum_index(request):
    categories = access.readable_forum_categories(request.user).annotate(
        topic_count=Count("topics", filter=Q(topics__hidden=False)),
        last_post_at=Max("topics__last_post_at", filter=Q(topics__hidden=False)),
        followed=Exists(Subscription.objects.filter(user=request.user, category=OuterRef("pk"))),
    )
    recent = with_unread(visible_topics(request.user), request.user).order_by("-last_post_at")[:10]
    return render(
        request,
        "community/forums/forum_index.html",
        {
            "categories": categories,
            "recent": recent,
            "can_moderate": access.can_moderate(request.user),
        },
    )


@require_GET
@access.member_or_staff_required
def forum_category(request, pk):
    category = readable_category(request.user, pk)
    topics = with_unread(visible_topics(request.user).filter(category=category), request.user)
    page = Paginator(topics, settings.FORUM_TOPICS_PER_PAGE).get_page(request.GET.get("page"))
    following = Subscription.objects.filter(user=request.user, category=category).exists()
    return render(
        request,
        "community/forums/forum_category.html",
        {"category": category, "topics": page, "page_obj": page, "following": following},
    )


@access.member_or_staff_required
def topic_create(request, pk):
    category = readable_category(request.user, pk)
    form = TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            topic = forums.start_topic(
                request.user, category, form.cleaned_data["title"], form.cleaned_data["body"]
            )
        except forums.PostingRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your topic is published."))
            return redirect("community:forum_topic", pk=topic.pk)
    return render(request, "community/forums/topic_form.html", {"category": category, "form": form})


@access.member_or_staff_required
def topic_detail(request, pk):
    topic = get_object_or_404(
        visible_topics(request.user).select_related("category", "author"), pk=pk
    )
    moderator = access.can_moderate(request.user)
    initial = {}
    quoted = request.GET.get("quote", "")
    if quoted.isascii() and quoted.isdigit():
        quoted_post = visible_posts(request.user).filter(topic=topic, pk=quoted).first()
        if quoted_post is not None:
            initial["body"] = markdown.quote(quoted_post.body, author_name(quoted_post.author))
    form = PostForm(request.POST or None, initial=initial)
    can_reply = moderator or not topic.locked
    if request.method == "POST" and form.is_valid():
        try:
            post = forums.reply(request.user, topic, form.cleaned_data["body"])
        except forums.PostingRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your reply is published."))
            return redirect("community:forum_post", pk=post.pk)
    posts = forums.with_authors(topic.posts.select_related("hidden_by"))
    if moderator:
        posts = posts.annotate(
            open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True))
        ).order_by("created_at", "pk")
    page = Paginator(posts, settings.FORUM_POSTS_PER_PAGE).get_page(request.GET.get("page"))
    visit = TopicVisit.objects.filter(user=request.user, topic=topic).first()
    for post in page:
        post.is_new = post.author_id != request.user.pk and (
            visit is None or post.created_at > visit.seen_at
        )
        post.editable = forums.can_edit(request.user, post)
    if request.method == "GET" and page.object_list:
        newest_shown = max(post.created_at for post in page)
        if visit is None or newest_shown > visit.seen_at:
            TopicVisit.objects.update_or_create(
                user=request.user, topic=topic, defaults={"seen_at": newest_shown}
            )
    return render(
        request,
        "community/forums/topic_detail.html",
        {
            "topic": topic,
            "posts": page,
            "page_obj": page,
            "form": form,
            "can_reply": can_reply,
            "can_moderate": moderator,
            "following": Subscription.objects.filter(user=request.user, topic=topic).exists(),
        },
    )


def author_name(user):
    return user.public_name if user is not None else _("Former member")


@require_GET
@access.member_or_staff_required
def post_link(request, pk):
    """A post's address: its topic at the page that shows it."""
    post = get_object_or_404(visible_posts(request.user), pk=pk)
    earlier = Post.objects.filter(topic_id=post.topic_id).filter(
        Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)
    )
    page = earlier.count() // settings.FORUM_POSTS_PER_PAGE + 1
    url = reverse("community:forum_topic", args=[post.topic_id])
    return redirect(f"{url}?page={page}#post-{post.pk}")


@access.member_or_staff_required
def post_edit(request, pk):
    post = get_object_or_404(
        visible_posts(request.user).select_related("topic__category", "author"), pk=pk
    )
    if not forums.can_edit(request.user, post):
        raise PermissionDenied
    form = PostForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            forums.edit(post, request.user, form.cleaned_data["body"])
        except forums.PostingRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("community:forum_post", pk=post.pk)
    return render(request, "community/forums/post_edit.html", {"post": post, "form": form})


@require_GET
@access.member_or_staff_required
def post_history(request, pk):
    post = get_object_or_404(visible_posts(request.user).select_related("topic", "author"), pk=pk)
    revisions = post.revisions.select_related("replaced_by")
    if not access.can_moderate(request.user):
        # What a moderator edited out (to redact it) stays out of members' sight.
        revisions = revisions.filter(replaced_by=post.author_id)
    page = Paginator(revisions, 10).get_page(request.GET.get("page"))
    return render(
        request,
        "community/forums/post_history.html",
        {"post": post, "revisions": page, "page_obj": page},
    )


@access.member_or_staff_required
def post_report(request, pk):
    post = get_object_or_404(visible_posts(request.user).select_related("topic"), pk=pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            forums.report(post, request.user, form.cleaned_data["reason"])
        except forums.PostingRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Thank you: the moderators will review this post."))
            return redirect("community:forum_topic", pk=post.topic_id)
    return render(request, "community/forums/post_report.html", {"post": post, "form": form})


@access.moderator_required
def post_moderate(request, pk):
    post = get_object_or_404(visible_posts(request.user).select_related("topic", "author"), pk=pk)
    form = HideForm(request.POST if request.POST.get("action") == "hide" else None)
    if request.method == "POST":
        if request.POST.get("action") == "restore":
            forums.restore(post)
            messages.success(request, _("The post is shown and its reports are closed."))
            return redirect("community:forum_post", pk=post.pk)
        if form.is_valid():
            forums.hide(post, request.user, form.cleaned_data["reason"])
            messages.success(request, _("The post is hidden."))
            return redirect("community:forum_post", pk=post.pk)
    reports = post.reports.select_related("reporter")
    return render(
        request,
        "community/forums/post_moderate.html",
        {"post": post, "form": form, "reports": reports},
    )


TOPIC_ACTIONS = {
    "pin": ({"pinned": True}, gettext_lazy("The topic is pinned to the top of its category.")),
    "unpin": ({"pinned": False}, gettext_lazy("The topic is no longer pinned.")),
    "lock": ({"locked": True}, gettext_lazy("The topic is locked.")),
    "unlock": ({"locked": False}, gettext_lazy("The topic is open to replies again.")),
}


@require_POST
@access.moderator_required
def topic_moderate(request, pk):
    topic = get_object_or_404(Topic, pk=pk)
    action = TOPIC_ACTIONS.get(request.POST.get("action"))
    if action is None:
        raise Http404
    changes, message = action
    Topic.objects.filter(pk=topic.pk).update(**changes)
    messages.success(request, str(message))
    return redirect("community:forum_topic", pk=topic.pk)


@require_POST
@access.member_or_staff_required
def topic_follow(request, pk):
    topic = get_object_or_404(visible_topics(request.user), pk=pk)
    if request.POST.get("follow") == "yes":
        forums.follow(request.user, topic=topic)
        messages.success(request, _("You follow this topic."))
    else:
        forums.unfollow(request.user, topic=topic)
        messages.success(request, _("You no longer follow this topic."))
    return redirect("community:forum_topic", pk=topic.pk)


@require_POST
@access.member_or_staff_required
def category_follow(request, pk):
    category = readable_category(request.user, pk)
    if request.POST.get("follow") == "yes":
        forums.follow(request.user, category=category)
        messages.success(request, _("You follow this category."))
    else:
        forums.unfollow(request.user, category=category)
        messages.success(request, _("You no longer follow this category."))
    return redirect("community:forum_category", pk=category.pk)


@require_GET
@access.member_or_staff_required
def forum_search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = Post.objects.none()
    if query:
        results = (
            visible_posts(request.user)
            .filter(matching(query))
            .select_related("topic__category", "author")
            .order_by("-created_at", "-pk")
        )
    page = Paginator(results, settings.FORUM_POSTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "community/forums/forum_search.html",
        {"query": query, "results": page, "page_obj": page},
    )


@require_GET
@access.moderator_required
def moderation_queue(request):
    """Posts with reports not yet reviewed, hidden ones (after reports) first."""
    open_reports = PostReport.objects.filter(resolved_at__isnull=True)
    posts = (
        Post.objects.filter(Exists(open_reports.filter(post=OuterRef("pk"))))
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        .select_related("topic", "author")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=open_reports.select_related("reporter"),
                to_attr="open_report_list",
            )
        )
        .order_by(F("hidden_at").asc(nulls_last=True), "-open_reports", "created_at")
    )
    page = Paginator(posts, settings.FORUM_POSTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "community/forums/moderation_queue.html", {"posts": page, "page_obj": page}
    )
