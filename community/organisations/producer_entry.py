"""Producers keep their own directory entry and offers current from the site. Every
change is stamped with who made it and when; editors see it in the directory's admin."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from wagtail.log_actions import log

from directory.bounds import RefusesTamperedCount, bounded
from directory.forms import DecimalCommaField, UnitChoicesMixin
from directory.models import Offer, Producer

from .. import access

ENTRY_FIELDS = [
    "description",
    "phone",
    "email",
    "website",
    "orders_by_phone",
    "orders_by_email",
    "orders_by_website",
    "ordering_platform",
    "order_lead_time_days",
    "delivery_days",
    "delivery_areas",
    "pickup_available",
    "pickup_details",
    "minimum_order",
    "open_to_donations",
    "open_to_gleaning",
]


class EntryForm(forms.ModelForm):
    website = forms.URLField(
        label=Producer._meta.get_field("website").verbose_name,
        required=False,
        assume_scheme="https",
    )
    minimum_order = DecimalCommaField(
        label=Producer._meta.get_field("minimum_order").verbose_name,
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
    )

    class Meta:
        model = Producer
        fields = ENTRY_FIELDS
        widgets = {"delivery_areas": forms.CheckboxSelectMultiple}


class OfferForm(UnitChoicesMixin, forms.ModelForm):
    price = DecimalCommaField(
        label=Offer._meta.get_field("price").verbose_name,
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
    )

    class Meta:
        model = Offer
        fields = ["product", "unit", "price", "months", "grade", "weekly_capacity", "organic"]


MAX_OFFERS = 100  # far more than any farm of the network sells


class BaseOfferFormSet(RefusesTamperedCount, forms.BaseInlineFormSet):
    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "Send at most %(num)d offer.", "Send at most %(num)d offers.", "num"
        )
    }

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Django would look a posted id up among every producer's offers.
        form.fields["id"].queryset = self.get_queryset()
        # The products are read once for the page, not once per offer.
        form.fields["product"].choices = self.product_choices

    @cached_property
    def product_choices(self):
        return list(self.form.base_fields["product"].choices)


OfferFormSet = forms.inlineformset_factory(
    Producer,
    Offer,
    form=OfferForm,
    formset=BaseOfferFormSet,
    extra=1,
    can_delete=True,
    **bounded(MAX_OFFERS),
)


def producer_of(user):
    """The directory entry this person keeps: one of access.producers_of(user), the
    first by its business's name."""
    membership = (
        access.memberships(user)
        .filter(organisation__producer__isnull=False)
        .select_related("organisation__producer")
        .first()
    )
    if membership is None:
        raise PermissionDenied
    return membership.organisation.producer


@login_required
def edit_entry(request):
    producer = producer_of(request.user)
    entry_form = EntryForm(request.POST or None, instance=producer, prefix="entry")
    offers = OfferFormSet(
        request.POST or None,
        instance=producer,
        prefix="offers",
        queryset=Offer.objects.select_related("product"),
    )
    if request.method == "POST" and entry_form.is_valid() and offers.is_valid():
        with transaction.atomic():
            entry = entry_form.save(commit=False)
            entry.updated_by = request.user
            entry.save()
            entry_form.save_m2m()
            for form in offers.forms:
                if form in offers.deleted_forms or not form.has_changed():
                    continue
                offer = form.save(commit=False)
                offer.producer = producer
                offer.updated_by = request.user
                if "price" in form.changed_data:
                    offer.price_seen_on = timezone.localdate()  # a price given now is seen today
                offer.save()
            for form in offers.deleted_forms:
                if form.instance.pk:
                    form.instance.delete()
            # In the entry's history, beside the editors' changes made in the admin.
            log(instance=entry, action="wagtail.edit", user=request.user)
        messages.success(request, _("Your entry is saved. Thank you for keeping it current."))
        return redirect("community:producer_entry")
    return render(
        request,
        "community/organisations/producer_entry.html",
        {"producer": producer, "entry_form": entry_form, "offers": offers},
    )
