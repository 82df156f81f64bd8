"""The columns of the import file, the fields they fill, and the header matched to them."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .report import RowError
from .words import normalize


@dataclass(frozen=True)
class Column:
    """A column of the import file: its English and French headers, and other spellings
    people use for it."""

    key: str
    english: str
    french: str
    aliases: tuple = ()
    required: bool = False


COLUMNS = (
    Column("name", "name", "nom", required=True),
    Column("kind", "kind", "type"),
    Column("address", "address", "adresse"),
    Column("city", "city", "ville", ("municipalité",)),
    Column("postal_code", "postal code", "code postal"),
    Column(
        "area",
        "area",
        "arrondissement ou région",
        ("arrondissement", "région", "borough", "borough or region"),
    ),
    Column("latitude", "latitude", "latitude", ("lat",)),
    Column("longitude", "longitude", "longitude", ("lng", "lon")),
    Column("distance", "distance", "distance", ("distance class", "provenance")),
    Column("phone", "phone", "téléphone", ("tél",)),
    Column("email", "email", "courriel", ("e-mail", "adresse courriel")),
    Column("website", "website", "site web", ("site internet",)),
    Column("description", "description", "description"),
    Column("carte_proximite", "carte proximité", "carte proximité", ("accepts carte proximite",)),
    Column("pickup", "pickup", "cueillette", ("pickup available",)),
    Column("minimum_order", "minimum order", "commande minimum", ("commande minimale",)),
    Column("pickup_details", "pickup details", "détails de la cueillette", ("détails cueillette",)),
    Column("orders_by_phone", "orders by phone", "commande par téléphone"),
    Column("orders_by_email", "orders by email", "commande par courriel"),
    Column("orders_by_website", "orders online", "commande en ligne", ("orders on its website",)),
    Column("platform", "producers' platform", "plateforme", ("plateforme de producteurs",)),
    Column("lead_time", "order lead time", "délai de commande", ("lead time", "délai")),
    Column("delivery_days", "delivery days", "jours de livraison"),
    Column("delivers_to", "delivers to", "livre à", ("delivery areas", "zones de livraison")),
    Column("certifications", "certifications", "certifications", ("labels",)),
    Column("discounts", "volume discounts", "remises sur volume", ("remises",)),
    Column("donations", "open to donations", "dons", ("ouvert aux dons",)),
    Column("gleaning", "open to gleaning", "glanage", ("ouvert au glanage",)),
    Column("opening_hours", "opening hours", "heures d'ouverture", ("horaire",)),
    Column("season_start", "season starts", "début de saison"),
    Column("season_end", "season ends", "fin de saison"),
    Column("categories_sold", "categories sold", "catégories vendues"),
    Column("verified_on", "verified on", "vérifié le", ("information verified on",)),
    Column("product", "product", "produit"),
    Column("unit", "unit", "unité"),
    Column("price", "price", "prix", ("unit price", "prix unitaire")),
    Column("price_date", "price date", "date du prix", ("price seen on",)),
    Column("months", "months", "mois", ("season", "saison")),
    Column("grade", "grade", "qualité", ("quality",)),
    Column("organic", "organic", "bio", ("biologique",)),
    Column("weekly_capacity", "weekly capacity", "capacité hebdomadaire"),
)

# Column key → Producer field. The rest of the columns describe the offer.
PRODUCER_FIELDS = {
    "name": "name",
    "kind": "kind",
    "address": "address",
    "city": "city",
    "postal_code": "postal_code",
    "area": "area",
    "latitude": "latitude",
    "longitude": "longitude",
    "distance": "distance_class",
    "phone": "phone",
    "email": "email",
    "website": "website",
    "description": "description",
    "carte_proximite": "accepts_carte_proximite",
    "pickup": "pickup_available",
    "minimum_order": "minimum_order",
    "pickup_details": "pickup_details",
    "orders_by_phone": "orders_by_phone",
    "orders_by_email": "orders_by_email",
    "orders_by_website": "orders_by_website",
    "platform": "ordering_platform",
    "lead_time": "order_lead_time_days",
    "delivery_days": "delivery_days",
    "delivers_to": "delivery_areas",
    "certifications": "certifications",
    "discounts": "discount_tiers",
    "donations": "open_to_donations",
    "gleaning": "open_to_gleaning",
    "opening_hours": "opening_hours",
    "season_start": "season_start",
    "season_end": "season_end",
    "categories_sold": "categories_sold",
    "verified_on": "last_verified_on",
}
# Fields that hold several records: a cell lists them all (and replaces the list).
MANY_FIELDS = ("delivery_areas", "certifications", "categories_sold")
BOOLEAN_COLUMNS = (
    "carte_proximite",
    "pickup",
    "orders_by_phone",
    "orders_by_email",
    "orders_by_website",
    "donations",
    "gleaning",
)
OFFER_FIELDS = {
    "price": "price",
    "price_date": "price_seen_on",
    "months": "months",
    "organic": "organic",
    "weekly_capacity": "weekly_capacity",
}
OFFER_KEY_COLUMNS = ("product", "unit", "grade")


def map_header(header):
    """{cell index: column key}, errors and ignored headers, for the header line."""
    by_spelling = {}
    for column in COLUMNS:
        for spelling in (column.key, column.english, column.french, *column.aliases):
            by_spelling[normalize(spelling)] = column
    mapping, errors, ignored, seen = {}, [], [], {}
    for index, title in enumerate(header):
        if not title:
            continue
        column = by_spelling.get(normalize(title))
        if column is None:
            ignored.append(title)
        elif column.key in seen:
            errors.append(
                RowError(
                    1,
                    title,
                    _("This column repeats the column “%(other)s”.") % {"other": seen[column.key]},
                )
            )
        else:
            mapping[index] = column.key
            seen[column.key] = title
    for column in COLUMNS:
        if column.required and column.key not in seen:
            errors.append(
                RowError(
                    1,
                    "",
                    _("The file has no “%(french)s” (or “%(english)s”) column.")
                    % {"french": column.french, "english": column.english},
                )
            )
    return mapping, errors, ignored
