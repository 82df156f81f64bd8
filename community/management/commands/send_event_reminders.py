from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from community import versions
from community.emails import queue
from community.events.emails import REMINDER, write
from community.models import Registration


class Command(BaseCommand):
    help = (
        "Email a reminder to everyone confirmed for an event that starts tomorrow. Safe to "
        "run as often as you like (e.g. every hour from cron): each person gets one reminder "
        "per event."
    )

    def handle(self, *args, **options):
        tomorrow = timezone.localdate() + timedelta(days=1)
        start = timezone.make_aware(datetime.combine(tomorrow, time.min))
        due = Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            reminded_at__isnull=True,
            event__live=True,
            event__cancelled=False,
            event__starts_at__gte=start,
            event__starts_at__lt=start + timedelta(days=1),
        ).select_related("event", "user")
        queued = 0
        for registration in due:
            # Claim the reminder first: a second run at the same moment finds it taken. The
            # outbox then sends it, trying again while the mail server is down.
            claimed = Registration.objects.filter(
                pk=registration.pk, reminded_at__isnull=True
            ).update(reminded_at=timezone.now())
            if claimed:
                versions.bump("events")  # an update() sends no post_save
                queue(
                    f"reminder to registration {registration.pk}", write, registration.pk, REMINDER
                )
                queued += 1
        self.stdout.write(self.style.SUCCESS(f"{queued} reminder(s) in the outbox."))
