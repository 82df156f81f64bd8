"""The clock the tests run on: with SALIM_TEST_NOW (make test-clock), each test starts at
that instant, unless it sets its own."""

import zoneinfo
from datetime import datetime, timedelta

from django.utils import timezone

import pytest

from tests.conftest import TEST_NOW

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)

MONTREAL = zoneinfo.ZoneInfo("America/Montreal")


@pytest.mark.skipif(TEST_NOW is None, reason="SALIM_TEST_NOW is not set")
def test_each_test_starts_at_the_chosen_instant():
    """Otherwise the clock-shifted runs would quietly test today again."""
    assert TEST_NOW <= timezone.now() < TEST_NOW + timedelta(minutes=1)
    assert timezone.localdate() == TEST_NOW.astimezone(MONTREAL).date()


@pytest.mark.time_machine(datetime(2026, 6, 10, 10, tzinfo=MONTREAL), tick=False)
def test_a_test_that_sets_its_own_instant_keeps_it():
    assert timezone.now() == datetime(2026, 6, 10, 10, tzinfo=MONTREAL)
