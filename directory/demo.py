"""Demo directory for the Grand Sud-Ouest network (see the load_demo_content command).

The data is in directory/fixtures/. demo_directory.csv is the spreadsheet of producers,
markets and offers, imported through directory/importing/ as editors import theirs,
so the demo shows what an import would (its search text included). The boroughs and
regions, categories, certifications, products and price observations, which editors
enter in the admin, are saved one by one through the models, as the admin saves them.

The producers, processors, distributors and solidarity markets are fictional, set in
real municipalities around Montréal with plausible addresses, seasons and 2026
wholesale prices; the public markets (Atwater, Jean-Talon, Maisonneuve, Lachine) are
real places whose hours are given as an approximation. Only what is missing is created:
running it again duplicates nothing and keeps editors' changes. The
generate_directory_volume command reuses the reference data and the places.
"""

import csv
import io
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from . import importing
from .demo_pictures import wagtail_image
from .models import (
    Area,
    Category,
    Certification,
    PriceObservation,
    Producer,
    ProducerPhoto,
    Product,
)
from .seasons import mask_to_months

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DIRECTORY_FILE = FIXTURES / "demo_directory.csv"

# The spreadsheet's dates are those of this day. Verification and price dates move by
# the days since, and markets' seasons to this year, so that the freshness panel shows
# the same mix of fresh and stale on whatever day the demo is loaded.
WRITTEN_ON = date(2026, 12, 1)
MOVED_BY_DAYS = ("verified_on", "price_date")
MOVED_TO_THIS_YEAR = ("season_start", "season_end")


def rows(name):
    """The records of fixtures/demo_<name>.csv, as dictionaries keyed by its header."""
    with open(FIXTURES / f"demo_{name}.csv", encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@transaction.atomic
def load(stdout, style):
    today = timezone.localdate()
    created = load_reference_data()
    created["entries and offers"] = import_directory(today)
    created["observations"] = load_price_history(today)
    created["photos"] = load_photos()
    producers = Producer.objects.all()
    stdout.write(
        style.SUCCESS(
            f"Directory: {producers.exclude(kind__in=Producer.MARKET_KINDS).count()} suppliers, "
            f"{producers.markets().count()} markets, {Product.objects.count()} products, "
            f"{PriceObservation.objects.count()} price observations "
            f"({sum(created.values())} records added)."
        )
    )


def load_reference_data():
    """Boroughs and regions, categories, certifications and products that are missing;
    an existing one is left as an editor made it. Returns the counts added."""
    created = Counter()
    for row in rows("areas"):
        created["areas"] += Area.objects.get_or_create(
            slug=row["slug"], defaults={"name": row["name"], "kind": row["kind"]}
        )[1]
    for row in rows("categories"):
        created["categories"] += Category.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name_fr": row["name_fr"],
                "name_en": row["name_en"],
                "kept_cold": importing.parse_boolean(row["kept_cold"]),
            },
        )[1]
    for row in rows("certifications"):
        created["certifications"] += Certification.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name_fr": row["name_fr"],
                "name_en": row["name_en"],
                "is_organic": importing.parse_boolean(row["organic"]),
            },
        )[1]
    categories = {category.slug: category for category in Category.objects.all()}
    for row in rows("products"):
        created["products"] += Product.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name_fr": row["name_fr"],
                "name_en": row["name_en"],
                "category": categories[row["category"]],
                "reference_unit": row["reference_unit"],
            },
        )[1]
    return created


def import_directory(today):
    """Import the demo spreadsheet, less the entries already in the directory (an entry
    that exists, however an editor changed it, is left alone with its offers). Returns
    how many entries and offers were created."""
    table, _encoding, _delimiter = importing.read_table(DIRECTORY_FILE.read_bytes())
    header, records = table[0], table[1:]
    columns = {key: index for index, key in importing.map_header(header)[0].items()}
    existing = set(Producer.objects.values_list("slug", flat=True))
    missing = [
        dated(record, columns, today)
        for record in records
        if slugify(record[columns["name"]])[:180] not in existing
    ]
    if not missing:
        return 0
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows([header, *missing])
    result = importing.run_import(text.getvalue().encode())
    if result.errors:
        problems = "; ".join(f"line {e.line} {e.column}: {e.message}" for e in result.errors)
        raise ValueError(f"{DIRECTORY_FILE.name} does not import: {problems}")
    return result.producers_created + result.offers_created


