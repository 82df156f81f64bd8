"""Which weekly email went to whom: claimed once per week, so that however often the
scheduled command runs, nobody gets two in the same week."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class WeeklyMailing(models.Model):
    class Kind(models.TextChoices):
        ASK = "ask", _("availability asked of a producer")
        DIGEST = "digest", _("availability digest to an organisation")

    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    week = models.DateField(_("week of"))  # its Monday
    producer = models.ForeignKey(
        "directory.Producer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("producer"),
    )
    organisation = models.ForeignKey(
        "community.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    sent_at = models.DateTimeField(_("queued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("weekly availability email")
        verbose_name_plural = _("weekly availability emails")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "week", "producer"],
                condition=Q(producer__isnull=False),
                name="weekly_mailing_once_per_producer",
            ),
            models.UniqueConstraint(
                fields=["kind", "week", "organisation"],
                condition=Q(organisation__isnull=False),
                name="weekly_mailing_once_per_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.week} {self.producer or self.organisation}"
