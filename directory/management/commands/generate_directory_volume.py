"""Volume for benchmarks: thousands of directory entries and offers, written in batches.

    manage.py generate_directory_volume --producers 5000 --offers 30000 [--seed 1]

Entries lie around Montréal in the demo's municipalities, with varied kinds, areas,
delivery areas, certifications and flags; offers spread over the existing products
(the demo's catalogue is created when there is none). bulk_create skips save() and
signals, so the entries' search text is computed at the end, as saving them would."""

import itertools
import random
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from directory import demo
from directory.models import Area, Category, Certification, Offer, Producer, Product
from directory.seasons import ALL_YEAR, months_between, months_to_mask
from directory.signals import bump_version

Kind = Producer.Kind

# How often each kind comes up, roughly as in a real directory: mostly farms.
KIND_WEIGHTS = {
    Kind.FARM: 30,
    Kind.MARKET_GARDEN: 20,
    Kind.ORCHARD: 8,
    Kind.DAIRY: 6,
    Kind.PROCESSOR: 8,
    Kind.COOPERATIVE: 4,
    Kind.DISTRIBUTOR: 4,
    Kind.WHOLESALER: 2,
    Kind.IMPORTER: 1,
    Kind.PUBLIC_MARKET: 1,
    Kind.FARMERS_MARKET: 3,
    Kind.SOLIDARITY_MARKET: 3,
    Kind.KIOSK: 3,
}
NAME_PREFIXES = {
    Kind.FARM: ["Ferme", "Ferme familiale", "Domaine"],
    Kind.MARKET_GARDEN: ["Jardins", "Potager", "Maraîcher"],
    Kind.ORCHARD: ["Verger", "Vergers"],
    Kind.DAIRY: ["Laiterie", "Ferme laitière"],
    Kind.PROCESSOR: ["Conserverie", "Fromagerie", "Boulangerie", "Moulin"],
    Kind.COOPERATIVE: ["Coopérative", "Coop"],
    Kind.DISTRIBUTOR: ["Distributions", "Fraîcheur"],
    Kind.WHOLESALER: ["Vrac", "Grossiste"],
    Kind.IMPORTER: ["Importations"],
    Kind.PUBLIC_MARKET: ["Marché public"],
    Kind.FARMERS_MARKET: ["Marché fermier"],
    Kind.SOLIDARITY_MARKET: ["Marché solidaire"],
    Kind.KIOSK: ["Kiosque"],
}
# Surnames common in Québec, for plausible names.
FAMILY_NAMES = (  # noqa: SIM905 (easier to read as text than as 45 quoted items)
    "Tremblay Gagnon Roy Côté Bouchard Gauthier Morin Lavoie Fortin Gagné Ouellet Pelletier "
    "Bélanger Lévesque Bergeron Leblanc Paquette Girard Simard Boucher Caron Beaulieu Cloutier "
    "Dubé Poirier Fournier Lapointe Leclerc Lefebvre Poulin Thibault St-Pierre Nadeau Martin "
    "Landry Martel Bédard Grenier Lessard Bernier Richard Michaud Hébert Desjardins Couture"
).split()
DELIVERY_DAYS = [
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "mardi et vendredi",
    "lundi et jeudi",
    "du lundi au vendredi",
    "aux deux semaines",
    "sur rendez-vous",
]
MINIMUM_ORDERS = [None, None, 50, 75, 100, 150, 200, 250, 300, 500]
PLATFORMS = ["", "", "", "", "ProxiFerme", "Circuit Agro"]
GRADE_WEIGHTS = {
    Offer.Grade.STANDARD: 75,
    Offer.Grade.SECONDS: 15,
    Offer.Grade.PREMIUM: 5,
    Offer.Grade.PROCESSING: 5,
}


