"""The signed links producers act through without an account (community.signed_links)."""

from django.core import signing

import pytest

from community import signed_links
from community.signed_links import LinkRefused


def test_a_link_opens_the_ids_it_was_signed_over():
    token = signed_links.sign("purpose", r=12, n=3)
    assert signed_links.unsign("purpose", token, n=3) == {"r": 12, "n": 3}


@pytest.mark.parametrize(
    "token",
    [
        signed_links.sign("another purpose", r=12, n=3),  # signed for something else
        signed_links.sign("purpose", r=12, n=3)[:-1] + "x",  # tampered
        signed_links.sign("purpose", r=12, n=4),  # for another object than the address's
        signed_links.sign("purpose", r=12),  # without the object the address names
        signing.Signer(salt="purpose").sign_object(["r", 12]),  # not ids at all
        signing.Signer(salt="purpose").sign_object({"r": "twelve", "n": 3}),
        "",
    ],
)
def test_any_other_token_is_a_broken_link(token):
    with pytest.raises(LinkRefused) as refusal:
        signed_links.unsign("purpose", token, n=3)
    assert refusal.value.kind == "broken"