def dated(record, columns, today):
    """The record with its dates moved from WRITTEN_ON to today."""
    record = list(record)
    for key in (*MOVED_BY_DAYS, *MOVED_TO_THIS_YEAR):
        index = columns[key]
        if record[index]:
            written = date.fromisoformat(record[index])
            if key in MOVED_BY_DAYS:
                moved = written + (today - WRITTEN_ON)
            else:
                moved = written.replace(year=today.year)
            record[index] = moved.isoformat()
    return record


def load_price_history(today):
    """One observation a month over the last twelve months for each product and origin
    of demo_prices.csv; a month already observed is left alone. Returns how many were
    added."""
    products = {product.slug: product for product in Product.objects.all()}
    added = 0
    for row in rows("prices"):
        product = products[row["product"]]
        seen_at = Producer.objects.filter(slug=row["seen_at"]).first() if row["seen_at"] else None
        seen = set(
            PriceObservation.objects.filter(product=product, origin=row["origin"]).values_list(
                "observed_on__year", "observed_on__month"
            )
        )
        for back in range(12):
            year, month_index = divmod(today.year * 12 + today.month - 1 - back, 12)
            month = month_index + 1
            price = row[str(month)]
            if not price or (year, month) in seen:
                continue
            PriceObservation(
                product=product,
                observed_on=min(date(year, month, 15), today),
                price=Decimal(price),
                unit=product.reference_unit,
                origin=row["origin"],
                producer=seen_at,
                source=row["source"],
            ).save()
            added += 1
    return added


# The photo of a few entries: an illustration drawn for the demo (demo_pictures), with
# its alternative text. (entry slug, scene, alternative text)
PHOTOS = [
    (
        "ferme-menard-daoust",
        "field",
        "Illustration : des rangs de carottes et une grange rouge à Saint-Rémi.",
    ),
    (
        "les-jardins-lavigueur-et-filles",
        "greens",
        "Illustration : des planches de laitues devant une serre-tunnel.",
    ),
    (
        "verger-des-collines-de-hemmingford",
        "orchard",
        "Illustration : des pommiers chargés de pommes rouges.",
    ),
    (
        "ferme-avicole-sainte-martine",
        "henhouse",
        "Illustration : des poules en liberté devant le poulailler.",
    ),
    ("maraichers-beaulac", "field", "Illustration : un champ de légumes racines."),
    (
        "verger-de-la-montagne-ronde",
        "orchard",
        "Illustration : le verger et ses caisses de pommes.",
    ),
    (
        "marche-atwater",
        "market",
        "Illustration : un étal de fruits et légumes sous un auvent rayé.",
    ),
]


def load_photos():
    """A photo for the entries of PHOTOS that have none, added as an editor adds one in
    the entry's editor. Returns how many were added."""
    added = 0
    for seed, (slug, scene, alt_text) in enumerate(PHOTOS):
        producer = Producer.objects.filter(slug=slug).first()
        if producer is None or producer.photos.exists():
            continue
        image = wagtail_image(f"Photo de démonstration : {producer.name}", scene, seed)
        producer.photos = [ProducerPhoto(image=image, alt_text=alt_text, sort_order=0)]
        producer.save()
        added += 1
    return added


# For generate_directory_volume


def catalogue():
    """{product slug: (the months it is in season, its typical price)}."""
    return {
        row["slug"]: (
            mask_to_months(importing.parse_months(row["season"])),
            Decimal(row["typical_price"]),
        )
        for row in rows("products")
    }


def places():
    """(city, postal code, area slug, latitude, longitude, distance class, phone area
    code) of each located supplier of the demo, for generated entries to lie among."""
    distances = importing.choice_lookup(Producer.DistanceClass.choices, importing.DISTANCE_WORDS)
    found = []
    for row in rows("directory"):
        if not (row["latitude"] and row["téléphone"]):
            continue  # markets have no phone; later rows repeat only the name
        found.append(
            (
                row["ville"],
                row["code postal"],
                row["arrondissement ou région"],
                float(row["latitude"]),
                float(row["longitude"]),
                importing.parse_choice(row["distance"], distances),
                row["téléphone"].split()[0],
            )
        )
    return found
