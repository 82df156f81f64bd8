"""What the outbox has sent: one row per delivery and recipient, so that a delivery tried
again (after the mail server was down, or a worker stopped mid-way) never writes to the
same person twice."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SentEmail(models.Model):
    delivery = models.UUIDField(_("delivery"))
    recipient = models.CharField(_("recipient"), max_length=254)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent email")
        verbose_name_plural = _("sent emails")
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "recipient"], name="outbox_one_email_per_recipient"
            )
        ]

    def __str__(self):
        return f"{self.recipient} ({self.delivery})"
