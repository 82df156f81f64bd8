"""What entries are described with: certifications and labels, the families of
products, and the products themselves."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..units import Unit
from .bilingual import BilingualName


class Certification(BilingualName):
    """Organic certification and other labels (Aliments du Québec, Québec Vrai...)."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    is_organic = models.BooleanField(_("organic"), default=False)

    class Meta(BilingualName.Meta):
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")


class Category(BilingualName):
    """A family of products: vegetables, fruits, dairy, eggs, dry goods..."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kept_cold = models.BooleanField(
        _("kept cold"),
        default=False,
        help_text=_(
            "Its products travel refrigerated (dairy, eggs, meat): an organisation picks "
            "them up only with a refrigerated vehicle."
        ),
    )

    class Meta(BilingualName.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class Product(BilingualName):
    """A food that is bought and sold: carrots, apples, eggs. Prices for it are compared
    in its reference unit."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", verbose_name=_("category")
    )
    reference_unit = models.CharField(
        _("reference unit"),
        max_length=10,
        choices=Unit.choices,
        default=Unit.KILOGRAM,
        help_text=_("Prices of this product are compared per this unit."),
    )

    class Meta(BilingualName.Meta):
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def get_absolute_url(self):
        return reverse("directory:product_detail", args=[self.slug])
