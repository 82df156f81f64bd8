from django.core.management.base import BaseCommand

from community.projects.digest import send_project_digests


class Command(BaseCommand):
    help = (
        "Email each project's coordinators what slips: late actions and deliverables, "
        "those due within 7 and 30 days, partners' commitments behind. Run it once a week "
        "(e.g. Monday morning, from cron); a project's coordinators get one digest a week, "
        "however often it runs, and none when nothing slips."
    )

    def handle(self, *args, **options):
        sent = send_project_digests()
        self.stdout.write(self.style.SUCCESS(f"{sent} project digest(s) in the outbox."))
