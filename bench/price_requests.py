"""Benchmark of sending a price request to 200 producers (community.price_requests): the
organisation's request only records the round and enqueues its emails.

    .venv/bin/python bench/price_requests.py [--runs 10] [--asked 200] [--producers 5000]
                                              [--offers 30000] [--keep]

On a fresh SQLite database (bench/volume.py), a community organisation posts a need for
the product with the most offers (in its most common unit, over a year), N times; each time it sends a price request to the first
`asked` producers suggested, through the page (Django's test client). The script prints
the median and 95th-percentile time and the SQL queries of that request, then the time the
worker takes to write the emails of one round (sent by the worker, not by the request).
"""

import argparse
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal

from volume import add_volume_arguments, fresh_database


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="price requests sent")
    parser.add_argument("--asked", type=int, default=200, help="producers asked each time")
    add_volume_arguments(parser)
    options = parser.parse_args()
    with fresh_database(options):
        measure(options)


def measure(options):
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import translation

    from community.models import Membership, Need, Organisation, User  # noqa: I001
    from community.price_requests import rules
    from community.price_requests.models import PriceRound, default_deadline
    from directory.models import Area, Offer, Product

    verdun = Area.objects.filter(slug="verdun").first()
    kitchen = Organisation.objects.create(
        name="Cuisine du banc d'essai", kind="community_kitchen", status="approved", borough=verdun
    )
    cook = User.objects.create_user("bench-cook", "bench-cook@example.org", "x")
    Membership.objects.create(user=cook, organisation=kitchen, status="approved")
    product = Product.objects.annotate(n=Count("offers")).order_by("-n").first()
    # In the unit most of its offers are sold in, over a year: every offer can answer.
    unit = (
        Offer.objects.filter(product=product)
        .values("unit")
        .annotate(n=Count("pk"))
        .order_by("-n")[0]["unit"]
    )
    today = date.today()
    client = Client()
    client.force_login(cook)
    timings, queries, asked = [], set(), set()
    for _run in range(options.runs):
        need = Need.objects.create(
            organisation=kitchen,
            posted_by=cook,
            product=product,
            quantity=Decimal("40"),
            unit=unit,
            frequency="weekly",
            wanted_from=today,
            wanted_until=today + timedelta(days=364),
            budget_per_unit=Decimal("3.00"),
        )
        candidates = rules.candidates(need)[: options.asked]
        with translation.override("fr"):
            url = reverse("community:price_request_send", args=[need.pk])
        data = {
            "producers": [c.producer.pk for c in candidates],
            "deadline": default_deadline().isoformat(),
        }
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.post(url, data)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 302, response.status_code
        queries.add(len(captured.captured_queries))
        asked.add(PriceRound.objects.get(need=need).requests.count())
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
    print(
        f"Price request to {'-'.join(str(n) for n in sorted(asked))} producers "
        f"({options.runs} runs): median {statistics.median(timings):.1f} ms, "
        f"p95 {p95:.1f} ms, queries {'-'.join(str(n) for n in sorted(queries))}"
    )
    price_round = PriceRound.objects.order_by("-pk").first()
    started = time.perf_counter()
    emails = rules.request_emails(price_round.pk)
    print(
        f"The worker writes its {len(emails)} emails in "
        f"{(time.perf_counter() - started) * 1000:.0f} ms (not in the request)"
    )


if __name__ == "__main__":
    main()
