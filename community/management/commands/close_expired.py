from django.core.management.base import BaseCommand
from django.utils import timezone

from community import versions
from community.models import Need, SurplusLot


class Command(BaseCommand):
    help = (
        "Close what has run out of time: needs whose period has ended become expired, and "
        "surplus lots past their expiry are closed (they already refuse claims). Run once a "
        "day or more (e.g. hourly from cron)."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        needs = Need.objects.filter(
            status__in=[Need.Status.OPEN, Need.Status.PAUSED],
            wanted_until__lt=timezone.localdate(),
        ).update(status=Need.Status.EXPIRED, updated_at=now)
        lots = SurplusLot.objects.filter(closed_at__isnull=True, expires_at__lte=now).update(
            closed_at=now
        )
        versions.bump("needs", "surplus")  # an update() sends no post_save
        self.stdout.write(self.style.SUCCESS(f"{needs} need(s) expired, {lots} lot(s) closed."))