class Command(BaseCommand):
    help = (
        "Add many directory entries and offers for benchmarks (bulk inserts in batches). "
        "Refuses to run with DEBUG off unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--producers", type=int, default=5000, help="entries to add")
        parser.add_argument("--offers", type=int, default=30000, help="offers to add")
        parser.add_argument("--seed", type=int, default=1, help="same seed, same data")
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument(
            "--force", action="store_true", help="run even when DEBUG is off (not for production)"
        )

    def handle(self, *args, producers, offers, seed, batch_size, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "This fills the directory with generated entries, for benchmarks: it refuses "
                "to run when DEBUG is off. Add --force if you really mean it."
            )
        if producers < 0 or offers < 0 or batch_size < 1:
            raise CommandError(
                "--producers and --offers cannot be negative, --batch-size must be positive."
            )
        self.rng = random.Random(seed)  # noqa: S311 (reproducible test data, nothing secret)
        self.batch_size = batch_size
        self.today = timezone.localdate()
        with transaction.atomic():
            self.ensure_reference_data()
            new_producers = self.create_producers(producers, seed)
            added_offers = self.create_offers(offers, new_producers)
            Producer.objects.all().refresh_search_text()
            bump_version()  # bulk_create sends no post_save: what was cached is out of date
        self.stdout.write(
            self.style.SUCCESS(f"Added {len(new_producers)} entries and {added_offers} offers.")
        )

    # --- Reference data -------------------------------------------------------------------

    def ensure_reference_data(self):
        """Areas, certifications and a catalogue of products from the demo's files when
        the database has none."""
        if not Product.objects.exists():
            demo.load_reference_data()
        self.catalogue = demo.catalogue()
        self.areas = {area.slug: area for area in Area.objects.all()}
        self.boroughs = [area for area in self.areas.values() if area.kind == Area.Kind.BOROUGH]
        self.certifications = list(Certification.objects.all())
        self.products = list(Product.objects.select_related("category").order_by("pk"))
        self.categories = list(Category.objects.all())

    # --- Entries ----------------------------------------------------------------------------

    def create_producers(self, count, seed):
        if not count:
            return []
        # Slugs carry the seed and a number that follows any earlier run's.
        prefix = f"v{seed}-"
        first = Producer.objects.filter(slug__contains=f"-{prefix}").count() + 1
        kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
        places = demo.places()
        created = []
        for start in range(0, count, self.batch_size):
            size = min(self.batch_size, count - start)
            batch = [
                self.producer(
                    self.rng.choices(kinds, weights)[0], places, f"{prefix}{first + start + i}"
                )
                for i in range(size)
            ]
            Producer.objects.bulk_create(batch)
            self.add_relations(batch)
            created.extend(batch)
            self.stdout.write(f"Entries: {start + size}/{count}")
        return created

    def producer(self, kind, places, suffix):
        rng = self.rng
        name = f"{rng.choice(NAME_PREFIXES[kind])} {rng.choice(FAMILY_NAMES)}-{rng.choice(FAMILY_NAMES)}"
        slug = f"{slugify(name)}-{suffix}"
        city, postal_code, area_slug, latitude, longitude, distance, phone_code = rng.choice(places)
        is_market = kind in Producer.MARKET_KINDS
        if is_market:
            distance = Producer.DistanceClass.LOCAL
        elif kind == Kind.IMPORTER:
            distance = Producer.DistanceClass.IMPORTED
        producer = Producer(
            name=name,
            slug=slug,
            kind=kind,
            description=f"{name} : entrée générée pour les mesures de performance.",
            address=f"{rng.randint(1, 9999)}, rang {rng.choice(FAMILY_NAMES)}",
            city=city,
            postal_code=postal_code,
            area=self.areas.get(area_slug) or rng.choice(list(self.areas.values())),
            distance_class=distance,
            phone=f"{phone_code} 555-01{rng.randint(0, 99):02d}",
            email=f"info@{slug}.example",
            orders_by_phone=rng.random() < 0.7,
            orders_by_email=rng.random() < 0.6,
            orders_by_website=rng.random() < 0.2,
            ordering_platform=rng.choice(PLATFORMS),
            order_lead_time_days=rng.choice([None, 1, 2, 3, 5, 7, 10]),
            delivery_days=rng.choice(DELIVERY_DAYS),
            pickup_available=rng.random() < 0.3,
            minimum_order=self.decimal(rng.choice(MINIMUM_ORDERS)),
            accepts_carte_proximite=rng.random() < (0.7 if is_market else 0.1),
            open_to_donations=rng.random() < 0.15,
            open_to_gleaning=rng.random() < 0.1,
            last_verified_on=self.today - timedelta(days=rng.randint(0, 600)),
        )
        if rng.random() < 0.98:
            spread = 0.01 if distance == Producer.DistanceClass.LOCAL else 0.05
            producer.latitude = Decimal(f"{latitude + rng.uniform(-spread, spread):.6f}")
            producer.longitude = Decimal(f"{longitude + rng.uniform(-spread, spread):.6f}")
        if is_market:
            year = self.today.year
            producer.opening_hours = f"Samedi, {rng.randint(8, 10)} h à {rng.randint(13, 17)} h."
            producer.season_start = date(year, rng.randint(5, 6), 1)
            producer.season_end = date(year, rng.randint(9, 10), 30)
        return producer

    def add_relations(self, batch):
        """Delivery areas, certifications and categories sold, through the join tables
        (bulk_create writes no many-to-many relation itself)."""
        rng = self.rng
        delivery, certified, sold = [], [], []
        DeliveryArea = Producer.delivery_areas.through
        Certified = Producer.certifications.through
        Sold = Producer.categories_sold.through
        for producer in batch:
            if producer.is_market:
                for category in rng.sample(
                    self.categories, min(len(self.categories), rng.randint(2, 5))
                ):
                    sold.append(Sold(producer_id=producer.pk, category_id=category.pk))
                continue
            for area in rng.sample(self.boroughs, min(len(self.boroughs), rng.randint(0, 5))):
                delivery.append(DeliveryArea(producer_id=producer.pk, area_id=area.pk))
            chosen = rng.sample(
                self.certifications, min(len(self.certifications), rng.choice([0, 0, 1, 1, 2]))
            )
            for certification in chosen:
                certified.append(
                    Certified(producer_id=producer.pk, certification_id=certification.pk)
                )
        DeliveryArea.objects.bulk_create(delivery)
        Certified.objects.bulk_create(certified)
        Sold.objects.bulk_create(sold)

    # --- Offers -----------------------------------------------------------------------------

    def create_offers(self, count, new_producers):
        if not count:
            return 0
        if not self.products:
            raise CommandError("No products to make offers of.")
        suppliers = [p for p in new_producers if not p.is_market]
        if not new_producers:
            suppliers = list(
                Producer.objects.exclude(kind__in=Producer.MARKET_KINDS).order_by("pk")
            )
        if not suppliers:
            raise CommandError("No suppliers (non-market entries) to attach offers to.")
        capacity = len(self.products) * len(GRADE_WEIGHTS)
        if count > capacity * len(suppliers):
            raise CommandError(
                f"{count} offers do not fit: {len(suppliers)} suppliers × {capacity} "
                "product and grade pairs at most."
            )
        # Offers of an organic-certified supplier are organic.
        self.organic = set(
            Producer.certifications.through.objects.filter(
                certification__is_organic=True
            ).values_list("producer_id", flat=True)
        )
        # New entries have no offers yet; existing ones may.
        taken = (
            set()
            if new_producers
            else set(Offer.objects.values_list("producer_id", "product_id", "grade"))
        )
        # Every supplier gets an even share, the remainder going to a random few.
        shares = [count // len(suppliers)] * len(suppliers)
        for index in self.rng.sample(range(len(suppliers)), count % len(suppliers)):
            shares[index] += 1
        batch, written = [], 0
        for supplier, share in zip(suppliers, shares, strict=True):
            for product, grade in self.pairs(supplier, share, taken):
                batch.append(self.offer(supplier, product, grade))
                if len(batch) == self.batch_size:
                    written += len(Offer.objects.bulk_create(batch))
                    self.stdout.write(f"Offers: {written}/{count}")
                    batch = []
        if batch:
            written += len(Offer.objects.bulk_create(batch))
            self.stdout.write(f"Offers: {written}/{count}")
        return written

    def pairs(self, supplier, share, taken):
        """`share` distinct (product, grade) pairs for the supplier: each product once with
        a weighted grade first, then the other grades."""
        if not share:
            return []
        rng = self.rng
        products = rng.sample(self.products, len(self.products))
        grades, weights = list(GRADE_WEIGHTS), list(GRADE_WEIGHTS.values())
        # Generators: only as many candidates are drawn as the share needs.
        candidates = itertools.chain(
            ((product, rng.choices(grades, weights)[0]) for product in products),
            ((product, grade) for product in products for grade in grades),
        )
        chosen, seen = [], set()
        for product, grade in candidates:
            key = (supplier.pk, product.pk, grade)
            if key in seen or key in taken:
                continue
            seen.add(key)
            chosen.append((product, grade))
            if len(chosen) == share:
                break
        return chosen

    def offer(self, supplier, product, grade):
        rng = self.rng
        details = self.catalogue.get(product.slug)
        if details:
            months, typical = details
            price = typical * Decimal(f"{rng.uniform(0.8, 1.25):.3f}")
        else:
            first = rng.randint(1, 12)
            months = months_between(first, (first + rng.randint(2, 11) - 1) % 12 + 1)
            price = Decimal(f"{rng.uniform(1, 15):.2f}")
        if supplier.kind in (Kind.DISTRIBUTOR, Kind.WHOLESALER, Kind.IMPORTER):
            months = range(1, 13)
        if grade == Offer.Grade.SECONDS:
            price *= Decimal("0.65")
        has_price = rng.random() < 0.95
        return Offer(
            producer_id=supplier.pk,
            product_id=product.pk,
            unit=product.reference_unit,
            price=price.quantize(Decimal("0.01")) if has_price else None,
            price_seen_on=self.today - timedelta(days=rng.randint(0, 400)) if has_price else None,
            months=ALL_YEAR if len(months) == 12 else months_to_mask(months),
            grade=grade,
            weekly_capacity=self.decimal(rng.choice([None, 20, 50, 100, 250, 500, 1000])),
            organic=supplier.pk in self.organic,
        )

    @staticmethod
    def decimal(value):
        return None if value is None else Decimal(value)
