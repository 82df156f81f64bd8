"""Dates people type lie from two years before today to three years after: a need, a
surplus lot, a commitment or a delivery dated year 1 or 9999 is refused with the allowed
range, as the page's language writes dates. Pages stay up with such dates already stored."""

import zoneinfo
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.utils import timezone, translation

import pytest

from community.models import Commitment, Delivery, Need, SurplusLot
from community.needs.admin import NeedAdmin
from community.surplus.admin import SurplusLotAdmin
from directory.bounds import date_window, validate_typed_date

from .helpers import COMMITMENTS, NEEDS, SURPLUS, lot_form, make_need, need_form, proposal

MONTREAL = zoneinfo.ZoneInfo("America/Montreal")
# 1 December 2026 in Montreal (and in UTC): the window runs from 1 December 2024 to
# 1 December 2029, both days included.
NOW = datetime(2026, 12, 1, 10, tzinfo=MONTREAL)
FIRST, LAST = date(2024, 12, 1), date(2029, 12, 1)
FRENCH = "Indiquez une date du 1er décembre 2024 au 1er décembre 2029."
ENGLISH = "Give a date from Dec 1, 2024 to Dec 1, 2029."

pytestmark = pytest.mark.time_machine(NOW, tick=False)


def test_the_window_runs_from_two_years_back_to_three_years_ahead_both_ends_included():
    assert date_window() == (FIRST, LAST)
    for day in (FIRST, LAST, datetime(2029, 12, 1, 23, 59, tzinfo=MONTREAL)):
        validate_typed_date(day)
    for day in (
        FIRST - timedelta(days=1),
        LAST + timedelta(days=1),
        date(1, 1, 1),
        date(9999, 12, 31),
        datetime(2029, 12, 2, 0, 0, tzinfo=MONTREAL),  # still 1 December in UTC
    ):
        for language, message in (("fr", FRENCH), ("en", ENGLISH)):
            with translation.override(language):
                with pytest.raises(ValidationError) as refused:
                    validate_typed_date(day)
                assert refused.value.messages == [message]


@pytest.mark.time_machine(datetime(2028, 2, 29, 12, tzinfo=MONTREAL), tick=False)
def test_on_a_leap_day_the_window_ends_on_the_28th_of_february():
    assert date_window() == (date(2026, 2, 28), date(2031, 2, 28))


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"wanted_from": "0001-01-01"}, "wanted_from"),
        ({"wanted_until": "9999-12-31"}, "wanted_until"),
        ({"wanted_from": "2024-11-30"}, "wanted_from"),
        ({"wanted_until": "2029-12-02"}, "wanted_until"),
    ],
)
def test_a_need_outside_the_window_is_refused(client, home_pages, board, fields, field):
    client.force_login(board["cook"])
    response = client.post(f"{NEEDS}nouveau/", need_form(board, **fields))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [FRENCH]
    assert not Need.objects.exists()


def test_a_need_at_the_edges_of_the_window_is_posted(client, home_pages, board):
    client.force_login(board["cook"])
    data = need_form(board, wanted_from="2024-12-01", wanted_until="2029-12-01")
    assert client.post(f"{NEEDS}nouveau/", data).status_code == 302
    assert Need.objects.values_list("wanted_from", "wanted_until").get() == (FIRST, LAST)


def test_the_message_speaks_english_on_english_pages(client, home_pages, board):
    client.force_login(board["cook"])
    response = client.post("/en/needs/new/", need_form(board, wanted_until="9999-12-31"))
    assert ENGLISH in response.content.decode()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"starts_on": "0001-01-01"}, "starts_on"),
        ({"ends_on": "9999-12-31"}, "ends_on"),
        ({"starts_on": "2024-11-30"}, "starts_on"),
        ({"ends_on": "2029-12-02"}, "ends_on"),
    ],
)
def test_a_commitment_outside_the_window_is_refused(client, home_pages, board, fields, field):
    client.force_login(board["cook"])
    response = client.post(f"{COMMITMENTS}nouveau/", proposal(board, **fields))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [FRENCH]
    assert not Commitment.objects.exists()


def test_a_commitment_over_the_whole_window_is_proposed(client, home_pages, board):
    client.force_login(board["cook"])
    data = proposal(board, starts_on="2024-12-01", ends_on="2029-12-01")
    assert client.post(f"{COMMITMENTS}nouveau/", data).status_code == 302
    assert Commitment.objects.values_list("starts_on", "ends_on").get() == (FIRST, LAST)


def test_a_counter_proposal_outside_the_window_is_refused(client, home_pages, board):
    commitment = accepted_commitment(board, FIRST, LAST, status="proposed")
    client.force_login(board["farmer"])
    terms = proposal(board, ends_on="9999-12-31")
    data = {
        "action": "counter",
        "version": commitment.terms_version,
        **{f"terms-{k}": v for k, v in terms.items()},
    }
    response = client.post(f"{COMMITMENTS}{commitment.pk}/", data)
    assert response.status_code == 200
    assert FRENCH in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.ends_on == LAST


