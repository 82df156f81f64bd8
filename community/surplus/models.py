"""Surplus and donation lots: what a producer has too much of, offered to the network's
organisations before it spoils. Organisations that need the product have the first claim
for a while; then every member organisation may claim. `remaining` only ever goes down
through one conditional UPDATE (community.surplus.rules), never below zero."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.units import Unit


class SurplusLot(models.Model):
    class Kind(models.TextChoices):
        DONATION = "donation", _("free donation")
        REDUCED = "reduced", _("reduced price")

    class Quality(models.TextChoices):
        STANDARD = "standard", _("standard")
        SECONDS = "seconds", _("cosmetic seconds")
        PROCESSING = "processing", _("for processing")

    producer = models.ForeignKey(
        "directory.Producer",
        on_delete=models.CASCADE,
        related_name="surplus_lots",
        verbose_name=_("producer"),
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    product = models.ForeignKey(
        "directory.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("product")
    )
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    remaining = models.DecimalField(_("remaining"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.KILOGRAM)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DONATION)
    price = models.DecimalField(
        _("reduced price per unit ($)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    quality = models.CharField(
        _("quality"), max_length=12, choices=Quality.choices, default=Quality.SECONDS
    )
    pickup_place = models.CharField(_("pickup place"), max_length=250)
    pickup_from = models.DateTimeField(_("pickup from"))
    pickup_until = models.DateTimeField(_("pickup until"))
    expires_at = models.DateTimeField(_("expires"))
    gleaning = models.BooleanField(_("field gleaning possible"), default=False)
    first_claim_minutes = models.PositiveSmallIntegerField(
        _("first-claim window (minutes)"),
        default=30,
        help_text=_(
            "For this long, only organisations that need this product may claim; then every "
            "member organisation."
        ),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("posted on"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["expires_at", "pk"]
        verbose_name = _("surplus lot")
        verbose_name_plural = _("surplus lots")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="lot_quantity_positive"),
            models.CheckConstraint(
                condition=Q(remaining__gte=0) & Q(remaining__lte=F("quantity")),
                name="lot_remaining_within_quantity",
            ),
            models.CheckConstraint(
                condition=Q(pickup_until__gte=F("pickup_from")), name="lot_pickup_in_order"
            ),
        ]

    def __str__(self):
        return f"{self.product} — {self.producer}"

    @property
    def open_to_all_at(self):
        return self.created_at + timedelta(minutes=self.first_claim_minutes)

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_open(self):
        return (
            self.closed_at is None
            and not self.is_expired
            and self.pickup_until > timezone.now()
            and self.remaining > 0
        )


class Claim(models.Model):
    """An organisation's claim on part or all of a lot, confirmed by the producer once
    picked up."""

    lot = models.ForeignKey(
        SurplusLot, on_delete=models.CASCADE, related_name="claims", verbose_name=_("lot")
    )
    organisation = models.ForeignKey(
        "community.Organisation",
        on_delete=models.CASCADE,
        related_name="surplus_claims",
        verbose_name=_("organisation"),
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    created_at = models.DateTimeField(_("claimed on"), auto_now_add=True)
    picked_up_at = models.DateTimeField(_("picked up on"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="claim_quantity_positive")
        ]

    def __str__(self):
        return f"{self.organisation} — {self.lot}"
