"""Freshness: the directory is only worth what its information is worth. Editors see
what is stale (admin filters and a home-page panel) and mark an entry verified once
they have checked it with the producer, one by one or all the entries listed at once;
producers confirm their own entry through the freshness check they are emailed
(community.freshness). Each stamp says who vouched: the staff or the producer."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.admin import SimpleListFilter
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component
from wagtail.log_actions import log

from .models import Offer, Producer
from .signals import bump_version


def stale_price_limit():
    return timezone.localdate() - timedelta(days=settings.DIRECTORY_PRICE_STALE_AFTER_DAYS)


def offers_with_old_prices():
    return Offer.objects.filter(
        Q(price_seen_on__lt=stale_price_limit()) | Q(price_seen_on__isnull=True)
    )


class FreshnessFilter(SimpleListFilter):
    title = _("freshness")
    parameter_name = "freshness"

    def lookups(self, request, model_admin):
        return [
            (
                "stale",
                _("Not verified for %(days)s days") % {"days": settings.DIRECTORY_STALE_AFTER_DAYS},
            ),
            ("never", _("Never verified")),
            ("fresh", _("Verified recently")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.stale()
        if self.value() == "never":
            return queryset.filter(last_verified_on__isnull=True)
        if self.value() == "fresh":
            return queryset.exclude(pk__in=queryset.stale().values("pk"))
        return queryset


class LocationFilter(SimpleListFilter):
    title = _("location")
    parameter_name = "location"

    def lookups(self, request, model_admin):
        return [("missing", _("Without coordinates")), ("present", _("With coordinates"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(Q(latitude__isnull=True) | Q(longitude__isnull=True))
        if self.value() == "present":
            return queryset.located()
        return queryset


class PriceAgeFilter(SimpleListFilter):
    title = _("price age")
    parameter_name = "price_age"

    def lookups(self, request, model_admin):
        return [("old", _("Older than a season or never seen")), ("recent", _("Seen this season"))]

    def queryset(self, request, queryset):
        if self.value() == "old":
            return queryset.filter(pk__in=offers_with_old_prices().values("pk"))
        if self.value() == "recent":
            return queryset.filter(price_seen_on__gte=stale_price_limit())
        return queryset


def stamp_verified(producers, kind, user=None, action="directory.verify", data=None):
    """Record that these entries (a QuerySet) were verified today, by `kind`
    (Producer.VerifiedBy) and, for the staff, by whom; each in its entry's history."""
    with transaction.atomic():
        entries = list(producers)
        Producer.objects.filter(pk__in=[entry.pk for entry in entries]).update(
            last_verified_on=timezone.localdate(), last_verified_by=user, last_verified_kind=kind
        )
        bump_version()  # an update() sends no post_save
        for entry in entries:
            log(instance=entry, action=action, user=user, data=data or {})
    return len(entries)


def mark_verified(request, pk):
    """Confirm, then record that the entry was verified today by this editor."""
    if not request.user.has_perm("directory.change_producer"):
        raise PermissionDenied
    producer = get_object_or_404(Producer, pk=pk)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if request.method == "POST":
        stamp_verified(
            Producer.objects.filter(pk=producer.pk), Producer.VerifiedBy.STAFF, request.user
        )
        messages.success(
            request, gettext("“%(name)s” is marked as verified today.") % {"name": producer.name}
        )
        # An address, never a view name: redirect("abc") would look for a view called abc.
        return (
            redirect(next_url)
            if next_url.startswith("/")
            else redirect("directory_producer_modeladmin_index")
        )
    return TemplateResponse(
        request, "directory/admin/mark_verified.html", {"producer": producer, "next": next_url}
    )


class FreshnessPanel(Component):
    """The admin home page's summary of what needs checking in the directory."""

    name = "directory_freshness"
    template_name = "directory/admin/freshness_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        return {
            **verified_shares(),
            "stale_count": Producer.objects.stale().count(),
            "old_price_count": offers_with_old_prices().count(),
            "unlocated_count": Producer.objects.filter(
                Q(latitude__isnull=True) | Q(longitude__isnull=True)
            ).count(),
            "stale_days": settings.DIRECTORY_STALE_AFTER_DAYS,
            "price_days": settings.DIRECTORY_PRICE_STALE_AFTER_DAYS,
        }


def verified_shares():
    """How many entries were verified within DIRECTORY_STALE_AFTER_DAYS, their share of
    the directory, and how many of them by their producer and by the staff (a date typed
    in the admin or imported is the staff's too), in one query."""
    limit = timezone.localdate() - timedelta(days=settings.DIRECTORY_STALE_AFTER_DAYS)
    fresh = Q(last_verified_on__gte=limit)
    counts = Producer.objects.aggregate(
        total=Count("pk"),
        fresh=Count("pk", filter=fresh),
        by_producer=Count("pk", filter=fresh & Q(last_verified_kind=Producer.VerifiedBy.PRODUCER)),
    )
    return {
        "fresh_count": counts["fresh"],
        "fresh_percent": round(counts["fresh"] * 100 / counts["total"]) if counts["total"] else 0,
        "by_producer_count": counts["by_producer"],
        "by_staff_count": counts["fresh"] - counts["by_producer"],
    }
