"""What a producer has this week: a product, how much, at what price, until when. Sent in
a minute from the site or through the weekly email's signed link (community.availability);
the public directory shows the lines still current."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..units import Unit
from .catalogue import Product
from .producers import Producer


def end_of_week(today=None):
    """The Sunday of this week (Montréal's days): when a line lasts unless told otherwise."""
    today = today or timezone.localdate()
    return today + timedelta(days=6 - today.weekday())


class AvailabilityQuerySet(models.QuerySet):
    def current(self, today=None):
        """The lines still available today."""
        return self.filter(available_until__gte=today or timezone.localdate())


class Availability(models.Model):
    """One line of a producer's "what I have this week"."""

    class Source(models.TextChoices):
        SITE = "site", _("from the site")
        LINK = "link", _("through the weekly email's link")

    producer = models.ForeignKey(
        Producer,
        on_delete=models.CASCADE,
        related_name="availabilities",
        verbose_name=_("producer"),
    )
    product = models.ForeignKey(
        Product,
        on_delete=models.PROTECT,
        related_name="availabilities",
        verbose_name=_("product"),
    )
    quantity = models.DecimalField(_("quantity available"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.KILOGRAM)
    price = models.DecimalField(_("price per unit ($)"), max_digits=8, decimal_places=2)
    available_until = models.DateField(_("available until"), default=end_of_week)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    source = models.CharField(_("sent"), max_length=4, choices=Source.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )

    objects = AvailabilityQuerySet.as_manager()

    class Meta:
        ordering = ["product__name_fr", "pk"]
        verbose_name = _("availability")
        verbose_name_plural = _("availabilities")
        indexes = [models.Index(fields=["producer", "available_until"])]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="availability_quantity"),
            models.CheckConstraint(condition=Q(price__gte=0), name="availability_price"),
        ]

    def __str__(self):
        return f"{self.product} — {self.producer} ({self.available_until})"
