"""Importing producers and their offers from the spreadsheet the network already keeps.

The file has one row per offer; a producer's columns repeat on each of its rows, and a
row without a product only creates or updates the producer. French and English headers
are both understood, and so are the files French spreadsheets save (semicolons,
Windows-1252, decimal commas).

`plan_import` reads and checks the whole file without writing anything: that is the dry
run, and the preview editors confirm. `apply` writes a plan in one transaction, and only
a plan without a single error: a half-imported spreadsheet is worse than none. An empty
cell means "no information": it never erases what the directory already holds, so
importing the same file twice changes nothing the second time."""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Area, Category, Certification, DiscountTier, Offer, Producer, Product
from ..search import normalise
from ..seasons import ALL_YEAR, months_between, months_to_mask
from ..units import Unit
from ..uploads import decode_text


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

# Words people write for the choices, beside the values and the labels in either
# language (the labels come from the catalogues, these from spreadsheets seen in use).
KIND_WORDS = {
    "ferme": Producer.Kind.FARM,
    "ferme maraîchère": Producer.Kind.MARKET_GARDEN,
    "maraîcher": Producer.Kind.MARKET_GARDEN,
    "jardin maraîcher": Producer.Kind.MARKET_GARDEN,
    "verger": Producer.Kind.ORCHARD,
    "laiterie": Producer.Kind.DAIRY,
    "transformateur": Producer.Kind.PROCESSOR,
    "coopérative": Producer.Kind.COOPERATIVE,
    "coop": Producer.Kind.COOPERATIVE,
    "distributeur": Producer.Kind.DISTRIBUTOR,
    "grossiste": Producer.Kind.WHOLESALER,
    "grossiste en épicerie sèche": Producer.Kind.WHOLESALER,
    "importateur": Producer.Kind.IMPORTER,
    "marché public": Producer.Kind.PUBLIC_MARKET,
    "marché fermier": Producer.Kind.FARMERS_MARKET,
    "marché solidaire": Producer.Kind.SOLIDARITY_MARKET,
    "kiosque": Producer.Kind.KIOSK,
}
DISTANCE_WORDS = {
    "régional": Producer.DistanceClass.REGIONAL,
    "québec": Producer.DistanceClass.QUEBEC,
    "importé": Producer.DistanceClass.IMPORTED,
    "importée": Producer.DistanceClass.IMPORTED,
}
UNIT_WORDS = {
    "kilo": Unit.KILOGRAM,
    "kilogramme": Unit.KILOGRAM,
    "livre": Unit.POUND,
    "lbs": Unit.POUND,
    "gramme": Unit.GRAM,
    "liter": Unit.LITRE,
    "unité": Unit.UNIT,
    "pièce": Unit.UNIT,
    "each": Unit.UNIT,
    "douzaine": Unit.DOZEN,
    "dz": Unit.DOZEN,
    "botte": Unit.BUNCH,
    "caisse": Unit.CASE,
    "boîte": Unit.CASE,
}
GRADE_WORDS = {
    "supérieure": Offer.Grade.PREMIUM,
    "qualité supérieure": Offer.Grade.PREMIUM,
    "déclassé": Offer.Grade.SECONDS,
    "déclassés": Offer.Grade.SECONDS,
    "seconde": Offer.Grade.SECONDS,
    "secondes": Offer.Grade.SECONDS,
    "2e choix": Offer.Grade.SECONDS,
    "transformation": Offer.Grade.PROCESSING,
    "pour transformation": Offer.Grade.PROCESSING,
}
YES_WORDS = {"oui", "o", "yes", "y", "1", "x", "vrai", "true"}
NO_WORDS = {"non", "n", "no", "0", "faux", "false"}

