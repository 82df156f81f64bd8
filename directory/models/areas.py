"""Where entries are and where they deliver: Montréal's boroughs and Québec's regions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.Model):
    """A Montréal borough or a region of Québec: where entries are and where they deliver."""

    class Kind(models.TextChoices):
        BOROUGH = "borough", _("borough")
        REGION = "region", _("region")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.BOROUGH)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("borough or region")
        verbose_name_plural = _("boroughs and regions")

    def __str__(self):
        return self.name
