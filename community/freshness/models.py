"""One freshness check: an entry not verified for a while, emailed "Is this still
right?", and its producer's answer. It keeps the check from being sent again within the
period, and shows the staff how the campaign goes (community.workspace)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FreshnessCheck(models.Model):
    class Answer(models.TextChoices):
        WAITING = "waiting", _("no answer yet")
        CONFIRMED = "confirmed", _("confirmed")
        CHANGED = "changed", _("changed")

    producer = models.ForeignKey(
        "directory.Producer",
        on_delete=models.CASCADE,
        related_name="freshness_checks",
        verbose_name=_("directory entry"),
    )
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now, db_index=True)
    answer = models.CharField(
        _("answer"), max_length=10, choices=Answer.choices, default=Answer.WAITING
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-pk"]
        verbose_name = _("freshness check")
        verbose_name_plural = _("freshness checks")

    def __str__(self):
        return f"{self.producer} ({self.asked_at:%Y-%m-%d})"
