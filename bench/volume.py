"""What the benchmarks share: a fresh SQLite database in a temporary folder (the project's
own database is never touched), migrated, with the demo content and generated volume
(generate_directory_volume), under settings.dev; timing a page the same way, and spreading
made records over others."""

import os
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# As manage.py does: site/ holds the settings; the apps are at the repository's root.
sys.path[:0] = [str(REPO / "site"), str(REPO)]


def add_volume_arguments(parser):
    parser.add_argument("--producers", type=int, default=5000)
    parser.add_argument("--offers", type=int, default=30000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")


@contextmanager
def fresh_database(options):
    """Set up Django on a new database filled with the demo content and the volume asked."""
    folder = Path(tempfile.mkdtemp(prefix="salim-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "settings.dev"
    os.environ["DEBUG"] = "1"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    # Nothing shared: the cache is emptied during a run, so never a configured Redis.
    for name in ("REDIS_URL", "AWS_STORAGE_BUCKET_NAME"):
        os.environ.pop(name, None)
    try:
        import django

        # Static files are not requested: whitenoise need not find collected ones.
        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        django.setup()
        from django.core.management import call_command

        from directory.models import Offer, Producer

        print(f"Fresh SQLite database: {folder / 'bench.sqlite3'}")
        quiet = StringIO()
        for label, command, kwargs in [
            ("migrate", "migrate", {"verbosity": 0}),
            ("createcachetable", "createcachetable", {}),
            ("load_demo_content", "load_demo_content", {}),
            (
                "generate_directory_volume",
                "generate_directory_volume",
                {"producers": options.producers, "offers": options.offers},
            ),
        ]:
            started = time.perf_counter()
            call_command(command, stdout=quiet, stderr=quiet, **kwargs)
            print(f"  {label:<28} {time.perf_counter() - started:7.1f} s")
        print(
            f"Directory: {Producer.objects.count()} entries "
            f"({Producer.objects.markets().count()} markets), {Offer.objects.count()} offers"
        )
        print()
        yield folder
    finally:
        if options.keep:
            print(f"Database kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def time_page(client, url, before_each, runs):
    """Median and 95th-percentile time (ms) of a request, the median of the CPU time this
    process spent on it (steadier on a shared machine) and its queries (a range when they
    vary)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, cpu, queries = [], [], set()
    for run in range(runs + 1):
        if before_each:
            before_each()
        connection.queries_log.clear()  # it keeps 9,000 queries: a cold triage runs more
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            cpu_elapsed = (time.process_time() - cpu_started) * 1000
        assert response.status_code == 200, response.status_code
        if run:  # the first one fills what the others may find ready
            timings.append(elapsed)
            cpu.append(cpu_elapsed)
            queries.add(len(captured.captured_queries))
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
    counts = "-".join(str(n) for n in sorted(queries))
    return statistics.median(timings), p95, statistics.median(cpu), counts


def spread(items, number):
    """The items in a scattered but repeatable order."""
    return items[number * 7919 % len(items)]
