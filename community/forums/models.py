"""Member-only forums: categories that editors create (Community → Forum categories in
the admin), topics and posts that members write in Markdown. A post's HTML is rendered
and sanitised once, when it is saved (community.forums.markdown); the rules for posting and
moderating are in community.forums.rules."""

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from directory.models import BilingualName
from directory.search import normalise

from . import markdown


class ForumCategory(BilingualName):
    description_fr = models.CharField(_("description (French)"), max_length=300, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Categories are listed by position, then by name.")
    )

    # A project group's own category, read by those who may open the group only
    # (community.access.readable_forum_categories); None: every member reads it.
    project_group = models.OneToOneField(
        "community.ProjectGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="category",
        verbose_name=_("project group"),
    )

    class Meta(BilingualName.Meta):
        ordering = ["position", "name_fr"]
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")

    @property
    def description(self):
        if translation.get_language() == "en" and self.description_en:
            return self.description_en
        return self.description_fr


class Topic(models.Model):
    """A forum topic (in a category), or the private conversation about a need or about
    buying a product together (community.needs), which the forums never list."""

    category = models.ForeignKey(
        ForumCategory,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="topics",
        verbose_name=_("category"),
    )
    need = models.OneToOneField(
        "community.Need",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="thread",
        verbose_name=_("need"),
    )
    pool_product = models.OneToOneField(
        "directory.Product",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pool_thread",
        verbose_name=_("buying together"),
    )
    title = models.CharField(_("title"), max_length=200)
    # Kept when the author deletes their account: shown as "former member".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="forum_topics",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Kept on the topic so that lists sort and show unread markers without reading posts.
    last_post_at = models.DateTimeField(_("last post"), default=timezone.now)
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(
        _("locked"), default=False, help_text=_("Only moderators may reply to a locked topic.")
    )
    # Follows its opening post: a hidden opening post hides the topic from lists.
    hidden = models.BooleanField(_("hidden"), default=False)

    class Meta:
        ordering = ["-pinned", "-last_post_at", "-pk"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        indexes = [models.Index(fields=["category", "-pinned", "-last_post_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    category__isnull=False, need__isnull=True, pool_product__isnull=True
                )
                | models.Q(category__isnull=True, need__isnull=False, pool_product__isnull=True)
                | models.Q(category__isnull=True, need__isnull=True, pool_product__isnull=False),
                name="topic_in_a_category_or_about_a_need_or_a_pool",
            )
        ]

    def __str__(self):
        return self.title


class Post(models.Model):
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="posts", verbose_name=_("topic")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="forum_posts",
        verbose_name=_("author"),
    )
    body = models.TextField(_("message"))
    html = models.TextField(editable=False)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("posted"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        permissions = [("moderate_forum", _("Can moderate the forums"))]
        indexes = [models.Index(fields=["author", "created_at"])]

    def __str__(self):
        return f"{self.topic} — {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    def set_body(self, body):
        """The Markdown as written, its sanitised HTML and its searchable text, together."""
        self.body = body
        self.html = markdown.render(body)
        self.search_text = normalise(f"{self.topic.title} {body}")


class PostRevision(models.Model):
    """An earlier version of a post, kept when it is edited: the edit history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(_("message"))
    html = models.TextField(editable=False, default="")
    written_at = models.DateTimeField(_("written"))
    replaced_at = models.DateTimeField(_("replaced"), default=timezone.now)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-replaced_at", "-pk"]

    def __str__(self):
        return f"{self.post} ({self.written_at:%Y-%m-%d %H:%M})"


class PostReport(models.Model):
    """A member's report of a post. Enough distinct reports hide the post until a
    moderator reviews it (FORUM_LIMITS["reports_to_hide"])."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="reports", verbose_name=_("post")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("reported by"),
    )
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            # Once reviewed, a post may be reported again by the same people.
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=models.Q(resolved_at__isnull=True),
                name="one_open_report_per_person_and_post",
            )
        ]

    def __str__(self):
        return f"{self.post} — {self.reason}"


class Subscription(models.Model):
    """Following a topic or a whole category: new posts are emailed to the person as
    their preferences say (each, a daily digest, or none)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    category = models.ForeignKey(
        ForumCategory,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(topic__isnull=True, category__isnull=False)
                | models.Q(topic__isnull=False, category__isnull=True),
                name="subscription_to_a_topic_or_a_category",
            ),
            models.UniqueConstraint(
                fields=["user", "topic"],
                condition=models.Q(topic__isnull=False),
                name="one_subscription_per_topic",
            ),
            models.UniqueConstraint(
                fields=["user", "category"],
                condition=models.Q(category__isnull=False),
                name="one_subscription_per_category",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.topic or self.category}"


class TopicVisit(models.Model):
    """When a person last read a topic: posts after it are marked new."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="visits")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="one_visit_per_person_and_topic")
        ]

    def __str__(self):
        return f"{self.user} → {self.topic}"
