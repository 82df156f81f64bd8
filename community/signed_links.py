"""Signed links that let a producer act without an account: answer a price request, say
what it has this week, confirm its directory entry.

Each kind of link has a salt of its own (one purpose: a link signed for one thing never
opens another) and is signed over the ids of what it opens, nothing a person could guess
(django.core.signing). The view checks the ids against its address, refuses with a clear
page (`refused`) and counts attempts against the rate limit named after the kind
(ACCOUNT_RATE_LIMITS, allauth's limiter, in the shared cache)."""

from django.core import signing
from django.shortcuts import render

from allauth.core import ratelimit


class LinkRefused(Exception):
    """A link that opens nothing: kind is "broken" (tampered, mistyped, or for something
    else) or "closed" (what it opened is over); opened is the object when it is known."""

    def __init__(self, kind, opened=None):
        super().__init__(kind)
        self.kind = kind
        self.opened = opened


def sign(salt, **ids):
    """A token over these ids (short keys, integer values) for this one purpose."""
    return signing.Signer(salt=salt).sign_object(ids)


def unsign(salt, token, **expected):
    """The ids the token was signed over, as integers; LinkRefused("broken") if it was not
    signed for this purpose, is missing one of the ids, or names another object than the
    expected ones (typically the id in the link's address)."""
    try:
        payload = signing.Signer(salt=salt).unsign_object(token)
        ids = {key: int(value) for key, value in payload.items()}
    except (signing.BadSignature, AttributeError, TypeError, ValueError):
        raise LinkRefused("broken") from None
    for key, value in expected.items():
        if key not in ids or ids[key] != int(value):
            raise LinkRefused("broken")
    return ids


def allowed(request, action, token):
    """Whether this attempt through the link is within the kind's rate limit, counted by
    address and by link."""
    return ratelimit.consume(request, action=action, key=token)


def refused(request, refusal, template, context=None):
    """The clear page for a refused link: 410 when what it opened is over, 400 otherwise."""
    return render(
        request,
        template,
        {"kind": refusal.kind, "opened": refusal.opened, **(context or {})},
        status=410 if refusal.kind == "closed" else 400,
    )


def too_many(request):
    return render(request, "429.html", status=429)
