"""The network in figures, checked against a known set of records: the staff's dashboard
(charts, tables, CSV) and the public page, which never names an organisation."""

import csv
import html
import io
import re
import zoneinfo
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from community.figures.rules import bar_chart, months_back, network_figures
from community.models import (
    Answer,
    Claim,
    Commitment,
    Need,
    PriceRequest,
    PriceRound,
    Registration,
    SurplusLot,
)
from directory.models import Producer

from ..helpers import make_need

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)


MONTREAL = zoneinfo.ZoneInfo("America/Montreal")
# The figures of June 2026 are checked on the 15th, when all of the month's records so far
# are in the past: the same at whatever instant the suite runs.
KNOWN_MONTH = date(2026, 6, 1)
CHECKED_AT = datetime(2026, 6, 15, 10, tzinfo=MONTREAL)


@pytest.fixture
def known(time_machine, board, lot_factory, event_factory, member_factory):
    time_machine.move_to(CHECKED_AT, tick=False)
    today = timezone.localdate()
    noon = datetime(2026, 6, 1, 12, tzinfo=MONTREAL)
    answered = make_need(board)
    fulfilled = make_need(board, status="fulfilled", buy_together=True)
    old = make_need(board)
    Need.objects.filter(pk__in=[answered.pk, fulfilled.pk]).update(created_at=noon)
    Need.objects.filter(pk=old.pk).update(created_at=noon - timedelta(days=400))
    answer = Answer.objects.create(
        need=answered, producer=board["farm"], unit_price=Decimal("2"), quantity=Decimal("40")
    )
    Answer.objects.filter(pk=answer.pk).update(created_at=noon + timedelta(hours=3))
    by_kilo = lot_factory(quantity=Decimal("100"))
    by_pound = lot_factory(quantity=Decimal("50"), unit="lb")
    Claim.objects.create(lot=by_kilo, organisation=board["kitchen"], quantity=Decimal("30"))
    Claim.objects.create(
        lot=by_pound, organisation=board["kitchen"], quantity=Decimal("22.0462262")
    )  # 10 kg
    Commitment.objects.create(
        organisation=board["kitchen"],
        producer=board["farm"],
        product=board["carrots"],
        quantity=Decimal("40"),
        basis="week",
        starts_on=today,
        ends_on=today + timedelta(days=27),  # 160 kg
        price_per_unit=Decimal("2.10"),  # 336 $
        status="accepted",
        decided_at=timezone.now(),
    )
    # Two producers asked for a price on 1 June; one answered six hours later.
    price_round = PriceRound.objects.create(need=answered, sent_by=board["cook"])
    PriceRound.objects.filter(pk=price_round.pk).update(sent_at=noon)
    PriceRequest.objects.create(
        round=price_round,
        producer=board["farm"],
        status="declined",
        decline_reason="no_stock",
        answered_at=noon + timedelta(hours=6),
    )
    PriceRequest.objects.create(
        round=price_round, producer=Producer.objects.get(name="Ferme Lointaine")
    )
    event = event_factory(starts_in=noon - timezone.now())
    for person, attended in ((board["cook"], True), (board["colleague"], False)):
        Registration.objects.create(event=event, user=person, status="confirmed", attended=attended)
    return KNOWN_MONTH


def test_the_figures_of_a_known_month(known):
    figures = network_figures()
    month = {key: values.get(known, 0) for key, values in figures.by_month.items()}
    assert month["needs_posted"] == 2  # the one from last year is outside the twelve months
    assert month["needs_answered"] == 1 and month["needs_fulfilled"] == 1
    assert month["answers"] == 1 and month["hours_to_first_answer"] == 3
    assert month["answers_per_need"] == 0.5
    assert month["needs_pooled"] == 1
    assert month["price_requests_sent"] == 2 and month["price_answer_rate"] == 50
    assert month["hours_to_price_answer"] == 6
    assert month["lots_posted"] == 2 and month["surplus_kg_claimed"] == Decimal("40.0")
    assert month["commitments_accepted"] == 1
    assert month["committed_kg"] == Decimal("160.0") and month["committed_value"] == Decimal(
        "336.0"
    )
    assert month["registrations"] == 2 and month["attended"] == 1
    assert figures.totals["organisations"] == 2  # the kitchen and the other member's organisation
    assert figures.totals["organisations_active"] == 1
    assert figures.totals["producers_active"] == 1
    assert ("Verdun", 1, 2) in figures.by_borough


