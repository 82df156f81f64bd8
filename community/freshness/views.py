"""The pages a producer opens from its freshness check, through its signed link and
without an account: the entry as the directory shows it, with "Still right" (a button
that posts: an email scanner that opens the link stamps nothing) and "Something
changed" (a short form)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .. import signed_links
from . import rules
from .forms import OrderingForm, PriceFormSet

# Allauth's rate limits (ACCOUNT_RATE_LIMITS), as the sign-in's: in the shared cache.
RATE_LIMIT = "freshness_check"
REFUSED = "community/freshness/link_refused.html"


def _opened(request, pk, token):
    """The check, or the response that refuses the link."""
    try:
        return rules.open_link(pk, token), None
    except signed_links.LinkRefused as refusal:
        return None, signed_links.refused(request, refusal, REFUSED)


@never_cache
def check(request, pk, token):
    """The entry, its offers, prices and months, and the two answers."""
    freshness_check, refused = _opened(request, pk, token)
    if refused:
        return refused
    if request.method == "POST":
        if not signed_links.allowed(request, RATE_LIMIT, token):
            return signed_links.too_many(request)
        rules.confirm(freshness_check)
        messages.success(request, _("Thank you: your entry shows as confirmed by you today."))
        return redirect(request.path)
    producer = freshness_check.producer
    return render(
        request,
        "community/freshness/check.html",
        {
            "check": freshness_check,
            "producer": producer,
            "offers": rules.offers_of(producer),
            "change_url": reverse("community:freshness_change", args=[pk, token]),
        },
    )


@never_cache
def change(request, pk, token):
    """What changed: the ordering details, the offers' prices and months."""
    freshness_check, refused = _opened(request, pk, token)
    if refused:
        return refused
    producer = freshness_check.producer
    data = request.POST if request.method == "POST" else None
    if data is not None and not signed_links.allowed(request, RATE_LIMIT, token):
        return signed_links.too_many(request)
    entry_form = OrderingForm(data, instance=producer, prefix="entry")
    offers = PriceFormSet(
        data, instance=producer, prefix="offers", queryset=rules.offers_of(producer)
    )
    if data is not None and entry_form.is_valid() and offers.is_valid():
        rules.save_changes(freshness_check, entry_form, offers.forms)
        messages.success(
            request, _("Thank you: your changes are saved and your entry shows as confirmed.")
        )
        return redirect("community:freshness_check", pk=pk, token=token)
    return render(
        request,
        "community/freshness/change.html",
        {
            "check": freshness_check,
            "producer": producer,
            "entry_form": entry_form,
            "offers": offers,
            "check_url": reverse("community:freshness_check", args=[pk, token]),
        },
    )
