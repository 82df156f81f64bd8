"""The unit a member chooses in a form is written as people write it after a number:
"kg", "douzaine", never "kilogramme"."""

import re

from django.utils import translation

import pytest

from community.commitments.forms import CommitmentForm
from community.needs.forms import NeedForm
from community.organisations.models import Organisation
from community.organisations.producer_entry import OfferForm
from community.surplus.forms import SurplusLotForm
from directory.models import Producer

pytestmark = pytest.mark.django_db

FRENCH = ["kg", "lb", "g", "L", "unité", "douzaine", "botte", "caisse"]
ENGLISH = ["kg", "lb", "g", "L", "unit", "dozen", "bunch", "case"]


def forms():
    organisations, producers = Organisation.objects.none(), Producer.objects.none()
    return {
        "need": NeedForm(organisations),
        "surplus lot": SurplusLotForm(producers),
        "commitment": CommitmentForm(organisations, producers),
        "offer": OfferForm(),
    }


def shown_units(form):
    return re.findall(r"<option[^>]*>([^<]*)</option>", str(form["unit"]))


@pytest.mark.parametrize(("language", "expected"), [("fr", FRENCH), ("en", ENGLISH)])
def test_unit_choices_are_written_as_people_write_units(language, expected):
    with translation.override(language):
        for name, form in forms().items():
            assert shown_units(form) == expected, name
