"""Benchmark of the public page of the network's figures, over 5,000 extra directory
entries and a year of activity.

    .venv/bin/python bench/figures.py [--runs 10] [--needs 3000] [--keep]

On a fresh SQLite database (bench/volume.py), `--needs` needs are posted over the last
twelve months by 50 organisations, half of them answered, a tenth fulfilled, with a
surplus lot and a claim for every tenth and an accepted commitment for every twentieth.
The script prints the median and 95th-percentile time of an anonymous request to the
public page and its SQL queries, cold (the cache emptied before each request) and warm
(as served until a record it counts changes).
"""

import argparse
import gc
from datetime import timedelta
from decimal import Decimal

from volume import add_volume_arguments, fresh_database, spread, time_page


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="measured requests per case")
    parser.add_argument("--needs", type=int, default=3000, help="needs over the year")
    add_volume_arguments(parser)
    options = parser.parse_args()
    with fresh_database(options):
        measure(options)


def measure(options):
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone, translation

    from community.models import Answer, Claim, Commitment, Need, Organisation, SurplusLot
    from directory.models import Area, Producer, Product

    now = timezone.now()
    areas = list(Area.objects.all())
    organisations = [
        Organisation.objects.create(
            name=f"Organisme du banc d'essai {number}",
            kind="community_kitchen",
            status="approved",
            borough=spread(areas, number) if areas else None,
        )
        for number in range(50)
    ]
    producers = list(Producer.objects.exclude(kind__in=Producer.MARKET_KINDS)[:500])
    products = list(Product.objects.all())
    posted = [
        now - timedelta(hours=number * 8760 // options.needs) for number in range(options.needs)
    ]
    needs = Need.objects.bulk_create(
        Need(
            organisation=spread(organisations, number),
            product=spread(products, number),
            quantity=Decimal(5 + number % 195),
            unit="kg",
            frequency="weekly",
            wanted_from=posted[number].date(),
            wanted_until=posted[number].date() + timedelta(days=60),
            status="fulfilled" if number % 10 == 0 else "open",
        )
        for number in range(options.needs)
    )
    for need, when in zip(needs, posted, strict=True):
        need.created_at = when
    Need.objects.bulk_update(needs, ["created_at"])
    Answer.objects.bulk_create(
        Answer(
            need=need,
            producer=spread(producers, number),
            unit_price=Decimal("2.50"),
            quantity=need.quantity,
        )
        for number, need in enumerate(needs)
        if number % 2 == 0
    )
    lots = SurplusLot.objects.bulk_create(
        SurplusLot(
            producer=spread(producers, number),
            product=spread(products, number),
            quantity=Decimal(100),
            remaining=Decimal(60),
            pickup_place="Kiosque",
            pickup_from=posted[number],
            pickup_until=posted[number] + timedelta(days=2),
            expires_at=posted[number] + timedelta(days=2),
            created_at=posted[number],
        )
        for number in range(0, options.needs, 10)
    )
    Claim.objects.bulk_create(
        Claim(lot=lot, organisation=spread(organisations, number), quantity=Decimal(40))
        for number, lot in enumerate(lots)
    )
    Commitment.objects.bulk_create(
        Commitment(
            organisation=spread(organisations, number),
            producer=spread(producers, number),
            product=spread(products, number),
            quantity=Decimal(40),
            basis="week",
            starts_on=posted[number].date(),
            ends_on=posted[number].date() + timedelta(days=27),
            status="accepted",
            decided_at=posted[number],
        )
        for number in range(0, options.needs, 20)
    )
    print(
        f"Activity: {options.needs} needs, {len(lots)} surplus lots, {options.needs // 20} commitments"
    )

    with translation.override("fr"):
        url = reverse("community:network_figures")
    # What building the volume left behind would slow the collector, as in no server.
    gc.collect()
    gc.freeze()
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    print(f"{options.runs} requests per case, after one unmeasured")
    print(
        f"{'page':<16} {'cache':<6} {'median ms':>9} {'p95 ms':>8} {'cpu ms':>7} {'queries':>8}  url"
    )
    for state, before_each in [("cold", cache.clear), ("warm", None)]:
        median, p95, cpu, counts = time_page(client, url, before_each, options.runs)
        print(
            f"{'public figures':<16} {state:<6} {median:9.1f} {p95:8.1f} {cpu:7.1f} {counts:>8}  {url}"
        )


if __name__ == "__main__":
    main()
