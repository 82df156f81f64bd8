"""Seasonal commitments (crop contracts): before a season, an organisation commits to buy
a volume of a product from a producer, so that the producer can plan. Either side may
change the terms (a counter-proposal) until the other accepts or declines; accepted
commitments are the record both sides plan on, with deliveries logged against them.
One product per commitment: an organisation makes one per product it commits to."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory.models import Offer
from directory.units import Unit


def delivered_total(through="", among=None):
    """The quantity deliveries fill, reached `through` a relation such as "deliveries__":
    all but the refused ones, among those `among` (a Q) selects when given."""
    counted = ~Q(**{f"{through}conformity": "refused"})
    return Sum(f"{through}quantity", filter=counted & among if among is not None else counted)


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
    # Quality terms: what a delivery must be to be accepted, part of the terms either
    # side may counter. All optional: a commitment without them accepts any quality.
    grade = models.CharField(_("grade"), max_length=12, choices=Offer.Grade.choices, blank=True)
    calibre = models.CharField(
        _("size or calibre"),
        max_length=100,
        blank=True,
        help_text=_("For example: carrots 2 to 4 cm across, apples 70 mm and more."),
    )
    max_days_from_harvest = models.PositiveSmallIntegerField(
        _("freshness: days from harvest at most"), null=True, blank=True
    )
    packaging = models.CharField(
        _("packaging"),
        max_length=200,
        blank=True,
        help_text=_("For example: 20 kg crates, returned at the next delivery."),
    )
    other_terms = models.TextField(_("other quality terms"), blank=True, max_length=2000)
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
    def has_quality_terms(self):
        return bool(
            self.grade
            or self.calibre
            or self.max_days_from_harvest is not None
            or self.packaging
            or self.other_terms
        )

    @property
    def delivered(self):
        """What was delivered and not refused: a refused delivery went back to the
        producer (or was thrown away), so it fills none of the commitment."""
        if hasattr(self, "delivered_sum"):  # annotated by lists (delivered_total)
            return self.delivered_sum or Decimal(0)
        return self.deliveries.aggregate(total=delivered_total())["total"] or Decimal(0)

    @property
    def remaining(self):
        return max(self.total_quantity - self.delivered, Decimal(0))

    @property
    def indicative_cost(self):
        if self.price_per_unit is None:
            return None
        return self.total_quantity * self.price_per_unit


def delivery_photo_path(delivery, filename):
    """Under a name nobody can guess, outside the public images/ folder: the photo is
    served only through the commitment's checking view (commitments.views)."""
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"commitments/deliveries/{uuid.uuid4().hex}.{extension}"


class Delivery(models.Model):
    class Conformity(models.TextChoices):
        ACCEPTED = "accepted", pgettext_lazy("delivery", "accepted")
        REMARKS = "remarks", pgettext_lazy("delivery", "accepted with remarks")
        REFUSED = "refused", pgettext_lazy("delivery", "refused")

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="deliveries")
    delivered_on = models.DateField(_("delivered on"))
    quantity = models.DecimalField(_("quantity delivered"), max_digits=10, decimal_places=2)
    conformity = models.CharField(
        _("conformity"), max_length=8, choices=Conformity.choices, default=Conformity.ACCEPTED
    )
    reason = models.TextField(_("reason"), blank=True, max_length=1000)
    photo = models.FileField(_("photo"), upload_to=delivery_photo_path, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["delivered_on", "pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="delivery_quantity_positive"),
            models.CheckConstraint(
                condition=Q(conformity="accepted") | ~Q(reason=""),
                name="delivery_reason_unless_accepted",
            ),
        ]

    def __str__(self):
        return f"{self.commitment} — {self.delivered_on}"