MONTH_WORDS = {
    **dict.fromkeys(("janvier", "janv", "jan", "january"), 1),
    **dict.fromkeys(("fevrier", "fevr", "fev", "february", "feb"), 2),
    **dict.fromkeys(("mars", "mar", "march"), 3),
    **dict.fromkeys(("avril", "avr", "april", "apr"), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("juin", "june", "jun"), 6),
    **dict.fromkeys(("juillet", "juil", "july", "jul"), 7),
    **dict.fromkeys(("aout", "august", "aug"), 8),
    **dict.fromkeys(("septembre", "sept", "sep", "september"), 9),
    **dict.fromkeys(("octobre", "oct", "october"), 10),
    **dict.fromkeys(("novembre", "nov", "november"), 11),
    **dict.fromkeys(("decembre", "dec", "december"), 12),
}
ALL_YEAR_WORDS = {
    "toute l annee",
    "toute lannee",
    "toute annee",
    "all year",
    "all year round",
    "year round",
}

DELIMITER_NAMES = {
    ",": gettext_lazy("commas"),
    ";": gettext_lazy("semicolons"),
    "\t": gettext_lazy("tabs"),
}


def normalize(text):
    """The form in which headers and choices are compared: lower case, no accents, no
    parenthesised remarks, and spaces, underscores, hyphens and apostrophes alike."""
    text = re.sub(r"\(.*?\)", " ", normalise(str(text)))
    return re.sub(r"[\s_\-'’.]+", " ", text).strip()


class CellError(Exception):
    """A cell that cannot be read; the message says why, for the person who typed it."""


class ImportFileError(Exception):
    """A file that cannot be read at all (not text, not CSV)."""

    def __init__(self, message, line=1):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class RowError:
    """A problem on a line of the file, numbered as the spreadsheet shows it (the header
    is line 1); `column` is the header as written in the file, or "" for the whole line."""

    line: int
    column: str
    message: str


@dataclass(frozen=True)
class Change:
    """What the import will do to one entry or offer, for the preview."""

    line: int
    label: str
    created: bool
    is_offer: bool
    fields: tuple = ()


@dataclass
class ImportResult:
    producers_created: int = 0
    producers_updated: int = 0
    producers_unchanged: int = 0
    offers_created: int = 0
    offers_updated: int = 0
    offers_unchanged: int = 0
    rows: int = 0
    errors: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    ignored_columns: list = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ","
    dry_run: bool = True

    @property
    def has_changes(self):
        return bool(self.changes)

    @property
    def delimiter_name(self):
        return DELIMITER_NAMES.get(self.delimiter, self.delimiter)


# Reading the file


def decode(data):
    """The file's text and the name of its encoding, as uploads.decode_text reads it."""
    decoded = decode_text(data)
    if decoded is not None:
        return decoded
    raise ImportFileError(
        _("This file is not a text CSV file: save the spreadsheet as CSV and try again.")
    )


def detect_delimiter(text):
    """Comma, semicolon or tab: whichever the header line uses most. Sniffing data rows
    would be fooled by decimal commas."""
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_table(data):
    """(rows, encoding name, delimiter): every record of the file as a list of stripped
    cells, the header first. Raises ImportFileError for a file that is not CSV."""
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    text, encoding = decode(data)
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = []
    try:
        for record in reader:
            rows.append([cell.strip() for cell in record])
    except csv.Error as error:
        raise ImportFileError(
            _("Line %(line)s is not valid CSV: check its quotation marks.")
            % {"line": len(rows) + 1},
            line=len(rows) + 1,
        ) from error
    if rows and rows[0]:
        rows[0][0] = rows[0][0].lstrip("\ufeff")
    return rows, encoding, delimiter


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


# Reading cells


def choice_lookup(choices, words):
    """normalized spelling → value, from the values, the labels in French and English,
    and the extra words."""
    lookup = {}
    for language in ("en", "fr"):
        with translation.override(language):
            for value, label in choices:
                lookup[normalize(label)] = value
    lookup.update({normalize(word): value for word, value in words.items()})
    lookup.update({normalize(value): value for value, _label in choices})
    return lookup


