from django.core.management.base import BaseCommand
from django.utils import timezone

from community.models import Need


class Command(BaseCommand):
    help = (
        "Mark as expired the open or paused needs whose period has ended, so that the board "
        "and the network's figures count them as such. Run once a day (e.g. from cron)."
    )

    def handle(self, *args, **options):
        expired = Need.objects.filter(
            status__in=[Need.Status.OPEN, Need.Status.PAUSED],
            wanted_until__lt=timezone.localdate(),
        ).update(status=Need.Status.EXPIRED, updated_at=timezone.now())
        self.stdout.write(self.style.SUCCESS(f"{expired} need(s) expired."))
