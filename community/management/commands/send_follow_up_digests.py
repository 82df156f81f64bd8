from django.core.management.base import BaseCommand

from community.workspace.follow_ups import send_follow_up_digests


class Command(BaseCommand):
    help = (
        "Email each staff member their open follow-ups, overdue and due in the coming week. "
        "Run it once a week (e.g. Monday morning, from cron); nobody gets two in one week, "
        "however often it runs."
    )

    def handle(self, *args, **options):
        sent = send_follow_up_digests()
        self.stdout.write(self.style.SUCCESS(f"{sent} digest(s) in the outbox."))