def parse_choice(text, lookup):
    value = lookup.get(normalize(text))
    if value is None:
        raise CellError(_("“%(value)s” is not one of the accepted values.") % {"value": text})
    return value


def parse_boolean(text):
    word = normalize(text)
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise CellError(
        _("Write “oui” or “non” (or yes/no, 1/0, x), not “%(value)s”.") % {"value": text}
    )


def parse_decimal(text, places=2, minimum=None, maximum=None):
    """A number written with a decimal comma or point, spaces between thousands and
    perhaps a dollar sign, rounded to `places` decimals."""
    cleaned = re.sub(r"[\s$]", "", text)
    if "," in cleaned and "." in cleaned:
        # The last of the two separates the decimals; the other groups thousands.
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise CellError(_("“%(value)s” is not a number.") % {"value": text})
    value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if minimum is not None and value < minimum:
        raise CellError(
            _("%(value)s is below the smallest accepted value, %(limit)s.")
            % {"value": text, "limit": minimum}
        )
    if maximum is not None and value > maximum:
        raise CellError(
            _("%(value)s is above the largest accepted value, %(limit)s.")
            % {"value": text, "limit": maximum}
        )
    return value


def parse_price(text):
    value = parse_decimal(text, maximum=Decimal("999999.99"))
    if value < 0:
        raise CellError(_("A price cannot be negative."))
    return value


def parse_integer(text, minimum, maximum):
    value = parse_decimal(text, 2, Decimal(minimum), Decimal(maximum))
    if value != value.to_integral_value():
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": text})
    return int(value)


def parse_list(text, lookup, unknown):
    """The records a cell lists, separated by commas or semicolons, in the order given;
    `unknown` is the message for a name that matches none."""
    records = []
    for name in re.split(r"[,;]", text):
        if not name.strip():
            continue
        record = lookup.get(normalize(name)) or lookup.get(normalise(name))
        if record is None:
            raise CellError(unknown % {"value": name.strip()})
        if record not in records:
            records.append(record)
    return tuple(records)


DISCOUNT = re.compile(
    r"(?P<quantity>\d[\d\s.,]*?)\s*(?P<unit>[^\W\d_]+)\s*[:=]\s*(?P<percent>\d+(?:[.,]\d+)?)\s*%"
)


def parse_discounts(text, units):
    """Volume discounts written "100 kg: 5 %; 250 kg: 10 %": from that quantity, that
    percentage off. Returns (quantity, unit, percent) triples, smallest quantity first."""
    tiers, rest = [], DISCOUNT.sub("", text)
    if rest.strip(" ,;") or not DISCOUNT.search(text):
        raise CellError(
            _("Write volume discounts as “100 kg: 5 %%; 250 kg: 10 %%”, not “%(value)s”.")
            % {"value": text}
        )
    for match in DISCOUNT.finditer(text):
        quantity = parse_decimal(match["quantity"], 2, Decimal("0.01"), Decimal("99999999.99"))
        unit = parse_choice(match["unit"], units)
        percent = parse_decimal(match["percent"], 2, Decimal("0.01"), Decimal(100))
        tiers.append((quantity, unit, percent))
    return tuple(sorted(tiers))


def parse_date(text):
    """YYYY-MM-DD or DD/MM/YYYY (the French order)."""
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    french = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if french:
            return date(int(french[3]), int(french[2]), int(french[1]))
    except ValueError:
        pass
    raise CellError(
        _("“%(value)s” is not a date: write it as 2026-06-30 or 30/06/2026.") % {"value": text}
    )


def _months_error(text):
    return CellError(
        _(
            "“%(value)s” is not a list of months: write for example 6-10, juin-octobre, 6,7,8, nov-mars or toute l'année."
        )
        % {"value": text}
    )


def _month(token, text):
    if token.isdigit() and 1 <= int(token) <= 12:
        return int(token)
    if token in MONTH_WORDS:
        return MONTH_WORDS[token]
    raise _months_error(text)


