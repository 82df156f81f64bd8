from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from community import versions
from community.emails import send_all
from community.events.emails import REMINDER, registration_email
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
        sent = 0
        for registration in due:
            # Claim the reminder first: a second run at the same moment finds it taken.
            claimed = Registration.objects.filter(
                pk=registration.pk, reminded_at__isnull=True
            ).update(reminded_at=timezone.now())
            if not claimed:
                continue
            versions.bump("events")  # an update() sends no post_save
            reminder = registration_email(registration, REMINDER)  # in the person's language
            if send_all([reminder], f"reminder to registration {registration.pk}"):
                sent += 1
            else:  # unclaimed, so that the next run sends it; the others still get theirs
                Registration.objects.filter(pk=registration.pk).update(reminded_at=None)
                versions.bump("events")
        self.stdout.write(self.style.SUCCESS(f"{sent} reminder(s) sent."))
