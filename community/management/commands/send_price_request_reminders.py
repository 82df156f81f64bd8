from django.core.management.base import BaseCommand
from django.utils import timezone

from community.emails import queue
from community.price_requests import rules
from community.price_requests.models import PriceRequest


class Command(BaseCommand):
    help = (
        "Remind the producers who have not answered a price request whose deadline is "
        "tomorrow. Safe to run as often as you like (e.g. hourly from cron): each producer "
        "is reminded once per request."
    )

    def handle(self, *args, **options):
        queued = 0
        for price_request in rules.reminders_due().only("pk"):
            # Claim the reminder first: a second run at the same moment finds it taken.
            claimed = PriceRequest.objects.filter(
                pk=price_request.pk, reminded_at__isnull=True
            ).update(reminded_at=timezone.now())
            if claimed:
                queue(
                    f"reminder of price request {price_request.pk}",
                    rules.reminder_emails,
                    price_request.pk,
                )
                queued += 1
        self.stdout.write(self.style.SUCCESS(f"{queued} reminder(s) in the outbox."))