def parse_months(text):
    """The month mask for "6-10", "juin-octobre", "6,7,8", "nov-mars" (over the year
    end), "juin à août", "juin, juillet et août", "toute l'année" or "all year"."""
    words = re.sub(r"['’.]", " ", normalise(str(text)))
    if re.sub(r"\s", "", words) in {re.sub(r"\s", "", phrase) for phrase in ALL_YEAR_WORDS}:
        return ALL_YEAR
    words = re.sub(r"[–—]", "-", words)
    words = re.sub(r"\s+(?:a|au|to|jusqu a)\s+", "-", f" {words} ").strip()
    months = []
    for part in re.split(r"[,;/+]|\s+(?:et|and)\s+", words):
        if "-" in part:
            ends = [end.strip() for end in part.split("-")]
            if len(ends) != 2:
                raise _months_error(text)
            months += months_between(_month(ends[0], text), _month(ends[1], text))
        else:
            months += [_month(token, text) for token in part.split()]
    if not months:
        raise _months_error(text)
    return months_to_mask(months)


# Planning


@dataclass
class ProducerPlan:
    slug: str
    line: int
    instance: Producer
    is_new: bool
    values: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)
    changed: list = field(default_factory=list)


@dataclass
class OfferPlan:
    line: int
    producer: ProducerPlan
    instance: Offer
    is_new: bool
    values: dict = field(default_factory=dict)
    changed: list = field(default_factory=list)


@dataclass
class RowPlan:
    line: int
    producer: ProducerPlan
    offer: OfferPlan = None


@dataclass
class ImportPlan:
    """Everything the file asks for, checked against the directory as it stands."""

    rows: list = field(default_factory=list)
    producers: dict = field(default_factory=dict)
    offers: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    ignored_columns: list = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ","

    def result(self, dry_run=True):
        result = ImportResult(
            rows=len(self.rows),
            errors=sorted(self.errors, key=lambda error: error.line),
            ignored_columns=self.ignored_columns,
            encoding=self.encoding,
            delimiter=self.delimiter,
            dry_run=dry_run,
        )
        if self.errors:
            return result
        for plan in self.producers.values():
            if plan.is_new:
                result.producers_created += 1
            elif plan.changed:
                result.producers_updated += 1
            else:
                result.producers_unchanged += 1
            if plan.is_new or plan.changed:
                result.changes.append(
                    Change(
                        plan.line,
                        plan.values["name"],
                        plan.is_new,
                        False,
                        _verbose(Producer, plan.changed),
                    )
                )
        for plan in self.offers.values():
            if plan.is_new:
                result.offers_created += 1
            elif plan.changed:
                result.offers_updated += 1
            else:
                result.offers_unchanged += 1
            if plan.is_new or plan.changed:
                label = f"{plan.instance.product} — {plan.producer.values['name']}"
                result.changes.append(
                    Change(plan.line, label, plan.is_new, True, _verbose(Offer, plan.changed))
                )
        result.changes.sort(key=lambda change: (change.line, change.is_offer))
        return result


def _verbose(model, names):
    fields = [model._meta.get_field(name) for name in names]
    return tuple(
        str(getattr(field, "verbose_name", None) or field.related_model._meta.verbose_name_plural)
        for field in fields
    )


