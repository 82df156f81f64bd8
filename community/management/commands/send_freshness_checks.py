from django.conf import settings
from django.core.management.base import BaseCommand

from community.freshness import rules


class Command(BaseCommand):
    help = (
        'Email "Is this still right?" to each directory entry not verified for '
        "DIRECTORY_FRESHNESS_ASK_AFTER_DAYS days. Safe to run as often as you like (e.g. "
        "daily from cron): an entry is asked at most once in that many days."
    )

    def handle(self, *args, **options):
        asked = rules.ask_due()
        days = settings.DIRECTORY_FRESHNESS_ASK_AFTER_DAYS
        self.stdout.write(
            self.style.SUCCESS(f"{asked} freshness check(s) in the outbox ({days} days).")
        )
