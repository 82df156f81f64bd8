"""Benchmark of the procurement specialist's workspace: the triage of new needs and a
busy producer's timeline, over 5,000 extra directory entries and 30,000 offers.

    .venv/bin/python bench/workspace.py [--runs 10] [--needs 300] [--records 2000] [--keep]

On a fresh SQLite database (bench/volume.py), `--needs` open needs without an answer are
posted (half for one product, half for a whole category, spread over the catalogue), and
the producer with the most offers gets `--records` interactions, follow-ups and log
entries. The script prints, for the triage page and the timeline page, the median and
95th-percentile time of a request and its SQL queries, which must not grow with the data;
for the triage, which caches its ranking, both cold (the cache emptied before each
request) and warm (as served until a need, an organisation or the directory changes).
"""

import argparse
import gc
from datetime import date, timedelta
from decimal import Decimal

from volume import add_volume_arguments, fresh_database, spread, time_page


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
    from django.core.cache import cache
    from django.db.models import Count
    from django.test import Client

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
    # What building the volume left behind would slow the collector, as in no server.
    gc.collect()
    gc.freeze()
    client = Client()
    client.force_login(staff)
    # (label, url, whether the page caches what it computes: then measured both ways)
    pages = [
        (f"triage of {options.needs} needs", "/admin/workspace/triage/", True),
        (
            f"timeline: {producer.name[:20]} ({options.records * 5 // 4} records)",
            f"/admin/workspace/producers/{producer.pk}/",
            False,
        ),
        (
            "the same timeline, last page",
            f"/admin/workspace/producers/{producer.pk}/?page=9999",
            False,
        ),
        (
            "the same timeline as CSV",
            f"/admin/workspace/producers/{producer.pk}/?format=csv",
            False,
        ),
    ]
    print(f"{options.runs} requests per page, after one unmeasured")
    print(f"{'page':<48} {'cache':<6} {'median ms':>9} {'p95 ms':>8} {'cpu ms':>7} {'queries':>8}")
    for label, url, cached in pages:
        # Cold: the cache emptied before each request; warm: as served between two changes.
        for state, before_each in (
            [("cold", cache.clear), ("warm", None)] if cached else [("-", None)]
        ):
            median, p95, cpu, counts = time_page(client, url, before_each, options.runs)
            print(f"{label:<48} {state:<6} {median:9.1f} {p95:8.1f} {cpu:7.1f} {counts:>8}")


def time_ago(days):
    from django.utils import timezone

    return timezone.now() - timedelta(days=days)


if __name__ == "__main__":
    main()