class _Planner:
    """Reads rows into an ImportPlan; the lookups are loaded once, not per row."""

    def __init__(self):
        self.kinds = choice_lookup(Producer.Kind.choices, KIND_WORDS)
        self.distances = choice_lookup(Producer.DistanceClass.choices, DISTANCE_WORDS)
        self.units = choice_lookup(Unit.choices, UNIT_WORDS)
        self.grades = choice_lookup(Offer.Grade.choices, GRADE_WORDS)
        self.areas = {}
        for area in Area.objects.all():
            self.areas[normalize(area.name)] = area
            self.areas[normalize(area.slug)] = area
        self.certifications = self.by_name(Certification.objects.all())
        self.categories = self.by_name(Category.objects.all())
        self.products = {}
        for product in Product.objects.all():
            for spelling in {product.slug, product.name_fr, product.name_en} - {""}:
                self.products.setdefault(normalize(spelling), set()).add(product)

    @staticmethod
    def by_name(records):
        """normalized slug or name (French or English, with or without its remark in
        brackets) → record."""
        lookup = {}
        for record in records:
            for spelling in {record.slug, record.name_fr, record.name_en} - {""}:
                lookup.setdefault(normalise(spelling), record)
                lookup.setdefault(normalize(spelling), record)
        return lookup

    def producer_value(self, key, text):
        field_name = PRODUCER_FIELDS[key]
        if key == "delivers_to":
            return parse_list(text, self.areas, _("Unknown borough or region “%(value)s”."))
        if key == "certifications":
            return parse_list(text, self.certifications, _("Unknown certification “%(value)s”."))
        if key == "categories_sold":
            return parse_list(text, self.categories, _("Unknown category “%(value)s”."))
        if key == "discounts":
            return parse_discounts(text, self.units)
        if key == "lead_time":
            return parse_integer(text, 0, 365)
        if key in ("season_start", "season_end", "verified_on"):
            return parse_date(text)
        if key == "kind":
            return parse_choice(text, self.kinds)
        if key == "distance":
            return parse_choice(text, self.distances)
        if key == "area":
            area = self.areas.get(normalize(text))
            if area is None:
                raise CellError(_("Unknown borough or region “%(value)s”.") % {"value": text})
            return area
        if key == "latitude":
            return parse_decimal(text, 6, Decimal(-90), Decimal(90))
        if key == "longitude":
            return parse_decimal(text, 6, Decimal(-180), Decimal(180))
        if key in BOOLEAN_COLUMNS:
            return parse_boolean(text)
        if key == "minimum_order":
            return parse_decimal(text, 2, Decimal(0), Decimal("999999.99"))
        if key == "email":
            try:
                EmailValidator()(text)
            except ValidationError:
                raise CellError(
                    _("“%(value)s” is not an email address.") % {"value": text}
                ) from None
        if key == "website":
            if not re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
                text = f"https://{text}"
            try:
                URLValidator(schemes=["http", "https"])(text)
            except ValidationError:
                raise CellError(_("“%(value)s” is not a web address.") % {"value": text}) from None
        return self.text(Producer, field_name, text)

    def offer_value(self, key, text):
        if key == "price":
            return parse_price(text)
        if key == "price_date":
            return parse_date(text)
        if key == "months":
            return parse_months(text)
        if key == "organic":
            return parse_boolean(text)
        if key == "weekly_capacity":
            return parse_decimal(text, 2, Decimal(0), Decimal("99999999.99"))
        raise KeyError(key)

    def product(self, text):
        matches = self.products.get(normalize(text), set())
        if not matches:
            raise CellError(
                _(
                    "Unknown product “%(value)s”: check its spelling or add it to the products first."
                )
                % {"value": text}
            )
        if len(matches) > 1:
            raise CellError(
                _("“%(value)s” names several products: use the product's slug.") % {"value": text}
            )
        return next(iter(matches))

    @staticmethod
    def text(model, field_name, text):
        limit = model._meta.get_field(field_name).max_length
        if limit and len(text) > limit:
            raise CellError(
                _("This text is too long: at most %(limit)s characters.") % {"limit": limit}
            )
        return text


