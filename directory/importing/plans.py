"""What importing the file would do: one plan per producer, offer and line of the file,
and the whole plan's result for the preview."""

from dataclasses import dataclass, field

from ..models import Offer, Producer
from .report import Change, ImportResult


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
