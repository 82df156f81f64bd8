from django.core.management.base import BaseCommand

from community.availability.rules import ask_producers


class Command(BaseCommand):
    help = (
        'Ask each producer with offers what it has this week ("Still available? Change '
        'prices?"), with its signed link to the one-minute form. Run it once a week (e.g. '
        "Monday morning, from cron); nobody gets two in one week, however often it runs."
    )

    def handle(self, *args, **options):
        queued = ask_producers()
        self.stdout.write(self.style.SUCCESS(f"{queued} producer email(s) in the outbox."))
