"""What a producer offers: a product in a unit and a quality, its price and its months."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..seasons import MonthsField, describe, mask_to_months
from ..units import Unit
from .catalogue import Product
from .producers import Producer


class Offer(models.Model):
    """A producer's product: its unit, price (and when that price was seen), the months
    it is available, its quality and how much can be supplied."""

    class Grade(models.TextChoices):
        STANDARD = "standard", _("standard")
        PREMIUM = "premium", _("premium")
        SECONDS = "seconds", _("cosmetic seconds")
        PROCESSING = "processing", _("for processing")

    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, related_name="offers", verbose_name=_("producer")
    )
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="offers", verbose_name=_("product")
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.KILOGRAM)
    price = models.DecimalField(
        _("unit price ($)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    price_seen_on = models.DateField(_("price seen on"), null=True, blank=True)
    months = MonthsField()
    grade = models.CharField(
        _("quality"), max_length=12, choices=Grade.choices, default=Grade.STANDARD
    )
    weekly_capacity = models.DecimalField(
        _("weekly capacity"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("How much can be supplied per week, in the offer's unit."),
    )
    organic = models.BooleanField(_("organic"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        ordering = ["product__name_fr"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.UniqueConstraint(
                fields=["producer", "product", "unit", "grade"], name="one_offer_per_unit_and_grade"
            ),
            models.CheckConstraint(
                condition=models.Q(price__gte=0), name="offer_price_not_negative"
            ),
            models.CheckConstraint(condition=models.Q(months__lte=4095), name="offer_months_mask"),
        ]

    def __str__(self):
        return f"{self.product} — {self.producer}"

    @property
    def month_list(self):
        return mask_to_months(self.months)

    @property
    def season(self):
        return describe(self.months)

    @property
    def price_is_stale(self):
        if self.price_seen_on is None:
            return True
        return self.price_seen_on < timezone.localdate() - timedelta(
            days=settings.DIRECTORY_PRICE_STALE_AFTER_DAYS
        )
