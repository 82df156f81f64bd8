"""The freshness check in the demo (called by community.demo.load): a few stale entries
were asked some days ago (no email is sent for the demo); three of them answered "Still
right" through the rules their link uses, so that the admin's freshness panel shows
entries confirmed by their producers beside those the staff checked, and the workspace's
campaign shows answers and entries still waiting."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from directory.models import Producer

from . import rules
from .models import FreshnessCheck

ASKED = 5
CONFIRMED = 3


def load():
    if FreshnessCheck.objects.exists():
        return  # loaded already: an answer is not given twice
    stale = Producer.objects.stale(settings.DIRECTORY_FRESHNESS_ASK_AFTER_DAYS).exclude(
        kind__in=Producer.MARKET_KINDS
    )
    asked_at = timezone.now() - timedelta(days=4)
    checks = [
        FreshnessCheck.objects.create(producer=producer, asked_at=asked_at)
        for producer in stale.order_by("name")[:ASKED]
    ]
    for check in checks[:CONFIRMED]:
        rules.confirm(check)
