"""Dated prices of products, local and imported, for the product page's comparison."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..units import Unit
from .catalogue import Product
from .producers import Producer


class PriceObservation(models.Model):
    """A dated unit price for a product, from a local or imported source: what the
    product page's local-versus-imported comparison is drawn from."""

    product = models.ForeignKey(
        Product,
        on_delete=models.CASCADE,
        related_name="price_observations",
        verbose_name=_("product"),
    )
    observed_on = models.DateField(_("observed on"))
    price = models.DecimalField(_("unit price ($)"), max_digits=8, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.KILOGRAM)
    origin = models.CharField(
        _("origin"),
        max_length=10,
        choices=Producer.DistanceClass.choices,
        default=Producer.DistanceClass.LOCAL,
    )
    producer = models.ForeignKey(
        Producer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="price_observations",
        verbose_name=_("seen at"),
    )
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("Where the price was seen.")
    )

    class Meta:
        ordering = ["-observed_on"]
        verbose_name = _("price observation")
        verbose_name_plural = _("price observations")
        indexes = [models.Index(fields=["product", "observed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price__gte=0), name="observation_price_not_negative"
            )
        ]

    def __str__(self):
        return f"{self.product} {self.price} $/{self.unit} ({self.observed_on})"

    @property
    def is_imported(self):
        return self.origin == Producer.DistanceClass.IMPORTED
