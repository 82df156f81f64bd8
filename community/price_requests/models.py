"""A price request round for a need, and one request per producer (directory entry)
with its answer: a price, or "not this time" with a reason. Nobody orders on anybody's
behalf: accepting an answer only puts the two in touch."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.units import Unit

DEFAULT_DAYS_TO_ANSWER = 5


def default_deadline():
    return timezone.localdate() + timedelta(days=DEFAULT_DAYS_TO_ANSWER)


class PriceRound(models.Model):
    """The need sent, at once, to the producers picked."""

    need = models.ForeignKey(
        "community.Need",
        on_delete=models.CASCADE,
        related_name="price_rounds",
        verbose_name=_("need"),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    deadline = models.DateField(_("answer by"), default=default_deadline)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("price request round")
        verbose_name_plural = _("price request rounds")

    def __str__(self):
        return f"{self.need} ({self.sent_at:%Y-%m-%d})"


class PriceRequest(models.Model):
    """One producer asked in a round, and its answer."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting for an answer")
        ANSWERED = "answered", _("answered")
        DECLINED = "declined", _("not this time")
        ACCEPTED = "accepted", _("accepted")
        NOT_RETAINED = "not_retained", _("not retained")

    class Reason(models.TextChoices):
        NO_STOCK = "no_stock", _("no stock")
        TOO_FAR = "too_far", _("too far")
        PRICE_TOO_LOW = "price_too_low", _("the price would be too low")
        OTHER = "other", _("another reason")

    round = models.ForeignKey(
        PriceRound, on_delete=models.CASCADE, related_name="requests", verbose_name=_("round")
    )
    producer = models.ForeignKey(
        "directory.Producer",
        on_delete=models.CASCADE,
        related_name="price_requests",
        verbose_name=_("producer"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.WAITING
    )
    unit_price = models.DecimalField(
        _("price per unit ($)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, blank=True)
    quantity = models.DecimalField(
        _("quantity it can supply"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    delivery_terms = models.CharField(_("delivery terms"), max_length=300, blank=True)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    decline_reason = models.CharField(
        _("why not this time"), max_length=16, choices=Reason.choices, blank=True
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # Who typed an answer taken by phone; nobody for an answer through the link.
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answer logged by"),
    )
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["round", "producer__name", "pk"]
        verbose_name = _("price request")
        verbose_name_plural = _("price requests")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "producer"], name="price_request_one_per_producer_and_round"
            ),
            models.CheckConstraint(
                condition=Q(unit_price__isnull=True) | Q(unit_price__gte=0),
                name="price_request_price_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gt=0),
                name="price_request_quantity_positive",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["answered", "accepted", "not_retained"])
                | (Q(unit_price__isnull=False) & Q(quantity__isnull=False) & ~Q(unit="")),
                name="price_request_answer_has_a_price",
            ),
        ]

    def __str__(self):
        return f"{self.producer} → {self.round.need}"

    @property
    def has_price(self):
        return self.status in (self.Status.ANSWERED, self.Status.ACCEPTED, self.Status.NOT_RETAINED)

    @property
    def is_late(self):
        """Answered (or declined) after the round's deadline, in Montréal's days."""
        return (
            self.answered_at is not None
            and timezone.localdate(self.answered_at) > self.round.deadline
        )
