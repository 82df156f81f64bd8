from django.core.management.base import BaseCommand

from community.availability.rules import send_digests


class Command(BaseCommand):
    help = (
        "Email each buying organisation what producers near it have this week among the "
        "products it buys or needs; nothing to those with nothing that matches. Run it once "
        "a week, after producers have answered (e.g. Tuesday, from cron); nobody gets two "
        "in one week, however often it runs."
    )

    def handle(self, *args, **options):
        queued = send_digests()
        self.stdout.write(self.style.SUCCESS(f"{queued} digest(s) in the outbox."))
