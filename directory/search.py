"""Searching the directory: a normalised copy of each entry's searchable text (name,
description, city, borough or region, products in French and English) kept on the row,
matched word by word.

Measured on 5,000 entries and 30,000 offers (bench/directory.py), Wagtail's database
search backend took 240 ms a query on SQLite (its full-text match runs once per index
row) against a few milliseconds here; and substring matching suits names: "lebeau",
"carottes" and "epinard" find "Ferme Lebeau", "Carotte" and "Épinard"."""

import unicodedata

from django.db.models import Q

PLURAL_ENDINGS = ("s", "x")
# Ligatures have no decomposition to strip: people type "oeufs" for "Œufs".
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def normalise(text):
    """Lower case, no accents or ligatures, single spaces: "Épinards  BIO" → "epinards
    bio", "Œufs" → "oeufs"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.lower().translate(LIGATURES).split())


def search_terms(text):
    """The words to look for, each without a plural ending so that "carottes" finds
    "carotte" and "carottes" alike."""
    terms = []
    for word in normalise(text).split():
        if len(word) > 3 and word.endswith(PLURAL_ENDINGS):
            word = word[:-1]
        terms.append(word)
    return terms


def matching(text):
    """A filter for the entries whose text holds every word."""
    condition = Q()
    for term in search_terms(text):
        condition &= Q(search_text__contains=term)
    return condition


def matches(text, names):
    """True when every word of text is in one of the names: the same matching as
    matching(), for short lists read whole (the catalogue's products)."""
    haystack = normalise(" ".join(name for name in names if name))
    return all(term in haystack for term in search_terms(text))


def searchable_text(producer, product_names=()):
    parts = [producer.name, producer.description, producer.city, *product_names]
    if producer.area_id:
        parts.append(producer.area.name)
    return normalise(" ".join(part for part in parts if part))
