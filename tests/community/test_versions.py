"""The versions cached results are keyed on: each subject's moves when one of its records
is saved or deleted, and where the code changes them with a QuerySet.update(), which
sends no signal."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from community import versions
from community.models import Answer, Claim, Commitment, Need, Outcome, Registration, SurplusLot
from community.needs import rules as needs
from community.surplus import rules as surplus

from .helpers import make_need


def moves(subject, change):
    before = versions.versions(subject)
    change()
    return versions.versions(subject) != before


def test_each_subject_moves_when_its_records_change(
    board, lot_factory, event_factory, organisation_factory
):
    today = timezone.localdate()
    need = make_need(board)
    assert moves("needs", lambda: make_need(board))
    assert moves("needs", need.delete)
    assert moves("organisations", organisation_factory)
    assert moves("surplus", lot_factory)
    commitment = Commitment(
        organisation=board["kitchen"],
        producer=board["farm"],
        product=board["carrots"],
        quantity=Decimal("5"),
        basis="total",
        starts_on=today,
        ends_on=today,
    )
    assert moves("commitments", commitment.save)
    event = event_factory()
    assert moves(
        "events",
        lambda: Registration.objects.create(event=event, user=board["cook"], status="confirmed"),
    )
    assert moves("events", event_factory)  # an event's date decides whether it was held
    event.starts_at += timedelta(hours=1)
    assert moves("events", lambda: event.save_revision().publish())
    outcome = Outcome(kind="connection", producer=board["farm"])
    assert moves("outcomes", outcome.save)
    assert not moves("needs", outcome.delete)  # each subject its own


def test_what_the_code_updates_moves_its_subject_too(board, lot_factory):
    need = make_need(board)
    answer = Answer.objects.create(
        need=need, producer=board["farm"], unit_price=Decimal("2"), quantity=Decimal("40")
    )
    assert moves("needs", lambda: needs.withdraw(answer))
    lot = lot_factory(first_claim_minutes=0)
    assert moves(
        "surplus", lambda: surplus.claim(lot, board["kitchen"], board["cook"], Decimal("10"))
    )
    claim = Claim.objects.get()
    assert moves("surplus", lambda: surplus.confirm_pickup(claim, board["farmer"]))
    Need.objects.filter(pk=need.pk).update(wanted_until=timezone.localdate() - timedelta(days=1))
    SurplusLot.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    surplus_before = versions.versions("surplus")
    assert moves("needs", lambda: call_command("close_expired", stdout=StringIO()))
    assert versions.versions("surplus") != surplus_before