def test_staff_download_the_figures_as_csv(client, home_pages, known, editor):
    client.force_login(editor)
    page = client.get("/admin/network-figures/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and 'role="img"' in html and "Surplus réclamé (kg)" in html
    response = client.get("/admin/network-figures/?format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Mois" and len(rows) == 13
    assert rows[-1][0] == known.strftime("%Y-%m") and rows[-1][1] == "2"


def test_the_dashboard_is_for_staff_only(client, home_pages, board):
    from django.contrib.auth.models import Group, Permission

    client.force_login(board["cook"])
    assert "/comptes/login/" in client.get("/admin/network-figures/").url  # no admin at all
    writers = Group.objects.create(name="Writers")
    writers.permissions.add(Permission.objects.get(codename="access_admin"))
    board["cook"].groups.add(writers)
    # The admin, but not the figures: Wagtail sends the refusal back to the admin's home.
    assert client.get("/admin/network-figures/").url == "/admin/"


def test_the_public_page_hides_what_one_organisation_did(
    client, home_pages, known, board, organisation_factory
):
    page = client.get("/fr/le-reseau-en-chiffres/").content.decode()
    assert "Notre réseau en chiffres" in page
    # Only the kitchen claimed surplus and committed volume: its own figures stay hidden.
    assert "40 kg" not in page and "160 kg" not in page
    assert page.count("pas affiché tant qu") == 6
    assert "Cuisine collective de Verdun" not in page and "Ferme Lebeau" not in page
    for _number in range(2):  # two more organisations claim surplus
        other = organisation_factory()
        Claim.objects.create(
            lot=SurplusLot.objects.first(), organisation=other, quantity=Decimal("5")
        )
    page = client.get("/fr/le-reseau-en-chiffres/").content.decode()
    assert "50 kg" in page


def test_twelve_months_back_across_the_year_end():
    months = months_back(date(2026, 2, 14))
    assert months[0] == date(2025, 3, 1) and months[-1] == date(2026, 2, 1) and len(months) == 12


def test_bars_are_scaled_on_an_axis_of_round_numbers():
    """The value axis ends on a round number past the largest value, its ticks evenly apart."""
    chart = bar_chart([0, 5, 12], ["a", "b", "c"])
    assert [tick["value"] for tick in chart["ticks"]] == [0, 5, 10, 15]
    plot = chart["right"] - chart["left"]
    assert [bar["width"] for bar in chart["bars"]] == [0, round(plot / 3, 1), round(plot * 0.8, 1)]
    assert [tick["value"] for tick in bar_chart([0.5, 1.3], ["a", "b"])["ticks"]] == [
        0,
        0.5,
        1,
        1.5,
    ]
    assert [tick["value"] for tick in bar_chart([0, 0], ["a", "b"])["ticks"]] == [0, 1]
    assert [tick["value"] for tick in bar_chart([0, 1], ["a", "b"])["ticks"]] == [0, 1]  # counts


def chart_texts(html, key):
    """The words a chart of the dashboard writes: its axes' titles, ticks, months, values."""
    section = html[html.index(f'id="section-{key}"') :]
    svg = section[section.index("<svg") : section.index("</svg>")]
    return [" ".join(text.split()) for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def test_the_dashboard_charts_write_their_axes_and_values(client, home_pages, known, editor):
    """Each chart names its axes and writes each month and its value, as French writes them."""
    client.force_login(editor)
    html = client.get("/admin/network-figures/").content.decode()
    texts = chart_texts(html, "surplus_kg_claimed")
    assert "Mois" in texts and "Surplus réclamé (kg)" in texts  # the two axes' titles
    assert "juin 2026" in texts and "juillet 2025" in texts  # every month, in full
    assert "40" in texts and texts.count("0") >= 11  # June's value, and the others'
    assert {"0", "10", "20", "30", "40"} <= set(texts)  # the value axis's ticks
    assert "0,5" in chart_texts(html, "answers_per_need")  # a decimal comma in French


def test_the_figures_take_the_same_queries_with_more_records(
    known, board, lot_factory, event_factory, member_factory, django_assert_max_num_queries
):
    with django_assert_max_num_queries(100) as before:
        network_figures()
    for _number in range(5):
        lot = lot_factory()
        Claim.objects.create(lot=lot, organisation=board["kitchen"], quantity=Decimal("1"))
        need = make_need(board)
        Answer.objects.create(
            need=need, producer=board["farm"], unit_price=Decimal("1"), quantity=Decimal("1")
        )
        Commitment.objects.create(
            organisation=board["kitchen"],
            producer=board["farm"],
            product=board["carrots"],
            quantity=Decimal("5"),
            basis="total",
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate(),
            status="accepted",
            decided_at=timezone.now(),
        )
        event = event_factory(starts_in=-timedelta(hours=1))
        Registration.objects.create(event=event, user=member_factory(), status="confirmed")
    with django_assert_max_num_queries(len(before.captured_queries)):
        network_figures()


@pytest.mark.time_machine(datetime(2026, 12, 1, 3, tzinfo=MONTREAL), tick=False)
def test_a_need_posted_late_on_the_last_evening_of_a_month_counts_in_that_month(board):
    late = datetime(2026, 11, 30, 23, 30, tzinfo=MONTREAL)  # already 1 December in UTC
    need = make_need(board)
    Need.objects.filter(pk=need.pk).update(created_at=late)
    figures = network_figures()
    assert figures.by_month["needs_posted"][date(2026, 11, 1)] == 1
    assert figures.by_month["needs_posted"].get(date(2026, 12, 1), 0) == 0


@pytest.mark.time_machine(datetime(2026, 12, 1, 3, tzinfo=MONTREAL), tick=False)
def test_at_three_in_the_morning_on_the_first_the_month_holds_only_what_was_held(
    board, event_factory
):
    """At 03:00 on 1 December in Montréal (08:00 UTC), an event held at 00:30 counts in
    December, one held at 23:30 the evening before in November, and one at noon is to come."""
    now = timezone.now()
    for starts_at, person in (
        (datetime(2026, 12, 1, 0, 30, tzinfo=MONTREAL), board["cook"]),
        (datetime(2026, 11, 30, 23, 30, tzinfo=MONTREAL), board["colleague"]),
        (datetime(2026, 12, 1, 12, tzinfo=MONTREAL), board["other"]),
    ):
        event = event_factory(starts_in=starts_at - now, hours=1)
        Registration.objects.create(event=event, user=person, status="confirmed")
    figures = network_figures()
    assert figures.months[-1] == date(2026, 12, 1) and figures.months[0] == date(2026, 1, 1)
    assert figures.by_month["registrations"][date(2026, 12, 1)] == 1
    assert figures.by_month["registrations"][date(2026, 11, 1)] == 1
    assert figures.totals["registrations"] == 2


def test_withdrawn_answers_and_future_events_are_not_counted(known, board, event_factory):
    Answer.objects.update(status="withdrawn")
    upcoming = event_factory(starts_in=timedelta(days=3))
    Registration.objects.create(event=upcoming, user=board["other"], status="confirmed")
    figures = network_figures()
    assert figures.by_month["answers"].get(known, 0) == 0
    assert figures.by_month["needs_answered"].get(known, 0) == 0
    assert figures.totals["registrations"] == 2


PUBLIC_PAGE = "/fr/le-reseau-en-chiffres/"
# The public page from what it keeps (the figures, the menu and the footer): no query.
WARM_PUBLIC_QUERIES = 0


def test_the_public_page_is_cached_until_what_it_counts_changes(
    client, home_pages, known, board, organisation_factory, django_assert_num_queries
):
    others = [organisation_factory() for _number in range(2)]
    client.get(PUBLIC_PAGE)
    with django_assert_num_queries(WARM_PUBLIC_QUERIES):
        page = client.get(PUBLIC_PAGE).content.decode()
    assert "160 kg" not in page  # only the kitchen committed volume
    for organisation in others:  # two more organisations commit, 160 kg each
        Commitment.objects.create(
            organisation=organisation,
            producer=board["farm"],
            product=board["carrots"],
            quantity=Decimal("40"),
            basis="week",
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + timedelta(days=27),
            status="accepted",
            decided_at=timezone.now(),
        )
    assert "480 kg" in client.get(PUBLIC_PAGE).content.decode()


def test_the_public_page_counts_an_event_once_it_is_held(
    client, home_pages, known, board, event_factory, time_machine
):
    """Nothing changes when an event starts but the clock: the cached figures last until
    then."""
    soon = event_factory(starts_in=timedelta(minutes=30))
    Registration.objects.create(event=soon, user=board["other"], status="confirmed")
    # Four sums of too few contributors, and the price figures of one organisation.
    assert client.get(PUBLIC_PAGE).content.decode().count("pas affiché tant qu") == 6
    time_machine.shift(timedelta(minutes=31))
    page = client.get(PUBLIC_PAGE).content.decode()
    assert page.count("pas affiché tant qu") == 5  # three people registered for events held


def test_the_public_page_shows_how_fast_producers_answer_prices_and_how_many_needs_got_one(
    client, home_pages, known, board, organisation_factory, producer_factory
):
    """On 1 June, besides the kitchen's round (one declined after six hours, one waiting),
    two other organisations asked: one got a price after an hour, the other a "not this
    time" after an hour and a half. Median 1,5 hours; one need of the three got a price."""
    page = client.get(PUBLIC_PAGE).content.decode()
    assert "Délai médian de réponse d'un producteur à une demande de prix" in html.unescape(page)
    assert page.count("pas affiché tant qu") == 6  # one organisation, one producer: hidden
    noon = datetime(2026, 6, 1, 12, tzinfo=MONTREAL)
    for hours, status in ((1, "answered"), (Decimal("1.5"), "declined")):
        need = make_need(board, organisation=organisation_factory())
        price_round = PriceRound.objects.create(need=need)
        PriceRound.objects.filter(pk=price_round.pk).update(sent_at=noon)
        fields = (
            {"unit_price": Decimal("2"), "unit": "kg", "quantity": Decimal("40")}
            if status == "answered"
            else {"decline_reason": "too_far"}
        )
        PriceRequest.objects.create(
            round=price_round,
            producer=producer_factory(),
            status=status,
            answered_at=noon + timedelta(hours=float(hours)),
            **fields,
        )
    french = html.unescape(client.get(PUBLIC_PAGE).content.decode())
    assert french.count("pas affiché tant qu") == 4
    assert "<dd>1,5\xa0heures</dd>" in french and "<dd>33\xa0%</dd>" in french
    english = html.unescape(client.get("/en/our-network-in-figures/").content.decode())
    assert "Median time for a producer to answer a price request" in english
    assert "<dd>1.5 hours</dd>" in english and "<dd>33%</dd>" in english
