"""Working out the plan: every line of the file checked against the directory as it
stands, without writing anything."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..models import Area, Category, Certification, DiscountTier, Offer, Producer, Product
from ..search import normalise
from ..units import Unit
from .cells import (
    CellError,
    choice_lookup,
    parse_boolean,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_discounts,
    parse_integer,
    parse_list,
    parse_months,
    parse_price,
)
from .columns import (
    BOOLEAN_COLUMNS,
    MANY_FIELDS,
    OFFER_FIELDS,
    OFFER_KEY_COLUMNS,
    PRODUCER_FIELDS,
    map_header,
)
from .plans import ImportPlan, OfferPlan, ProducerPlan, RowPlan
from .reading import ImportFileError, read_table
from .report import RowError
from .words import DISTANCE_WORDS, GRADE_WORDS, KIND_WORDS, UNIT_WORDS, normalize


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
