"""The needs board: what a community organisation needs to buy, and producers' answers.
Nobody orders on an organisation's behalf: accepting an answer only puts the two in
touch. The rules are in community.needs.rules; the ranking of producers in
community.needs.matching."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.units import Unit


class NeedQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Need.Status.OPEN, wanted_until__gte=timezone.localdate())


class Need(models.Model):
    class Frequency(models.TextChoices):
        ONCE = "once", _("once")
        WEEKLY = "weekly", _("every week")
        MONTHLY = "monthly", _("every month")
        SEASON = "season", _("for the season (total)")

    class Quality(models.TextChoices):
        STANDARD = "standard", _("standard or better")
        PREMIUM = "premium", _("premium only")
        SECONDS = "seconds", _("cosmetic seconds welcome")
        PROCESSING = "processing", _("for processing: any quality")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        PAUSED = "paused", _("paused")
        FULFILLED = "fulfilled", _("fulfilled")
        EXPIRED = "expired", _("expired")

    organisation = models.ForeignKey(
        "community.Organisation",
        on_delete=models.CASCADE,
        related_name="needs",
        verbose_name=_("organisation"),
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("posted by"),
    )
    product = models.ForeignKey(
        "directory.Product",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("product"),
    )
    category = models.ForeignKey(
        "directory.Category",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("or a whole category"),
    )
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.KILOGRAM)
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.ONCE
    )
    wanted_from = models.DateField(_("wanted from"))
    wanted_until = models.DateField(_("wanted until"))
    quality = models.CharField(
        _("quality"), max_length=12, choices=Quality.choices, default=Quality.STANDARD
    )
    organic_required = models.BooleanField(_("organic required"), default=False)
    budget_per_unit = models.DecimalField(
        _("budget per unit ($)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    delivery_required = models.BooleanField(
        _("delivery required"),
        default=True,
        help_text=_("Untick when the organisation can pick up."),
    )
    # What the organisation can pick up with (copied from its profile, changeable per
    # need): food kept cold needs a refrigerated vehicle, a heavier load needs delivery.
    pickup_vehicle = models.BooleanField(_("we have a vehicle to pick up with"), default=False)
    pickup_refrigerated = models.BooleanField(_("refrigerated vehicle"), default=False)
    pickup_max_load_kg = models.PositiveIntegerField(_("maximum load (kg)"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    buy_together = models.BooleanField(
        _("open to buying together"),
        default=False,
        help_text=_(
            "Organisations that need the same product at the same time see that you are "
            "open to it, and you can discuss it together."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    fulfilled_by = models.ForeignKey(
        "directory.Producer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bought from"),
    )
    price_paid = models.DecimalField(
        _("price paid per unit ($)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(_("posted on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [
            models.CheckConstraint(
                condition=Q(product__isnull=False) | Q(category__isnull=False),
                name="need_for_a_product_or_a_category",
            ),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="need_quantity_positive"),
            models.CheckConstraint(
                condition=Q(wanted_until__gte=models.F("wanted_from")),
                name="need_period_in_order",
            ),
        ]
        indexes = [models.Index(fields=["status", "wanted_until"])]

    def __str__(self):
        return f"{self.what} — {self.organisation}"

    @property
    def what(self):
        return self.product or self.category

    @property
    def is_expired(self):
        return self.status == self.Status.EXPIRED or (
            self.status == self.Status.OPEN and self.wanted_until < timezone.localdate()
        )


class Answer(models.Model):
    """A producer's answer to a need: a price and a quantity it can supply."""

    class Status(models.TextChoices):
        SENT = "sent", _("sent")
        WITHDRAWN = "withdrawn", _("withdrawn")
        ACCEPTED = "accepted", _("accepted")

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="answers", verbose_name=_("need")
    )
    producer = models.ForeignKey(
        "directory.Producer",
        on_delete=models.CASCADE,
        related_name="need_answers",
        verbose_name=_("producer"),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    unit_price = models.DecimalField(_("unit price ($)"), max_digits=8, decimal_places=2)
    quantity = models.DecimalField(_("quantity you can supply"), max_digits=10, decimal_places=2)
    delivery_terms = models.CharField(_("delivery terms"), max_length=300, blank=True)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SENT
    )
    created_at = models.DateTimeField(_("answered on"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted on"), null=True, blank=True)

    class Meta:
        ordering = ["unit_price", "created_at"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["need", "producer"],
                condition=~Q(status="withdrawn"),
                name="one_live_answer_per_producer_and_need",
            ),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="answer_quantity_positive"),
            models.CheckConstraint(
                condition=Q(unit_price__gte=0), name="answer_price_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.producer} → {self.need}"
