"""Recurring events: one event repeated into a series of dated events."""

from datetime import datetime

from django.utils import timezone

import icalendar
import pytest

from cms.models import EventPage, EventQuestion
from cms.series import MONTHLY, WEEKLY, repeat, same_weekday_next_month
from community.events import rules as registrations

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)


def local(year, month, day, hour=10):
    return timezone.make_aware(datetime(year, month, day, hour))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (local(2026, 12, 8), local(2027, 1, 12)),  # 2nd Tuesday → 2nd Tuesday
        (local(2026, 10, 29), local(2026, 11, 26)),  # a 5th Thursday → the last Thursday
        (local(2027, 1, 31), local(2027, 2, 28)),  # 5th Sunday → last Sunday of February
    ],
)
def test_monthly_dates_keep_the_weekday_and_its_rank(moment, expected):
    assert same_weekday_next_month(moment) == expected


def test_repeating_an_event_makes_dated_copies_with_their_own_registrations(
    client, event_factory, member
):
    event = event_factory(title="Communauté de pratique")
    EventQuestion.objects.create(page=event, label="Organisme", kind="text", sort_order=0)
    registrations.register(event, member)
    copies = repeat(event, MONTHLY, 3)
    assert len(copies) == 3
    dates = [copy.starts_at for copy in copies]
    assert dates == sorted(dates) and dates[0] > event.starts_at
    weekday = timezone.localtime(event.starts_at).weekday()
    assert all(timezone.localtime(copy.starts_at).weekday() == weekday for copy in copies)
    assert all(copy.live and copy.series == copies[0].series for copy in copies)
    assert [q.label for q in copies[0].questions.all()] == ["Organisme"]
    assert copies[0].registrations.count() == 0
    html = client.get(event.url).content.decode()
    assert "Autres dates" in html and copies[0].url in html
    feed = icalendar.Calendar.from_ical(client.get("/fr/evenements/calendrier.ics").content)
    assert len(feed.walk("VEVENT")) == 4


def test_weekly_series_are_seven_days_apart(event_factory):
    event = event_factory()
    copies = repeat(event, WEEKLY, 2)
    assert [(copy.starts_at - event.starts_at).days for copy in copies] == [7, 14]
    assert (
        EventPage.objects.filter(series=event.series).count() == 3
    )  # the first and its two copies


def test_editor_repeats_an_event_from_the_admin(client, editor, member, event_factory):
    event = event_factory()
    client.force_login(member)
    assert (
        client.post(
            f"/admin/events/{event.pk}/repeat/", {"frequency": "weekly", "count": "2"}
        ).status_code
        == 302
    )
    assert EventPage.objects.count() == 1
    client.force_login(editor)
    assert client.get(f"/admin/events/{event.pk}/repeat/").status_code == 200
    response = client.post(
        f"/admin/events/{event.pk}/repeat/", {"frequency": "weekly", "count": "2"}
    )
    assert response.status_code == 302
    assert EventPage.objects.count() == 3
    bad = client.post(f"/admin/events/{event.pk}/repeat/", {"frequency": "weekly", "count": "99"})
    assert bad.status_code == 200 and EventPage.objects.count() == 3