def test_a_delivery_dated_year_one_is_refused(client, home_pages, board):
    commitment = accepted_commitment(board, FIRST, LAST)
    client.force_login(board["farmer"])
    for day, message in (("0001-01-01", FRENCH), ("2024-12-01", None)):
        response = client.post(
            f"{COMMITMENTS}{commitment.pk}/",
            {
                "action": "delivery",
                "delivery-delivered_on": day,
                "delivery-quantity": "5",
                "delivery-conformity": "accepted",
            },
        )
        if message:
            assert message in response.content.decode()
    assert list(Delivery.objects.values_list("delivered_on", flat=True)) == [FIRST]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"pickup_from": "0001-01-01T00:00"}, "pickup_from"),
        ({"expires_at": "9999-12-31T00:00"}, "expires_at"),
        ({"expires_at": "2029-12-02T00:00"}, "expires_at"),
    ],
)
def test_a_lot_outside_the_window_is_refused(client, home_pages, board, fields, field):
    client.force_login(board["farmer"])
    response = client.post(f"{SURPLUS}nouveau/", lot_form(product=board["carrots"].pk, **fields))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [FRENCH]
    assert not SurplusLot.objects.exists()


def test_a_lot_expiring_on_the_last_day_of_the_window_is_posted(client, home_pages, board):
    client.force_login(board["farmer"])
    data = lot_form(product=board["carrots"].pk, expires_at="2029-12-01T23:59")
    assert client.post(f"{SURPLUS}nouveau/", data).status_code == 302


def accepted_commitment(board, starts_on, ends_on, status="accepted", organisation=None):
    return Commitment.objects.create(
        organisation=organisation or board["kitchen"],
        producer=board["farm"],
        product=board["carrots"],
        quantity=Decimal("7"),
        unit="kg",
        basis="week",
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
    )


def test_the_commitments_page_stays_up_with_extreme_dates_already_stored(
    client, home_pages, board, organisation_factory
):
    """Commitments stored before the window existed: the weekly table stays within it."""
    widest = accepted_commitment(board, date(1, 1, 1), date(9999, 12, 31))
    accepted_commitment(
        board, date(9999, 12, 1), date(9999, 12, 31), organisation=organisation_factory()
    )
    client.force_login(board["farmer"])
    response = client.get(COMMITMENTS)
    assert response.status_code == 200
    weeks = response.context["weeks"]
    assert FIRST - timedelta(days=7) < weeks[0] and weeks[-1] <= LAST
    assert len(weeks) <= 5 * 53 + 1
    assert client.get(f"{COMMITMENTS}{widest.pk}/").status_code == 200


def test_needs_pages_stay_up_with_extreme_dates_already_stored(
    client, home_pages, board, organisation_factory, member_factory
):
    make_need(board, wanted_from=date(1, 1, 1), wanted_until=date(9999, 12, 31), buy_together=True)
    other = organisation_factory()
    make_need(
        board,
        organisation=other,
        posted_by=member_factory(organisation=other),
        wanted_from=date(9999, 12, 1),
        wanted_until=date(9999, 12, 31),
        buy_together=True,
    )
    client.force_login(board["cook"])
    for url in (NEEDS, f"{NEEDS}ensemble/", f"{NEEDS}{Need.objects.first().pk}/"):
        assert client.get(url).status_code == 200, url
    client.force_login(board["farmer"])
    assert client.get(f"{NEEDS}pour-moi/").status_code == 200


def test_a_lot_page_stays_up_with_extreme_dates_already_stored(
    client, home_pages, board, lot_factory
):
    lot = lot_factory(
        pickup_from=datetime(1, 1, 2, tzinfo=UTC),
        pickup_until=datetime(9999, 12, 30, tzinfo=UTC),
        expires_at=datetime(9999, 12, 30, tzinfo=UTC),
    )
    client.force_login(board["cook"])
    for url in (SURPLUS, f"{SURPLUS}{lot.pk}/"):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("admin", [NeedAdmin, SurplusLotAdmin])
def test_the_admin_refuses_a_changed_date_outside_the_window_and_keeps_an_old_one(
    board, lot_factory, editor, admin
):
    if admin is NeedAdmin:
        field, old, typed = "wanted_from", date(2020, 1, 1), "0001-01-01"
        record = make_need(board, wanted_from=old)
    else:
        field, old, typed = (
            "pickup_from",
            datetime(2020, 1, 1, 8, tzinfo=MONTREAL),
            "0001-01-01 00:00",
        )
        record = lot_factory(pickup_from=old)
    form_class = admin().get_edit_handler().bind_to_model(admin.model).get_form_class()
    data = {k: v for k, v in model_to_dict(record).items() if v is not None}
    for name, value in vars(record).items():  # as the admin's widget writes them
        if isinstance(value, datetime):
            data[name] = timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    unchanged = form_class(data, instance=record, for_user=editor)
    assert field not in unchanged.errors and field not in unchanged.changed_data
    form = form_class({**data, field: typed}, instance=record, for_user=editor)
    assert form.errors[field] == [FRENCH]
