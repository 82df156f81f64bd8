"""Money, quantities and dates as each language writes them: "$2.00" and "2,00 $",
"40 kg" and "3 douzaines", "Oct 12, 2026" and "12 octobre 2026"."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import formats, translation

import pytest

from directory import formatting
from directory.formatting import money, price_per, quantity, weekday_date, weekday_datetime

NBSP = "\xa0"
OCTOBER_12 = datetime(2026, 10, 12, 13, 40, tzinfo=ZoneInfo("America/Montreal"))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["$2.00", "$1,234.50", "40\xa0kg", "3\xa0dozen", "12\xa0L", "$2.00/kg"]),
        (
            "fr",
            [
                "2,00\xa0$",
                "1\xa0234,50\xa0$",
                "40\xa0kg",
                "3\xa0douzaines",
                "12\xa0L",
                "2,00\xa0$/kg",
            ],
        ),
    ],
)
def test_money_and_quantities_are_written_as_each_language_writes_them(language, expected):
    with translation.override(language):
        assert [
            money(Decimal("2")),
            money(Decimal("1234.5")),
            quantity(Decimal("40.00"), "kg"),
            quantity(Decimal("3"), "dozen"),
            quantity(Decimal("12"), "l"),
            price_per(Decimal("2"), "kg"),
        ] == expected


def test_money_is_rounded_half_up_to_the_cent():
    """1,10 $/lb is 2,425 $/kg: shown 2,43 $, not cut to 2,42 $."""
    with translation.override("fr"):
        assert money(Decimal("2.425")) == f"2,43{NBSP}$"
        assert money(Decimal("2.4249")) == f"2,42{NBSP}$"
        assert price_per(Decimal("2.425"), "kg") == f"2,43{NBSP}$/kg"
        assert money(Decimal("-0.075")) == f"-0,08{NBSP}$"
    with translation.override("en"):
        assert money(Decimal("0.995")) == "$1.00"


def test_counted_units_are_singular_or_plural_by_the_number():
    with translation.override("fr"):
        assert quantity(1, "dozen") == f"1{NBSP}douzaine"
        assert quantity(Decimal("2.5"), "case") == f"2,5{NBSP}caisses"
        assert quantity(Decimal("0.5"), "bunch") == f"0,5{NBSP}botte"
    with translation.override("en"):
        assert quantity(2, "bunch") == f"2{NBSP}bunches"


@pytest.mark.parametrize(
    ("language", "date_format", "weekday", "short", "day"),
    [
        ("en", "Oct 12, 2026", "Monday, Oct 12, 2026, 1:40 PM", "2026-10-12", "Monday, Oct 12"),
        (
            "fr",
            "12 octobre 2026",
            "lundi 12 octobre 2026, 13\xa0h\xa040",
            "2026-10-12",
            "lundi 12 octobre",
        ),
    ],
)
def test_dates_are_written_as_each_language_writes_them(language, date_format, weekday, short, day):
    with translation.override(language):
        assert weekday_date(date(2026, 10, 12)) == day
        assert formats.date_format(date(2026, 10, 12)) == date_format
        assert weekday_datetime(OCTOBER_12) == weekday
        assert formats.date_format(date(2026, 10, 12), "SHORT_DATE_FORMAT") == short


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            [
                "1er décembre 2026",
                "1er décembre 2026",
                "mardi 1er décembre",
                "mardi 1er décembre 2026, 9\xa0h\xa005",
                "2026-12-01",
                "21 décembre 2026",
            ],
        ),
        (
            "en",
            [
                "Dec 1, 2026",
                "Dec 1, 2026",
                "Tuesday, Dec 1",
                "Tuesday, Dec 1, 2026, 9:05 AM",
                "2026-12-01",
                "Dec 21, 2026",
            ],
        ),
    ],
)
def test_the_first_of_a_month_is_written_1er_in_french(language, expected):
    """French writes the first of a month as an ordinal, in templates' `date` filter as in
    code; the 21st, English, numeric dates and a calendar's bare day number are left alone."""
    first = datetime(2026, 12, 1, 9, 5, tzinfo=ZoneInfo("America/Montreal"))
    template = Template(
        '{{ day|date }}|{{ day|date:"DATE_FORMAT" }}|{{ day|date:"SHORT_DATE_FORMAT" }}'
        '|{{ day|date:"j" }}'
    )
    with translation.override(language):
        shown = template.render(Context({"day": date(2026, 12, 1)})).split("|")
        assert [
            formatting.date(date(2026, 12, 1)),
            shown[1],
            weekday_date(date(2026, 12, 1)),
            weekday_datetime(first),
            shown[2],
            formatting.date(date(2026, 12, 21)),
        ] == expected
        assert shown[0] == expected[0]
        assert shown[3] == "1"


def test_producer_page_writes_prices_units_and_dates_in_each_language(
    client, home_pages, producer_factory, offer_factory, product_factory
):
    farm = producer_factory(
        "Ferme Lebeau", minimum_order=Decimal("150"), last_verified_on=date(2026, 10, 1)
    )
    offer_factory(
        producer=farm,
        product=product_factory("Œufs", "Eggs"),
        unit="dozen",
        price="4.50",
        weekly_capacity=Decimal("3"),
    )
    french = client.get(farm.get_absolute_url()).content.decode()
    assert f"4,50{NBSP}$/douzaine" in french
    assert f"3{NBSP}douzaines" in french
    assert f"150,00{NBSP}$" in french
    assert "1er octobre 2026" in french
    for wrong in ("kilogramme", "de le ", "à le ", " $ / "):
        assert wrong not in french
    with translation.override("en"):
        english = client.get(farm.get_absolute_url()).content.decode()
    assert "$4.50/dozen" in english
    assert f"3{NBSP}dozen" in english
    assert "$150.00" in english
    assert "Oct 1, 2026" in english


def test_event_page_writes_its_date_in_each_language(client, event_factory, time_machine):
    time_machine.move_to(datetime(2026, 10, 1, 9, tzinfo=ZoneInfo("America/Montreal")))
    event = event_factory(title="Visite de la ferme")
    event.starts_at, event.ends_at = OCTOBER_12, OCTOBER_12.replace(hour=16)
    event.save_revision().publish()
    html = client.get(event.url).content.decode()
    assert "lundi 12 octobre 2026, 13\xa0h\xa040" in html and "16\xa0h\xa040" in html
