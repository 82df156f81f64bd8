"""Benchmark of the procurement specialist's workspace: the triage of new needs and a
busy producer's timeline, over 5,000 extra directory entries and 30,000 offers.

    .venv/bin/python bench/workspace.py [--runs 10] [--needs 300] [--records 2000] [--keep]

On a fresh SQLite database (bench/volume.py), `--needs` open needs without an answer are
posted (half for one product, half for a whole category, spread over the catalogue), and
the producer with the most offers gets `--records` interactions, follow-ups and log
entries. The script prints, for the triage page and the timeline page, the median and
95th-percentile time of a request and its SQL queries, which must not grow with the data.
"""

import argparse
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal

from volume import add_volume_arguments, fresh_database


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="measured requests per page")
    parser.add_argument("--needs", type=int, default=300, help="open needs to triage")
    parser.add_argument("--records", type=int, default=2000, help="records in one timeline")
    add_volume_arguments(parser)
    options = parser.parse_args()
    with fresh_database(options):
        measure(options)


def measure(options):
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from community.models import FollowUp, Interaction, Need, Organisation, User
    from directory.models import Area, Category, Producer, Product

    today = date.today()
    areas = list(Area.objects.all())
    organisations = [
        Organisation.objects.create(
            name=f"Organisme du banc d'essai {number}",
            kind="community_kitchen",
            status="approved",
            borough=spread(areas, number) if areas else None,
        )
        for number in range(20)
    ]
    products = list(Product.objects.values_list("pk", flat=True))
    categories = list(Category.objects.values_list("pk", flat=True))
    Need.objects.bulk_create(
        Need(
            organisation=spread(organisations, number),
            product_id=spread(products, number) if number % 2 else None,
            category_id=None if number % 2 else spread(categories, number),
            quantity=Decimal(5 + number % 195),
            unit="kg",
            frequency="weekly",
            wanted_from=today,
            wanted_until=today + timedelta(days=10 + number % 140),
        )
        for number in range(options.needs)
    )
    Need.objects.update(created_at=time_ago(days=5))

    staff = User.objects.create_user("bench-staff", "bench-staff@example.org", "x")
    staff.groups.add(Group.objects.get(name="Editors"))
    producer = Producer.objects.annotate(n=Count("offers")).order_by("-n").first()
    kinds = [kind for kind, _label in Interaction.Kind.choices]
    Interaction.objects.bulk_create(
        Interaction(
            kind=spread(kinds, number),
            producer=producer,
            happened_on=today - timedelta(days=number % 700),
            notes="Appel au sujet du plan de culture.",
            logged_by=staff,
        )
        for number in range(options.records)
    )
    FollowUp.objects.bulk_create(
        FollowUp(
            what="Rappeler",
            due_on=today + timedelta(days=number % 120 - 30),
            producer=producer,
            assigned_to=staff,
        )
        for number in range(options.records // 4)
    )
    client = Client()
    client.force_login(staff)
    pages = [
        (f"triage of {options.needs} needs", "/admin/workspace/triage/"),
        (
            f"timeline: {producer.name[:20]} ({options.records * 5 // 4} records)",
            f"/admin/workspace/producers/{producer.pk}/",
        ),
        ("the same timeline as CSV", f"/admin/workspace/producers/{producer.pk}/?format=csv"),
    ]
    print(f"{options.runs} requests per page")
    print(f"{'page':<48} {'median ms':>9} {'p95 ms':>8} {'queries':>8}")
    for label, url in pages:
        timings, queries = [], set()
        for _run in range(options.runs):
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
            queries.add(len(captured.captured_queries))
        p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
        counts = "-".join(str(n) for n in sorted(queries))
        print(f"{label:<48} {statistics.median(timings):9.1f} {p95:8.1f} {counts:>8}")


def spread(items, number):
    """The items in a scattered but repeatable order."""
    return items[number * 7919 % len(items)]


def time_ago(days):
    from django.utils import timezone

    return timezone.now() - timedelta(days=days)


if __name__ == "__main__":
    main()
