"""Claims at the same instant never take more than a lot holds: real threads and real
transactions on SQLite and on PostgreSQL (DATABASE_URL)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from community.models import Claim, SurplusLot
from community.surplus import rules as surplus

from ..helpers import at_once, make_need

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_twenty_organisations_claiming_a_lot_at_once_never_exceed_it(
    board, lot_factory, member_factory, organisation_factory
):
    make_need(board)
    lot = lot_factory(quantity=Decimal("100"))
    SurplusLot.objects.filter(pk=lot.pk).update(created_at=timezone.now() - timedelta(hours=1))
    lot.refresh_from_db()  # open to every organisation
    claimants = [member_factory() for _ in range(20)]
    errors = at_once(
        *[
            lambda person=person: surplus.claim(
                lot, person.memberships.get().organisation, person, Decimal("15")
            )
            for person in claimants
        ]
    )
    lot.refresh_from_db()
    claimed = sum(claim.quantity for claim in Claim.objects.filter(lot=lot))
    assert Claim.objects.filter(lot=lot).count() == 6  # 6 × 15 kg = 90 kg of 100
    assert claimed == Decimal("90") and lot.remaining == Decimal("10")
    assert len(errors) == 14
    assert all(isinstance(error, surplus.ClaimRefused) for error in errors)
