"""The versions that cached results are keyed on (directory.signals)."""

from datetime import UTC, datetime

from django.core.cache import cache

from directory.signals import VERSION_KEY, bump, data_version


def test_a_version_begun_again_with_the_clock_behind_is_above_every_one_read(time_machine):
    # The shared cache culled or emptied, and the clock where it was when the version
    # began (set back, or a test starting at the same instant as the one before): what
    # this process kept under the versions it read must not be found again.
    instant = datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    time_machine.move_to(instant, tick=False)
    first = data_version()
    for _change in range(3):
        bump(VERSION_KEY)
    read = data_version()

    cache.clear()
    again = data_version()

    assert first < read < again
