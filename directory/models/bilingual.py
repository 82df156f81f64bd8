"""Names kept in French and in English, shown in the visitor's language."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class BilingualName(models.Model):
    """A name in French and in English; `name` is the one for the active language."""

    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)

    class Meta:
        abstract = True
        ordering = ["name_fr"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_fr
