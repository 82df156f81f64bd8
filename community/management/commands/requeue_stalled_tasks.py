from datetime import timedelta

from django.core.management.base import BaseCommand

from community.outbox.tasks import requeue_stalled


class Command(BaseCommand):
    help = (
        "Put back in the queue the background tasks a worker took but never finished (the "
        "worker was killed, its machine restarted): they run again, and an email already "
        "sent is not sent twice. Run it hourly (cron) and before starting the workers."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=int,
            default=30,
            help="Only tasks started longer ago than this (default 30): a live worker's "
            "task is left alone.",
        )

    def handle(self, *args, minutes, **options):
        count = requeue_stalled(timedelta(minutes=minutes))
        self.stdout.write(self.style.SUCCESS(f"{count} stalled task(s) back in the queue."))
