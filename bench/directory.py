"""Benchmark of the public directory with 5,000 extra entries and 30,000 offers.

    .venv/bin/python bench/directory.py [--requests 30] [--producers 5000] [--offers 30000] [--keep]

It builds a fresh SQLite database in a temporary folder (bench/volume.py: the project's
own database is never touched): migrate, the demo content, generate_directory_volume. Then,
with Django's test client, it requests each page a few times to warm up and N times
measured, and prints per page the median and 95th-percentile server time, the SQL
queries per request and the response size. The home page is the yardstick: a directory
page should cost about the same. The GeoJSON is measured as served (from the cache, after
the first request) and with the cache emptied before each request; its size is given raw
and gzip-compressed. Every other public page type follows, from the demo's examples
(bench/server.py), so that their queries are seen not to grow with the directory.

Settings are settings.dev with DEBUG turned off while measuring (as in production; the
demo content needs DEBUG on to load), plain static storage (no collectstatic needed),
and the database cache of the default configuration.
"""

import argparse
import gzip
import re
import statistics
import time

from server import demo_page_urls
from volume import add_volume_arguments, fresh_database

TWO_FILTERS = "?category=legumes&delivers_to=verdun"
SEARCH = "?q=carottes"
PRODUCER = "ferme-menard-daoust"
PRODUCT = "carotte"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=30, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured requests first")
    add_volume_arguments(parser)
    options = parser.parse_args()
    with fresh_database(options):
        measure(options)


def measure(options):
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse
    from django.utils import translation

    with translation.override("fr"):
        producer_list = reverse("directory:producer_list")
        geojson = reverse("directory:producer_geojson")
        producer = reverse("directory:producer_detail", args=[PRODUCER])
        product = reverse("directory:product_detail", args=[PRODUCT])

    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(DEBUG=False, STORAGES=storages):
        client = Client(HTTP_ACCEPT_LANGUAGE="fr")
        last_page = last_page_number(client.get(producer_list).content.decode())

        cases = [
            ("home /fr/ (yardstick)", "/fr/", {}, None),
            ("producer list", producer_list, {}, None),
            ("list, two filters", producer_list + TWO_FILTERS, {}, None),
            ("list, search", producer_list + SEARCH, {}, None),
            (f"list, last page ({last_page})", f"{producer_list}?page={last_page}", {}, None),
            ("GeoJSON (cached)", geojson, {"HTTP_ACCEPT_ENCODING": "gzip"}, None),
            ("GeoJSON (cache emptied)", geojson, {"HTTP_ACCEPT_ENCODING": "gzip"}, cache.clear),
            ("producer page", producer, {}, None),
            ("product page", product, {}, None),
        ]
        with translation.override("fr"):
            found = demo_page_urls()
        public = found["pages"]["public"]
        for note in found["notes"]:
            print(note)
        measured = {"home", "directory", "producer", "product"}
        cases += [(name, url, {}, None) for name, url in public.items() if name not in measured]
        rows = []
        for label, url, headers, before_each in cases:
            rows.append((label, url, *time_page(client, url, headers, before_each, options)))

    print(f"{options.requests} measured requests per page after {options.warmup} warm-up requests")
    print(f"{'page':<28} {'median ms':>9} {'p95 ms':>8} {'queries':>8} {'KB':>8}  url")
    for label, url, median, p95, queries, size, _body in rows:
        print(f"{label:<28} {median:9.1f} {p95:8.1f} {queries:>8} {size / 1024:8.1f}  {url}")
    for label, _url, _median, _p95, _queries, size, body in rows:
        if label.startswith("GeoJSON"):
            raw = len(body)
            print(
                f"{label}: {raw / 1024:.1f} KB raw, {len(gzip.compress(body)) / 1024:.1f} KB gzip "
                f"(computed), {size / 1024:.1f} KB as served with Accept-Encoding: gzip"
            )


def last_page_number(html):
    """From the pagination's "Page 1 of N" ("Page 1 sur N"), else from the entry count."""
    found = re.search(r"Page\s+1\s+\w+\s+(\d+)", html)
    if found:
        return int(found.group(1))
    from directory import views
    from directory.models import Producer

    per_page = getattr(views, "PRODUCERS_PER_PAGE", 20)
    return max(1, -(-Producer.objects.count() // per_page))


def time_page(client, url, headers, before_each, options):
    """Median and 95th-percentile time (ms), queries per request (a range when they vary),
    size as served and the uncompressed body of the last response."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], []
    for number in range(options.warmup + options.requests):
        if before_each:
            before_each()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, **headers)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        if number >= options.warmup:
            timings.append(elapsed)
            queries.append(len(captured.captured_queries))
    served = b"".join(response) if response.streaming else response.content
    body = gzip.decompress(served) if response.get("Content-Encoding") == "gzip" else served
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
    spread = str(min(queries)) if min(queries) == max(queries) else f"{min(queries)}-{max(queries)}"
    return statistics.median(timings), p95, spread, len(served), body


if __name__ == "__main__":
    main()
