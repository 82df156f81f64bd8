"""The "Something changed" form: the entry's ordering details and its offers' prices and
months, as the producer's own entry page edits them (community.organisations)."""

from django import forms
from django.utils.translation import ngettext_lazy

from directory.bounds import RefusesTamperedCount, bounded
from directory.forms import DecimalCommaField
from directory.models import Offer, Producer

from ..organisations.producer_entry import MAX_OFFERS, EntryForm

ORDERING_FIELDS = [
    "orders_by_phone",
    "orders_by_email",
    "orders_by_website",
    "ordering_platform",
    "order_lead_time_days",
    "delivery_days",
    "pickup_available",
    "pickup_details",
    "minimum_order",
]


class OrderingForm(EntryForm):
    website = None  # not asked here: the ordering details only

    class Meta(EntryForm.Meta):
        fields = ORDERING_FIELDS


class PriceAndMonthsForm(forms.ModelForm):
    price = DecimalCommaField(
        label=Offer._meta.get_field("price").verbose_name,
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
    )

    class Meta:
        model = Offer
        fields = ["price", "months"]


class BasePriceFormSet(RefusesTamperedCount, forms.BaseInlineFormSet):
    """The entry's offers as they are: none added or removed here."""

    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "Send at most %(num)d offer.", "Send at most %(num)d offers.", "num"
        )
    }

    def initial_form_count(self):
        return len(self.get_queryset())  # whatever count is posted

    def total_form_count(self):
        return self.initial_form_count()

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Django would look a posted id up among every producer's offers.
        form.fields["id"].queryset = self.get_queryset()


PriceFormSet = forms.inlineformset_factory(
    Producer,
    Offer,
    form=PriceAndMonthsForm,
    formset=BasePriceFormSet,
    extra=0,
    can_delete=False,
    **bounded(MAX_OFFERS),
)
