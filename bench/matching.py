"""Benchmark of matching a need with the directory's producers (community.needs.rules.suggestions)
with 5,000 extra entries and 30,000 offers.

    .venv/bin/python bench/matching.py [--runs 30] [--producers 5000] [--offers 30000] [--keep]

On a fresh SQLite database (bench/volume.py), a community organisation posts two needs:
one product (carrots, 40 kg a week all winter) and a whole category (vegetables). Each
is matched N times; the script prints the offers read, the producers suggested, the
median and 95th-percentile time and the SQL queries per match, which must not grow with
the directory (a handful, whatever its size). It then times the "needs for me" list of
the producer with the most offers.
"""

import argparse
import statistics
import time
from datetime import date
from decimal import Decimal

from volume import add_volume_arguments, fresh_database


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="measured matches per need")
    add_volume_arguments(parser)
    options = parser.parse_args()
    with fresh_database(options):
        measure(options)


def measure(options):
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from community.models import Need, Organisation  # noqa: I001 (after Django is set up)
    from community.needs import rules as needs
    from community.needs.matching import offer_facts
    from directory.models import Area, Category, Offer, Producer, Product

    verdun = Area.objects.filter(slug="verdun").first()
    kitchen = Organisation.objects.create(
        name="Cuisine du banc d'essai", kind="community_kitchen", status="approved", borough=verdun
    )
    carrots = Product.objects.annotate(n=Count("offers")).order_by("-n").first()
    vegetables = Category.objects.annotate(n=Count("products__offers")).order_by("-n").first()
    year = date.today().year
    common = {
        "organisation": kitchen,
        "quantity": Decimal("40"),
        "unit": "kg",
        "frequency": "weekly",
        "wanted_from": date(year, 11, 1),
        "wanted_until": date(year + 1, 3, 31),
        "budget_per_unit": Decimal("3.00"),
    }
    cases = [
        (f"product: {carrots.name_fr}", Need.objects.create(product=carrots, **common)),
        (f"category: {vegetables.name_fr}", Need.objects.create(category=vegetables, **common)),
    ]
    print(f"{options.runs} matches per need")
    print(
        f"{'need':<32} {'offers':>7} {'suggested':>9} {'median ms':>9} {'p95 ms':>8} {'queries':>8}"
    )
    for label, need in cases:
        offers = len(offer_facts(needs.product_ids(need)))
        timings, queries = [], set()
        for _run in range(options.runs):
            need = Need.objects.select_related("organisation").get(pk=need.pk)
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                suggested = needs.suggestions(need)
                timings.append((time.perf_counter() - started) * 1000)
            queries.add(len(captured.captured_queries))
        p95 = statistics.quantiles(timings, n=20)[-1]
        spread = "-".join(str(n) for n in sorted(queries))
        print(
            f"{label:<32} {offers:>7} {len(suggested):>9} {statistics.median(timings):9.1f} "
            f"{p95:8.1f} {spread:>8}"
        )

    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from community.models import Membership, User

    producer = Producer.objects.annotate(n=Count("offers")).order_by("-n").first()
    # The demo's producers with an account have their business already.
    business = Organisation.objects.filter(
        producer=producer
    ).first() or Organisation.objects.create(
        name="Producteur du banc d'essai", kind="producer", status="approved", producer=producer
    )
    farmer = User.objects.create_user("bench-farmer", "bench-farmer@example.org", "x")
    Membership.objects.create(user=farmer, organisation=business, status="approved")
    client = Client()
    client.force_login(farmer)
    with translation.override("fr"):
        url = reverse("community:needs_for_me")
    timings, queries = [], set()
    for _run in range(options.runs):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        queries.add(len(captured.captured_queries))
    print(
        f'"needs for me" of {producer.name} ({Offer.objects.filter(producer=producer).count()} '
        f"offers): median {statistics.median(timings):.1f} ms, "
        f"queries {'-'.join(str(n) for n in sorted(queries))}"
    )


if __name__ == "__main__":
    main()
