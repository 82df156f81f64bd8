"""The spellings people write in the import file, and the form they are compared in."""

import re

from ..models import Offer, Producer
from ..search import normalise
from ..units import Unit

# Words people write for the choices, beside the values and the labels in either
# language (the labels come from the catalogues, these from spreadsheets seen in use).
KIND_WORDS = {
    "ferme": Producer.Kind.FARM,
    "ferme maraîchère": Producer.Kind.MARKET_GARDEN,
    "maraîcher": Producer.Kind.MARKET_GARDEN,
    "jardin maraîcher": Producer.Kind.MARKET_GARDEN,
    "verger": Producer.Kind.ORCHARD,
    "laiterie": Producer.Kind.DAIRY,
    "transformateur": Producer.Kind.PROCESSOR,
    "coopérative": Producer.Kind.COOPERATIVE,
    "coop": Producer.Kind.COOPERATIVE,
    "distributeur": Producer.Kind.DISTRIBUTOR,
    "grossiste": Producer.Kind.WHOLESALER,
    "grossiste en épicerie sèche": Producer.Kind.WHOLESALER,
    "importateur": Producer.Kind.IMPORTER,
    "marché public": Producer.Kind.PUBLIC_MARKET,
    "marché fermier": Producer.Kind.FARMERS_MARKET,
    "marché solidaire": Producer.Kind.SOLIDARITY_MARKET,
    "kiosque": Producer.Kind.KIOSK,
}
DISTANCE_WORDS = {
    "régional": Producer.DistanceClass.REGIONAL,
    "québec": Producer.DistanceClass.QUEBEC,
    "importé": Producer.DistanceClass.IMPORTED,
    "importée": Producer.DistanceClass.IMPORTED,
}
UNIT_WORDS = {
    "kilo": Unit.KILOGRAM,
    "kilogramme": Unit.KILOGRAM,
    "livre": Unit.POUND,
    "lbs": Unit.POUND,
    "gramme": Unit.GRAM,
    "liter": Unit.LITRE,
    "unité": Unit.UNIT,
    "pièce": Unit.UNIT,
    "each": Unit.UNIT,
    "douzaine": Unit.DOZEN,
    "dz": Unit.DOZEN,
    "botte": Unit.BUNCH,
    "caisse": Unit.CASE,
    "boîte": Unit.CASE,
}
GRADE_WORDS = {
    "supérieure": Offer.Grade.PREMIUM,
    "qualité supérieure": Offer.Grade.PREMIUM,
    "déclassé": Offer.Grade.SECONDS,
    "déclassés": Offer.Grade.SECONDS,
    "seconde": Offer.Grade.SECONDS,
    "secondes": Offer.Grade.SECONDS,
    "2e choix": Offer.Grade.SECONDS,
    "transformation": Offer.Grade.PROCESSING,
    "pour transformation": Offer.Grade.PROCESSING,
}
YES_WORDS = {"oui", "o", "yes", "y", "1", "x", "vrai", "true"}
NO_WORDS = {"non", "n", "no", "0", "faux", "false"}

MONTH_WORDS = {
    **dict.fromkeys(("janvier", "janv", "jan", "january"), 1),
    **dict.fromkeys(("fevrier", "fevr", "fev", "february", "feb"), 2),
    **dict.fromkeys(("mars", "mar", "march"), 3),
    **dict.fromkeys(("avril", "avr", "april", "apr"), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("juin", "june", "jun"), 6),
    **dict.fromkeys(("juillet", "juil", "july", "jul"), 7),
    **dict.fromkeys(("aout", "august", "aug"), 8),
    **dict.fromkeys(("septembre", "sept", "sep", "september"), 9),
    **dict.fromkeys(("octobre", "oct", "october"), 10),
    **dict.fromkeys(("novembre", "nov", "november"), 11),
    **dict.fromkeys(("decembre", "dec", "december"), 12),
}
ALL_YEAR_WORDS = {
    "toute l annee",
    "toute lannee",
    "toute annee",
    "all year",
    "all year round",
    "year round",
}


def normalize(text):
    """The form in which headers and choices are compared: lower case, no accents, no
    parenthesised remarks, and spaces, underscores, hyphens and apostrophes alike."""
    text = re.sub(r"\(.*?\)", " ", normalise(str(text)))
    return re.sub(r"[\s_\-'’.]+", " ", text).strip()
