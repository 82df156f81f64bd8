"""The public directory: producers and markets, what they offer, when and at what price.

Every other part of the site reads these records; this app imports no other app.
Editors keep them in the Wagtail admin under "Directory". One module per subject."""

from ..units import Unit  # read from here as well as from directory.units
from .areas import Area
from .availability import Availability, end_of_week
from .bilingual import BilingualName
from .catalogue import Category, Certification, Product
from .offers import Offer
from .prices import PriceObservation
from .producers import DiscountTier, Producer, ProducerPhoto, ProducerQuerySet, unique_slug

__all__ = [
    "Area",
    "Availability",
    "BilingualName",
    "Category",
    "Certification",
    "DiscountTier",
    "Offer",
    "PriceObservation",
    "Producer",
    "ProducerPhoto",
    "ProducerQuerySet",
    "Product",
    "Unit",
    "end_of_week",
    "unique_slug",
]
