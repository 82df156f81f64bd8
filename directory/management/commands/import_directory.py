"""manage.py import_directory entries.csv [--dry-run]: the admin's CSV import, for
files too large to upload or for scripts. Same format, same checks, same all-or-nothing
rule; see directory/importing/."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from directory import importing

PROGRESS_EVERY = 50


class Command(BaseCommand):
    help = "Import producers and their offers from a CSV file (one row per offer)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the CSV file (UTF-8 or Windows-1252, comma or semicolon)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and report what would change, without writing anything",
        )

    def handle(self, *args, path, dry_run, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror}
            ) from error

        plan = importing.plan_import(data)
        if plan.errors:
            for error in plan.result().errors:
                self.stderr.write(self.describe(error))
            raise CommandError(
                _("%(count)s error(s): nothing was imported.") % {"count": len(plan.errors)}
            )

        if dry_run:
            result = plan.result(dry_run=True)
            self.stdout.write(_("Dry run: nothing was written."))
        else:
            result = importing.apply(plan, progress=self.progress)
        self.stdout.write(self.style.SUCCESS(self.summary(result)))

    def progress(self, done, total):
        if done % PROGRESS_EVERY == 0 or done == total:
            self.stdout.write(
                _("Importing %(done)s/%(total)s rows") % {"done": done, "total": total}
            )

    @staticmethod
    def describe(error):
        if error.column:
            return _("Line %(line)s, column “%(column)s”: %(message)s") % vars(error)
        return _("Line %(line)s: %(message)s") % vars(error)

    @staticmethod
    def summary(result):
        return _(
            "Producers: %(producers_created)s created, %(producers_updated)s updated, "
            "%(producers_unchanged)s unchanged. Offers: %(offers_created)s created, "
            "%(offers_updated)s updated, %(offers_unchanged)s unchanged."
        ) % vars(result)
