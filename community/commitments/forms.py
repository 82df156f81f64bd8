"""The commitment's forms: the terms proposed or countered, and a delivery logged."""

import os

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.bounds import TypedDatesMixin
from directory.forms import DateInput, UnitChoicesMixin, price_field, quantity_field
from directory.uploads import check_content

from .models import Commitment, Delivery

QUALITY_TERMS = ["grade", "calibre", "max_days_from_harvest", "packaging", "other_terms"]
TERMS = [
    "product",
    "quantity",
    "unit",
    "basis",
    "starts_on",
    "ends_on",
    "price_per_unit",
    "notes",
    *QUALITY_TERMS,
]
# A delivery's photo: the image formats every browser shows, at Wagtail images' size limit.
# Their types, as the photo view serves them.
PHOTO_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


class CommitmentTermsForm(UnitChoicesMixin, TypedDatesMixin, forms.ModelForm):
    """The terms of a commitment, as proposed or countered."""

    quantity = quantity_field(_("Quantity"))
    price_per_unit = price_field(_("Indicative price per unit ($)"))

    class Meta:
        model = Commitment
        fields = TERMS
        widgets = {
            "starts_on": DateInput(format="%Y-%m-%d"),
            "ends_on": DateInput(format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "other_terms": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end comes before the start."))
        return data


class CommitmentForm(CommitmentTermsForm):
    class Meta(CommitmentTermsForm.Meta):
        fields = ["organisation", "producer", *TERMS]

    def __init__(self, organisations, own_producers, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from directory.models import Producer

        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None
        # Only producers with members on the site can answer; never one's own farm.
        self.fields["producer"].queryset = Producer.objects.filter(
            organisation__status="approved"
        ).exclude(pk__in=own_producers.values("pk"))


class DeliveryForm(TypedDatesMixin, forms.Form):
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DateInput(format="%Y-%m-%d"))
    quantity = quantity_field(_("Quantity delivered"))
    conformity = forms.ChoiceField(
        label=_("Received"),
        choices=Delivery.Conformity.choices,
        initial=Delivery.Conformity.ACCEPTED,
        widget=forms.RadioSelect,
        help_text=_("A refused delivery does not count toward the delivered volume."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the delivery has remarks or is refused."),
    )
    photo = forms.ImageField(
        label=_("Photo"),
        required=False,
        help_text=_(
            "JPEG, PNG or WebP; %(size)s MB at most. Only the two sides and the network's "
            "staff can see it."
        )
        % {"size": settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE // (1024 * 1024)},
    )

    def clean_delivered_on(self):
        day = self.cleaned_data["delivered_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A delivery cannot be in the future."))
        return day

    def clean_photo(self):
        """Besides Pillow's reading of it (ImageField): one of our formats, our size, and
        the bytes of the format its name says."""
        photo = self.cleaned_data.get("photo")
        if not photo:
            return photo
        extension = os.path.splitext(photo.name)[1].lower().lstrip(".")
        if extension not in PHOTO_TYPES:
            raise forms.ValidationError(
                _("Files of this type are not accepted. Allowed: %(types)s.")
                % {"types": ", ".join(PHOTO_TYPES)}
            )
        if photo.size > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE:
            raise forms.ValidationError(_("This file is too large."))
        check_content(photo)
        return photo

    def clean(self):
        data = super().clean()
        conformity = data.get("conformity")
        if conformity and conformity != Delivery.Conformity.ACCEPTED and not data.get("reason"):
            self.add_error("reason", _("Say why this delivery was not accepted as it is."))
        return data
