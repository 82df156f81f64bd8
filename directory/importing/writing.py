"""Writing a plan to the directory, all of it or nothing."""

from django.db import transaction

from .planning import plan_import


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
