from django.core.management.base import BaseCommand

from community.forums.rules import send_digests


class Command(BaseCommand):
    help = (
        "Email the daily forum digest to everyone who chose it: the posts in the topics and "
        "categories they follow since their last digest. Run once a day (e.g. from cron); "
        "running it again sends only what is new since."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(self.style.SUCCESS(f"{sent} digest(s) in the outbox."))
