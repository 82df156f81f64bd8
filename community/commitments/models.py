"""Seasonal commitments (crop contracts): before a season, an organisation commits to buy
a volume of a product from a producer, so that the producer can plan. Either side may
change the terms (a counter-proposal) until the other accepts or declines; accepted
commitments are the record both sides plan on, with deliveries logged against them.
One product per commitment: an organisation makes one per product it commits to."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Sum
from django.utils.translation import gettext_lazy as _

from directory.units import Unit


class Commitment(models.Model):
    class Basis(models.TextChoices):
        WEEK = "week", _("per week")
        TOTAL = "total", _("in total")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("under discussion")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    class Side(models.TextChoices):
        PRODUCER = "producer", _("the producer")
        ORGANISATION = "organisation", _("the organisation")

    organisation = models.ForeignKey(
        "community.Organisation",
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("organisation"),
    )
    producer = models.ForeignKey(
        "directory.Producer",
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("producer"),
    )
    product = models.ForeignKey(
        "directory.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("product")
    )
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.KILOGRAM)
    basis = models.CharField(_("quantity is"), max_length=5, choices=Basis.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    price_per_unit = models.DecimalField(
        _("indicative price per unit ($)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    # Raised by each counter-proposal: an answer is to the terms the person saw.
    terms_version = models.PositiveIntegerField(default=1, editable=False)
    awaiting = models.CharField(
        _("awaiting the answer of"), max_length=12, choices=Side.choices, default=Side.PRODUCER
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("proposed on"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("seasonal commitment")
        verbose_name_plural = _("seasonal commitments")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="commitment_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="commitment_period_in_order"
            ),
        ]

    def __str__(self):
        return f"{self.product} — {self.organisation} / {self.producer}"

    @property
    def days(self):
        return (self.ends_on - self.starts_on).days + 1

    @property
    def total_quantity(self):
        """A quantity per week counts for the days of the period: 40 kg a week over 28
        days is 160 kg, over 10 days about 57 kg."""
        if self.basis == self.Basis.WEEK:
            return self.quantity * self.days / 7
        return self.quantity

    @property
    def daily_quantity(self):
        return self.total_quantity / self.days

    @property
    def delivered(self):
        if hasattr(self, "delivered_sum"):  # annotated by lists
            return self.delivered_sum or Decimal(0)
        return self.deliveries.aggregate(total=Sum("quantity"))["total"] or Decimal(0)

    @property
    def remaining(self):
        return max(self.total_quantity - self.delivered, Decimal(0))

    @property
    def indicative_cost(self):
        if self.price_per_unit is None:
            return None
        return self.total_quantity * self.price_per_unit


class Delivery(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="deliveries")
    delivered_on = models.DateField(_("delivered on"))
    quantity = models.DecimalField(_("quantity delivered"), max_digits=10, decimal_places=2)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["delivered_on", "pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="delivery_quantity_positive")
        ]

    def __str__(self):
        return f"{self.commitment} — {self.delivered_on}"