def plan_import(data):
    """Read and check the file (bytes) and work out what importing it would do, without
    writing anything. The plan's errors list every problem found."""
    try:
        table, encoding, delimiter = read_table(data)
    except ImportFileError as error:
        return ImportPlan(errors=[RowError(error.line, "", error.message)])
    plan = ImportPlan(encoding=encoding, delimiter=delimiter)
    mapping, header_errors, plan.ignored_columns = map_header(table[0])
    if header_errors:
        plan.errors = header_errors
        return plan
    header = table[0]
    planner = _Planner()
    records = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue  # blank lines between producers are common and harmless
        extra = [cell for cell in cells[len(header) :] if cell]
        if extra:
            plan.errors.append(
                RowError(
                    line,
                    "",
                    _(
                        "This line has more cells than the header (%(count)s): a value containing the separator must be in quotation marks."
                    )
                    % {"count": len(header)},
                )
            )
            continue
        row = {key: cells[index] for index, key in mapping.items() if index < len(cells)}
        titles = {key: header[index] for index, key in mapping.items()}
        records.append((line, row, titles))

    _plan_producers(plan, planner, records)
    _plan_offers(plan, planner, records)
    return plan


def _plan_producers(plan, planner, records):
    names = {slugify(row.get("name", ""))[:180] for _line, row, _titles in records}
    existing = {
        producer.slug: producer
        for producer in Producer.objects.filter(slug__in=names).prefetch_related(
            *MANY_FIELDS, "discount_tiers"
        )
    }
    for line, row, titles in records:
        name = row.get("name", "")
        slug = slugify(name)[:180]
        if not slug:
            message = (
                _("A name is required.")
                if not name
                else _("The name must contain letters or digits.")
            )
            plan.errors.append(RowError(line, titles["name"], message))
            continue
        try:
            planner.text(Producer, "name", name)
        except CellError as error:
            plan.errors.append(RowError(line, titles["name"], str(error)))
            continue
        producer = plan.producers.get(slug)
        if producer is None:
            instance = existing.get(slug) or Producer(slug=slug)
            producer = ProducerPlan(slug, line, instance, is_new=instance.pk is None)
            producer.values["name"] = name
            plan.producers[slug] = producer
        for key, field_name in PRODUCER_FIELDS.items():
            text = row.get(key, "")
            if key == "name" or not text:
                continue  # an empty cell says nothing: "same as above", or "keep"
            try:
                value = planner.producer_value(key, text)
            except CellError as error:
                plan.errors.append(RowError(line, titles[key], str(error)))
                continue
            if field_name in producer.values and producer.values[field_name] != value:
                plan.errors.append(
                    RowError(
                        line,
                        titles[key],
                        _(
                            "The same producer has “%(value)s” here but something else on line %(line)s."
                        )
                        % {"value": text, "line": producer.lines[field_name]},
                    )
                )
                continue
            producer.values[field_name] = value
            producer.lines[field_name] = line
        plan.rows.append(RowPlan(line, producer))

    for producer in plan.producers.values():
        instance = producer.instance
        for field_name, value in producer.values.items():
            if producer.is_new or _current(instance, field_name) != _comparable(field_name, value):
                _set(instance, field_name, value)
                if not producer.is_new:
                    producer.changed.append(field_name)


def _current(producer, field_name):
    """A producer's value as the file's cell would give it (prefetched: no query)."""
    if field_name == "area":
        return producer.area_id
    if field_name in MANY_FIELDS:
        return {record.pk for record in getattr(producer, field_name).all()}
    if field_name == "discount_tiers":
        return {
            (tier.min_quantity, tier.unit, tier.percent) for tier in producer.discount_tiers.all()
        }
    return getattr(producer, field_name)


def _comparable(field_name, value):
    if field_name == "area":
        return value.pk
    if field_name in MANY_FIELDS:
        return {record.pk for record in value}
    if field_name == "discount_tiers":
        return set(value)
    return value


def _set(producer, field_name, value):
    """Set a value; records and discounts are written with the producer when it is saved
    (modelcluster keeps them until then)."""
    if field_name == "discount_tiers":
        value = [
            DiscountTier(min_quantity=quantity, unit=unit, percent=percent)
            for quantity, unit, percent in value
        ]
    setattr(producer, field_name, value)


def _plan_offers(plan, planner, records):
    rows = {row.line: row for row in plan.rows}
    existing_producers = [p.instance for p in plan.producers.values() if not p.is_new]
    existing = {
        (offer.producer_id, offer.product_id, offer.unit, offer.grade): offer
        for offer in Offer.objects.filter(producer__in=existing_producers).select_related("product")
    }
    for line, row, titles in records:
        offer_columns = [key for key in (*OFFER_KEY_COLUMNS, *OFFER_FIELDS) if row.get(key)]
        if not row.get("product"):
            if offer_columns:
                plan.errors.append(
                    RowError(
                        line,
                        titles[offer_columns[0]],
                        _("This line describes an offer but names no product."),
                    )
                )
            continue
        errors_before = len(plan.errors)
        key_values = {}
        for key, parse in (
            ("product", planner.product),
            ("unit", lambda text: parse_choice(text, planner.units)),
            ("grade", lambda text: parse_choice(text, planner.grades)),
        ):
            text = row.get(key, "")
            if not text:
                if key == "grade":
                    key_values[key] = Offer.Grade.STANDARD
                    continue
                plan.errors.append(
                    RowError(line, titles.get(key, ""), _("A unit is required with a product."))
                )
                continue
            try:
                key_values[key] = parse(text)
            except CellError as error:
                plan.errors.append(RowError(line, titles[key], str(error)))
        values = {}
        for key, field_name in OFFER_FIELDS.items():
            text = row.get(key, "")
            if not text:
                if key == "months":
                    plan.errors.append(
                        RowError(
                            line,
                            titles.get(key, ""),
                            _("The months of availability are required with a product."),
                        )
                    )
                continue
            try:
                values[field_name] = planner.offer_value(key, text)
            except CellError as error:
                plan.errors.append(RowError(line, titles[key], str(error)))
        row_plan = rows.get(line)
        if len(plan.errors) > errors_before or row_plan is None:
            continue

        producer = row_plan.producer
        product, unit, grade = key_values["product"], key_values["unit"], key_values["grade"]
        key = (producer.slug, product.pk, unit, grade)
        if key in plan.offers:
            plan.errors.append(
                RowError(
                    line,
                    titles["product"],
                    _(
                        "The same offer (producer, product, unit and quality) is already on line %(line)s."
                    )
                    % {"line": plan.offers[key].line},
                )
            )
            continue
        instance = None
        if not producer.is_new:
            instance = existing.get((producer.instance.pk, product.pk, unit, grade))
        offer = OfferPlan(line, producer, instance, is_new=instance is None, values=values)
        if offer.is_new:
            offer.instance = Offer(
                producer=producer.instance, product=product, unit=unit, grade=grade, **values
            )
        else:
            for field_name, value in values.items():
                if getattr(instance, field_name) != value:
                    setattr(instance, field_name, value)
                    offer.changed.append(field_name)
        plan.offers[key] = offer
        row_plan.offer = offer


def apply(plan, progress=None):
    """Write a plan without errors in one transaction, saving only what changes (so that
    updated_at keeps its meaning and signals fire for real changes). `progress(done,
    total)` is called after each row."""
    if plan.errors:
        raise ValueError("A plan with errors cannot be applied.")
    total = len(plan.rows)
    saved = set()
    with transaction.atomic():
        for done, row in enumerate(plan.rows, start=1):
            producer = row.producer
            if producer.slug not in saved and (producer.is_new or producer.changed):
                producer.instance.save()
                saved.add(producer.slug)
            offer = row.offer
            if offer is not None and (offer.is_new or offer.changed):
                offer.instance.producer = producer.instance
                offer.instance.save()
            if progress is not None:
                progress(done, total)
    return plan.result(dry_run=False)


def run_import(data, dry_run=False, progress=None):
    """Plan the file and, unless dry_run or the file has errors, apply it."""
    plan = plan_import(data)
    if dry_run or plan.errors:
        return plan.result(dry_run=True)
    return apply(plan, progress=progress)
