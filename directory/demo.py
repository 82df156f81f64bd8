"""Demo directory for the Grand Sud-Ouest network (see the load_demo_content command).

The producers, processors, distributors and solidarity markets below are fictional, set in
real municipalities around Montréal with plausible addresses, seasons and 2026 wholesale
prices; the public markets (Atwater, Jean-Talon, Maisonneuve, Lachine) are real places
whose hours are given as an approximation. Data first, then a short loader that only
creates what is missing, so that running it again duplicates nothing and keeps editors'
changes. The generate_directory_volume command reuses the areas, categories and products.
"""

import random
from collections import Counter
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import (
    Area,
    Category,
    Certification,
    DiscountTier,
    Offer,
    PriceObservation,
    Producer,
    Product,
)
from .seasons import ALL_YEAR, months_between, months_to_mask
from .units import Unit, convert_quantity, convert_unit_price

# Variation (prices around the typical one, verification dates, map spread) comes from
# generators seeded with this and each entry's slug: every run gives the same data.
SEED = 2026

Kind = Producer.Kind
LOCAL, REGIONAL, QUEBEC, IMPORTED = Producer.DistanceClass.values
# The tables keep one row per line, which the formatter would explode.
# fmt: off
KG, LB, LITRE, UNIT, DOZEN, BUNCH = Unit.KILOGRAM, Unit.POUND, Unit.LITRE, Unit.UNIT, Unit.DOZEN, Unit.BUNCH

# --- Boroughs and regions: (slug, name) --------------------------------------------------

BOROUGHS = [
    ("verdun", "Verdun"),
    ("lasalle", "LaSalle"),
    ("lachine", "Lachine"),
    ("le-sud-ouest", "Le Sud-Ouest"),
    ("cote-des-neiges-notre-dame-de-grace", "Côte-des-Neiges–Notre-Dame-de-Grâce"),
    ("ville-marie", "Ville-Marie"),
    ("le-plateau-mont-royal", "Le Plateau-Mont-Royal"),
    ("rosemont-la-petite-patrie", "Rosemont–La Petite-Patrie"),
    ("mercier-hochelaga-maisonneuve", "Mercier–Hochelaga-Maisonneuve"),
    ("villeray-saint-michel-parc-extension", "Villeray–Saint-Michel–Parc-Extension"),
    ("ahuntsic-cartierville", "Ahuntsic-Cartierville"),
    ("saint-laurent", "Saint-Laurent"),
]

REGIONS = [
    ("monteregie", "Montérégie"),
    ("laurentides", "Laurentides"),
    ("lanaudiere", "Lanaudière"),
    ("montreal-ile", "Montréal (île)"),
    ("laval", "Laval"),
    ("centre-du-quebec", "Centre-du-Québec"),
    ("estrie", "Estrie"),
    ("outaouais", "Outaouais"),
    ("mauricie", "Mauricie"),
    ("capitale-nationale", "Capitale-Nationale"),
    ("saguenay-lac-saint-jean", "Saguenay–Lac-Saint-Jean"),
    ("hors-quebec", "Hors Québec"),
]

# The network's own territory, where most of its member organisations are.
GRAND_SUD_OUEST = ["verdun", "lasalle", "lachine", "le-sud-ouest"]
WEST_ISLAND = [*GRAND_SUD_OUEST, "cote-des-neiges-notre-dame-de-grace", "ville-marie"]
WHOLE_ISLAND = [slug for slug, _name in BOROUGHS]

# --- Categories and certifications -------------------------------------------------------

CATEGORIES = [
    # (slug, French, English)
    ("legumes", "Légumes", "Vegetables"),
    ("fruits", "Fruits", "Fruits"),
    ("produits-laitiers", "Produits laitiers", "Dairy"),
    ("oeufs", "Œufs", "Eggs"),
    ("viandes", "Viandes", "Meat"),
    ("cereales-legumineuses", "Céréales et légumineuses (épicerie sèche)", "Grains and pulses (dry goods)"),
    ("produits-transformes", "Produits transformés", "Processed foods"),
    ("herbes", "Herbes", "Herbs"),
    ("miel-erable", "Miel et érable", "Honey and maple"),
]

CERTIFICATIONS = [
    # (slug, French, English, organic)
    ("biologique-ecocert", "Biologique (Ecocert Canada)", "Organic (Ecocert Canada)", True),
    ("quebec-vrai", "Québec Vrai (biologique)", "Québec Vrai (organic)", True),
    ("aliments-du-quebec-bio", "Aliments du Québec Bio", "Aliments du Québec Organic", True),
    ("aliments-du-quebec", "Aliments du Québec", "Aliments du Québec (Foods of Québec)", False),
    ("aliments-prepares-au-quebec", "Aliments préparés au Québec", "Aliments préparés au Québec (Prepared in Québec)", False),
    ("commerce-equitable", "Commerce équitable (Fairtrade)", "Fairtrade", False),
]

# --- Products ----------------------------------------------------------------------------
# Season: the months Québec producers supply it, fresh or from storage, as (first, last)
# wrapping the year end. Price: a typical 2026 wholesale price in CAD per reference
# unit. Capacity: what a mid-sized supplier can deliver in a week, in that unit.

YEAR = (1, 12)

PRODUCTS = [
    # (slug, French, English, category, reference unit, season, price, weekly capacity)
    ("carotte", "Carotte", "Carrot", "legumes", KG, (7, 3), "1.30", 500),
    ("pomme-de-terre", "Pomme de terre", "Potato", "legumes", KG, (7, 5), "0.85", 800),
    ("oignon-jaune", "Oignon jaune", "Yellow onion", "legumes", KG, (8, 4), "1.10", 400),
    ("oignon-rouge", "Oignon rouge", "Red onion", "legumes", KG, (8, 3), "1.50", 150),
    ("ail", "Ail", "Garlic", "legumes", KG, (8, 2), "14.00", 20),
    ("betterave", "Betterave", "Beet", "legumes", KG, (7, 3), "1.40", 250),
    ("panais", "Panais", "Parsnip", "legumes", KG, (9, 3), "2.40", 120),
    ("navet", "Navet (rutabaga)", "Rutabaga", "legumes", KG, (9, 4), "1.10", 200),
    ("chou-vert", "Chou vert", "Green cabbage", "legumes", KG, (7, 3), "0.95", 300),
    ("chou-fleur", "Chou-fleur", "Cauliflower", "legumes", UNIT, (7, 10), "2.75", 150),
    ("brocoli", "Brocoli", "Broccoli", "legumes", UNIT, (7, 10), "2.00", 150),
    ("celeri", "Céleri", "Celery", "legumes", UNIT, (7, 10), "1.90", 120),
    ("poireau", "Poireau", "Leek", "legumes", UNIT, (8, 11), "1.25", 150),
    ("laitue", "Laitue", "Lettuce", "legumes", UNIT, (6, 10), "1.60", 200),
    ("epinard", "Épinard", "Spinach", "legumes", KG, (5, 10), "6.50", 60),
    ("kale", "Chou frisé (kale)", "Kale", "legumes", BUNCH, (6, 11), "2.25", 100),
    ("radis", "Radis", "Radish", "legumes", BUNCH, (5, 10), "1.50", 100),
    ("asperge", "Asperge", "Asparagus", "legumes", KG, (5, 6), "9.00", 80),
    ("mais-sucre", "Maïs sucré", "Sweet corn", "legumes", DOZEN, (8, 9), "6.00", 150),
    ("haricot-vert", "Haricot vert", "Green bean", "legumes", KG, (7, 9), "5.50", 100),
    ("courgette", "Courgette", "Zucchini", "legumes", KG, (7, 9), "2.20", 200),
    ("concombre", "Concombre", "Cucumber", "legumes", KG, (7, 9), "2.50", 200),
    ("poivron", "Poivron", "Sweet pepper", "legumes", KG, (8, 10), "4.50", 120),
    ("tomate-de-serre", "Tomate de serre", "Greenhouse tomato", "legumes", KG, YEAR, "3.80", 400),
    ("tomate-des-champs", "Tomate des champs", "Field tomato", "legumes", KG, (8, 9), "2.80", 250),
    ("courge-butternut", "Courge butternut", "Butternut squash", "legumes", KG, (9, 2), "1.60", 300),
    ("champignon", "Champignon blanc", "White mushroom", "legumes", KG, YEAR, "6.50", 150),
    ("pleurote", "Pleurote", "Oyster mushroom", "legumes", KG, YEAR, "14.00", 25),
    ("fraise", "Fraise", "Strawberry", "fruits", KG, (6, 7), "6.00", 300),
    ("framboise", "Framboise", "Raspberry", "fruits", KG, (7, 9), "12.00", 60),
    ("bleuet", "Bleuet", "Blueberry", "fruits", KG, (7, 8), "9.00", 150),
    ("pomme", "Pomme", "Apple", "fruits", KG, (8, 3), "1.90", 800),
    ("poire", "Poire", "Pear", "fruits", KG, (8, 12), "3.20", 150),
    ("canneberge", "Canneberge", "Cranberry", "fruits", KG, (10, 12), "4.50", 500),
    ("melon", "Melon cantaloup", "Cantaloupe", "fruits", UNIT, (8, 9), "3.00", 100),
    ("banane", "Banane", "Banana", "fruits", KG, YEAR, "1.60", 300),
    ("orange", "Orange", "Orange", "fruits", KG, YEAR, "2.40", 300),
    ("lait", "Lait 2 %", "2% milk", "produits-laitiers", LITRE, YEAR, "1.65", 500),
    ("yogourt", "Yogourt nature", "Plain yogurt", "produits-laitiers", KG, YEAR, "4.20", 150),
    ("fromage-cheddar", "Fromage cheddar", "Cheddar cheese", "produits-laitiers", KG, YEAR, "14.50", 80),
    ("fromage-en-grains", "Fromage en grains", "Cheese curds", "produits-laitiers", KG, YEAR, "13.00", 60),
    ("beurre", "Beurre", "Butter", "produits-laitiers", KG, YEAR, "11.50", 50),
    ("oeufs", "Œufs", "Eggs", "oeufs", DOZEN, YEAR, "3.90", 300),
    ("poulet-entier", "Poulet entier", "Whole chicken", "viandes", KG, YEAR, "9.50", 100),
    ("boeuf-hache", "Bœuf haché", "Ground beef", "viandes", KG, YEAR, "12.50", 100),
    ("porc-hache", "Porc haché", "Ground pork", "viandes", KG, YEAR, "8.00", 100),
    ("saucisse-porc", "Saucisse de porc", "Pork sausage", "viandes", KG, YEAR, "11.00", 60),
    ("farine-ble-entier", "Farine de blé entier", "Whole wheat flour", "cereales-legumineuses", KG, YEAR, "2.20", 500),
    ("farine-sarrasin", "Farine de sarrasin", "Buckwheat flour", "cereales-legumineuses", KG, YEAR, "4.80", 150),
    ("flocons-avoine", "Flocons d'avoine", "Rolled oats", "cereales-legumineuses", KG, YEAR, "2.60", 400),
    ("lentille-verte", "Lentille verte", "Green lentil", "cereales-legumineuses", KG, YEAR, "3.40", 400),
    ("pois-jaune", "Pois jaunes secs", "Dried yellow peas", "cereales-legumineuses", KG, YEAR, "2.10", 400),
    ("haricot-sec", "Haricots secs", "Dry beans", "cereales-legumineuses", KG, YEAR, "3.20", 300),
    ("riz-brun", "Riz brun", "Brown rice", "cereales-legumineuses", KG, YEAR, "3.10", 300),
    ("sauce-tomate", "Sauce tomate", "Tomato sauce", "produits-transformes", LITRE, YEAR, "4.50", 200),
    ("soupe-legumes", "Soupe aux légumes", "Vegetable soup", "produits-transformes", LITRE, YEAR, "5.00", 200),
    ("compote-pommes", "Compote de pommes", "Applesauce", "produits-transformes", KG, YEAR, "3.80", 200),
    ("jus-pomme", "Jus de pomme", "Apple juice", "produits-transformes", LITRE, YEAR, "2.40", 400),
    ("tofu", "Tofu ferme", "Firm tofu", "produits-transformes", KG, YEAR, "6.80", 150),
    ("pain", "Pain de blé entier", "Whole wheat bread", "produits-transformes", UNIT, YEAR, "3.75", 300),
    ("choucroute", "Choucroute", "Sauerkraut", "produits-transformes", KG, YEAR, "6.00", 60),
    ("bleuet-sauvage-surgele", "Bleuets sauvages surgelés", "Frozen wild blueberries", "produits-transformes", KG, YEAR, "7.50", 500),
    ("persil", "Persil", "Parsley", "herbes", BUNCH, (6, 10), "1.25", 100),
    ("basilic", "Basilic", "Basil", "herbes", BUNCH, (7, 9), "2.00", 60),
    ("coriandre", "Coriandre", "Cilantro", "herbes", BUNCH, (6, 9), "1.25", 80),
    ("aneth", "Aneth", "Dill", "herbes", BUNCH, (7, 9), "1.50", 60),
    ("ciboulette", "Ciboulette", "Chives", "herbes", BUNCH, (5, 10), "1.50", 60),
    ("miel", "Miel", "Honey", "miel-erable", KG, YEAR, "12.00", 80),
    ("sirop-erable", "Sirop d'érable", "Maple syrup", "miel-erable", LITRE, YEAR, "14.00", 150),
]

# --- Places ------------------------------------------------------------------------------
# (city, postal code, area, latitude, longitude, distance class, phone area code)

PLACES = {
    # On the island, and Laval next to it: local
    "pointe-saint-charles": ("Montréal (Pointe-Saint-Charles)", "H3K 1N3", "le-sud-ouest", 45.4795, -73.5590, LOCAL, "514"),
    "saint-henri": ("Montréal (Saint-Henri)", "H4C 2K9", "le-sud-ouest", 45.4770, -73.5850, LOCAL, "514"),
    "ville-emard": ("Montréal (Ville-Émard)", "H4E 2A7", "le-sud-ouest", 45.4560, -73.5980, LOCAL, "514"),
    "cote-saint-paul": ("Montréal (Côte-Saint-Paul)", "H4E 1H2", "le-sud-ouest", 45.4640, -73.5900, LOCAL, "514"),
    "verdun": ("Montréal (Verdun)", "H4G 1Y6", "verdun", 45.4580, -73.5700, LOCAL, "514"),
    "lasalle": ("Montréal (LaSalle)", "H8N 1X1", "lasalle", 45.4300, -73.6300, LOCAL, "514"),
    "lachine": ("Montréal (Lachine)", "H8S 1A1", "lachine", 45.4400, -73.6900, LOCAL, "514"),
    "lachine-industriel": ("Montréal (Lachine)", "H8T 1A3", "lachine", 45.4520, -73.7030, LOCAL, "514"),
    "saint-laurent": ("Montréal (Saint-Laurent)", "H4S 1R7", "saint-laurent", 45.4950, -73.7200, LOCAL, "514"),
    "marche-central": ("Montréal (Ahuntsic-Cartierville)", "H4N 1J8", "ahuntsic-cartierville", 45.5340, -73.6550, LOCAL, "514"),
    "hochelaga": ("Montréal (Hochelaga)", "H1W 1S6", "mercier-hochelaga-maisonneuve", 45.5450, -73.5450, LOCAL, "514"),
    "pierrefonds": ("Montréal (Pierrefonds)", "H9K 1A1", "montreal-ile", 45.4900, -73.8900, LOCAL, "514"),
    "laval-saint-francois": ("Laval (Saint-François)", "H7B 1A1", "laval", 45.6700, -73.5800, LOCAL, "450"),
    "laval-sainte-dorothee": ("Laval (Sainte-Dorothée)", "H7X 2T4", "laval", 45.5300, -73.8200, LOCAL, "450"),
    # Montérégie: regional
    "saint-remi": ("Saint-Rémi", "J0L 2L0", "monteregie", 45.2630, -73.6170, REGIONAL, "450"),
    "sherrington": ("Saint-Patrice-de-Sherrington", "J0L 2N0", "monteregie", 45.1600, -73.5100, REGIONAL, "450"),
    "napierville": ("Napierville", "J0J 1L0", "monteregie", 45.1860, -73.4040, REGIONAL, "450"),
    "hemmingford": ("Hemmingford", "J0L 1H0", "monteregie", 45.0500, -73.5900, REGIONAL, "450"),
    "rougemont": ("Rougemont", "J0L 1M0", "monteregie", 45.4360, -73.0540, REGIONAL, "450"),
    "saint-michel": ("Saint-Michel", "J0L 2J0", "monteregie", 45.2280, -73.5730, REGIONAL, "450"),
    "saint-jacques-le-mineur": ("Saint-Jacques-le-Mineur", "J0J 1Z0", "monteregie", 45.2840, -73.4130, REGIONAL, "450"),
    "sainte-clotilde": ("Sainte-Clotilde", "J0L 1W0", "monteregie", 45.1660, -73.6760, REGIONAL, "450"),
    "saint-isidore": ("Saint-Isidore", "J0L 2A0", "monteregie", 45.3070, -73.6830, REGIONAL, "450"),
    "franklin": ("Franklin", "J0S 1E0", "monteregie", 45.0330, -73.9170, REGIONAL, "450"),
    "saint-chrysostome": ("Saint-Chrysostome", "J0S 1R0", "monteregie", 45.1000, -73.7650, REGIONAL, "450"),
    "howick": ("Howick", "J0S 1G0", "monteregie", 45.1830, -73.8500, REGIONAL, "450"),
    "ormstown": ("Ormstown", "J0S 1K0", "monteregie", 45.1330, -74.0000, REGIONAL, "450"),
    "sainte-martine": ("Sainte-Martine", "J0S 1V0", "monteregie", 45.2500, -73.8000, REGIONAL, "450"),
    "mercier": ("Mercier", "J6R 2L1", "monteregie", 45.3160, -73.7500, REGIONAL, "450"),
    "saint-valentin": ("Saint-Valentin", "J0J 2E0", "monteregie", 45.1170, -73.3170, REGIONAL, "450"),
    "saint-paul-dabbotsford": ("Saint-Paul-d'Abbotsford", "J0E 1A0", "monteregie", 45.4330, -72.8830, REGIONAL, "450"),
    "saint-hyacinthe": ("Saint-Hyacinthe", "J2S 1A1", "monteregie", 45.6310, -72.9570, REGIONAL, "450"),
    "saint-damase": ("Saint-Damase", "J0H 1J0", "monteregie", 45.5330, -73.0000, REGIONAL, "450"),
    "les-cedres": ("Les Cèdres", "J7T 1A1", "monteregie", 45.3050, -74.0500, REGIONAL, "450"),
    "rigaud": ("Rigaud", "J0P 1P0", "monteregie", 45.4800, -74.3000, REGIONAL, "450"),
    "saint-jean-sur-richelieu": ("Saint-Jean-sur-Richelieu", "J3B 1A1", "monteregie", 45.3070, -73.2620, REGIONAL, "450"),
    # Laurentides: regional
    "mirabel": ("Mirabel (Sainte-Scholastique)", "J7N 1A1", "laurentides", 45.6500, -74.0830, REGIONAL, "450"),
    "mirabel-saint-benoit": ("Mirabel (Saint-Benoît)", "J7N 2S1", "laurentides", 45.5700, -74.0400, REGIONAL, "450"),
    "saint-joseph-du-lac": ("Saint-Joseph-du-Lac", "J0N 1M0", "laurentides", 45.5330, -74.0000, REGIONAL, "450"),
    "oka": ("Oka", "J0N 1E0", "laurentides", 45.4660, -74.0830, REGIONAL, "450"),
    "sainte-anne-des-plaines": ("Sainte-Anne-des-Plaines", "J5N 1A1", "laurentides", 45.7660, -73.8160, REGIONAL, "450"),
    "saint-placide": ("Saint-Placide", "J0V 2B0", "laurentides", 45.5330, -74.2000, REGIONAL, "450"),
    "lachute": ("Lachute", "J8H 1A1", "laurentides", 45.6500, -74.3330, REGIONAL, "450"),
    # Lanaudière: regional
    "lassomption": ("L'Assomption", "J5W 1A1", "lanaudiere", 45.8330, -73.4330, REGIONAL, "450"),
    "saint-thomas": ("Saint-Thomas", "J0K 3L0", "lanaudiere", 46.0170, -73.3500, REGIONAL, "450"),
    "sainte-elisabeth": ("Sainte-Élisabeth", "J0K 2J0", "lanaudiere", 46.0900, -73.3500, REGIONAL, "450"),
    "saint-jacques": ("Saint-Jacques", "J0K 2R0", "lanaudiere", 45.9500, -73.5700, REGIONAL, "450"),
    "saint-roch-de-lachigan": ("Saint-Roch-de-l'Achigan", "J0K 3H0", "lanaudiere", 45.8500, -73.6000, REGIONAL, "450"),
    "lavaltrie": ("Lavaltrie", "J5T 1A1", "lanaudiere", 45.8830, -73.2830, REGIONAL, "450"),
    "saint-esprit": ("Saint-Esprit", "J0K 2L0", "lanaudiere", 45.9100, -73.6700, REGIONAL, "450"),
    "sainte-melanie": ("Sainte-Mélanie", "J0K 3A0", "lanaudiere", 46.1300, -73.5100, REGIONAL, "450"),
    "saint-lin": ("Saint-Lin–Laurentides", "J5M 1A1", "lanaudiere", 45.8500, -73.7600, REGIONAL, "450"),
    # Further in Québec
    "warwick": ("Warwick", "J0A 1M0", "centre-du-quebec", 45.9500, -71.9900, QUEBEC, "819"),
    "saint-louis-de-blandford": ("Saint-Louis-de-Blandford", "G0Z 1B0", "centre-du-quebec", 46.2500, -71.9800, QUEBEC, "819"),
    "compton": ("Compton", "J0B 1L0", "estrie", 45.2330, -71.8170, QUEBEC, "819"),
    "ripon": ("Ripon", "J0V 1V0", "outaouais", 45.7830, -75.1000, QUEBEC, "819"),
    "sainte-genevieve-de-batiscan": ("Sainte-Geneviève-de-Batiscan", "G0X 2R0", "mauricie", 46.5330, -72.3330, QUEBEC, "819"),
    "ile-d-orleans": ("Saint-Jean-de-l'Île-d'Orléans", "G0A 3W0", "capitale-nationale", 46.9170, -70.9000, QUEBEC, "418"),
    "saint-ubalde": ("Saint-Ubalde", "G0A 4L0", "capitale-nationale", 46.7500, -72.2700, QUEBEC, "418"),
    "dolbeau": ("Dolbeau-Mistassini", "G8L 1A1", "saguenay-lac-saint-jean", 48.8800, -72.2300, QUEBEC, "418"),
    # Imported. The importer's warehouse is at the Marché Central; its area says where
    # its goods come from.
    "importateur": ("Montréal (Ahuntsic-Cartierville)", "H4N 1J9", "hors-quebec", 45.5330, -73.6560, IMPORTED, "514"),
    "leamington": ("Leamington (Ontario)", "N8H 1A1", "hors-quebec", 42.0530, -82.5990, IMPORTED, "519"),
}

# --- Suppliers ---------------------------------------------------------------------------
# Offers are product slugs, with an optional "/grade" (seconds, premium, processing) and
# "@unit" (lb...). Size scales the weekly capacity. Greenhouses, distributors and
# importers sell all year (year_round); a small farm's season limits its offers.

SIZES = {"small": Decimal("0.15"), "medium": Decimal("1"), "large": Decimal("3"), "xl": Decimal("8")}


def supplier(name, kind, place, address, description, offers, **details):
    return {"name": name, "kind": kind, "place": place, "address": address,
            "description": description, "offers": offers.split(), **details}


SUPPLIERS = [
    # Montérégie: the Jardins-de-Napierville, market-gardening country
    supplier(
        "Ferme Ménard-Daoust", Kind.FARM, "saint-remi", "1250, rang Sainte-Thérèse",
        "Ferme familiale de troisième génération sur les terres noires de Saint-Rémi. Légumes "
        "racines et oignons en grand volume, entreposés en chambre froide jusqu'au printemps.",
        "carotte carotte/seconds oignon-jaune oignon-rouge pomme-de-terre betterave panais navet chou-vert",
        certifications="aliments-du-quebec", size="large", delivers_to=GRAND_SUD_OUEST,
        delivery_days="mardi et vendredi", lead_time=2, orders="phone email", minimum="150",
        tiers=[(100, KG, 5), (250, KG, 10)], donations=True, website=True,
    ),
    supplier(
        "Les Jardins Lavigueur et Filles", Kind.MARKET_GARDEN, "sherrington", "412, rang Saint-Paul",
        "Maraîchage biologique diversifié mené par deux sœurs. Légumes-feuilles, crucifères et "
        "fines herbes récoltés la veille de la livraison.",
        "laitue chou-fleur brocoli celeri epinard radis kale persil coriandre aneth",
        certifications="biologique-ecocert aliments-du-quebec-bio", delivers_to=WEST_ISLAND,
        delivery_days="mercredi", lead_time=3, orders="email website", minimum="100",
        gleaning=True, website=True,
    ),
    supplier(
        "Ferme du Rang Saint-Antoine", Kind.FARM, "saint-michel", "87, rang Saint-Antoine",
        "Légumes d'été en plein champ : maïs sucré, haricots, courges et poivrons. Glanage "
        "possible en fin de saison, sur rendez-vous.",
        "mais-sucre haricot-vert courgette courgette/seconds concombre poivron courge-butternut tomate-des-champs/processing",
        certifications="aliments-du-quebec", delivers_to=GRAND_SUD_OUEST, delivery_days="jeudi",
        lead_time=2, orders="phone", minimum="200", gleaning=True, donations=True,
        pickup="À la ferme, du lundi au samedi de 8 h à 17 h",
    ),
    supplier(
        "Maraîchers Beaulac", Kind.FARM, "napierville", "2030, route 219",
        "Grande ferme maraîchère qui approvisionne épiceries et institutions. Offre ses légumes "
        "déclassés à prix réduit aux organismes.",
        "carotte carotte/seconds oignon-jaune pomme-de-terre pomme-de-terre/seconds chou-vert laitue celeri",
        certifications="aliments-du-quebec", size="large", delivers_to=WHOLE_ISLAND,
        delivery_days="lundi, mercredi et vendredi", lead_time=2, orders="phone email",
        platform="ProxiFerme", minimum="300", tiers=[(200, KG, 5), (500, KG, 8), (1000, KG, 12)],
        donations=True,
    ),
    supplier(
        "Verger des Collines de Hemmingford", Kind.ORCHARD, "hemmingford", "655, chemin Covey Hill",
        "Verger de pommiers nains sur les coteaux de Hemmingford, une vingtaine de variétés. "
        "Pommes fraîches à l'automne, puis conservées en atmosphère contrôlée jusqu'en mars.",
        "pomme pomme/seconds poire jus-pomme",
        certifications="aliments-du-quebec", size="large", delivers_to=GRAND_SUD_OUEST,
        delivery_days="mardi", lead_time=3, orders="phone email", minimum="150",
        tiers=[(200, KG, 6)], gleaning=True, carte=True,
        pickup="Kiosque du verger, de septembre à novembre",
    ),
    supplier(
        "Verger de la Montagne Ronde", Kind.ORCHARD, "rougemont", "1120, rang de la Montagne",
        "Pomiculteurs au pied du mont Rougemont depuis 1962. Compote et jus pressés sur place "
        "avec les pommes déclassées.",
        "pomme poire compote-pommes jus-pomme",
        certifications="aliments-du-quebec aliments-prepares-au-quebec", delivers_to=WHOLE_ISLAND,
        delivery_days="jeudi", lead_time=4, orders="email website", minimum="200", website=True,
    ),
    supplier(
        "Vergers Brodeur-Lasnier", Kind.ORCHARD, "rougemont", "318, chemin de Marieville",
        "Verger biologique, pommes patrimoniales et poires. Pommes à jus pour la transformation.",
        "pomme pomme/processing poire",
        certifications="biologique-ecocert", delivers_to=["le-sud-ouest", "ville-marie"],
        delivery_days="vendredi", lead_time=5, orders="email", minimum="250", gleaning=True,
    ),
    supplier(
        "Fraisière des Deux-Vallons", Kind.FARM, "saint-valentin", "940, 2e Rang",
        "Fraises d'été et d'automne, framboises et asperges. Autocueillette en juin et juillet.",
        "fraise fraise/seconds framboise asperge",
        certifications="aliments-du-quebec", delivers_to=GRAND_SUD_OUEST,
        delivery_days="mardi et samedi", lead_time=1, orders="phone", minimum="100", carte=True,
        pickup="Kiosque à la ferme en saison, de 8 h à 18 h",
    ),
    supplier(
        "Ferme laitière Laplante-Ricard", Kind.DAIRY, "howick", "2215, rang des Écossais",
        "Troupeau de 80 vaches Holstein et Jersey. Lait, yogourt et fromage en grains "
        "transformés à la ferme.",
        "lait yogourt fromage-en-grains beurre",
        certifications="aliments-du-quebec", delivers_to=WEST_ISLAND,
        delivery_days="mardi et vendredi", lead_time=2, orders="phone email", minimum="120",
    ),
    supplier(
        "Laiterie de la Châteauguay", Kind.DAIRY, "ormstown", "46, rue Lambton",
        "Petite laiterie régionale qui embouteille le lait de six fermes voisines de la vallée "
        "de la Châteauguay.",
        "lait yogourt fromage-cheddar@lb beurre",
        certifications="aliments-du-quebec", size="large", delivers_to=WHOLE_ISLAND,
        delivery_days="lundi, mercredi et vendredi", lead_time=2, orders="phone email website",
        minimum="200", tiers=[(200, LITRE, 4), (500, LITRE, 8)], website=True,
    ),
    supplier(
        "Fromagerie Val-des-Saules", Kind.PROCESSOR, "saint-chrysostome", "305, rue Notre-Dame",
        "Fromagerie artisanale : cheddar vieilli, fromage en grains et fromages frais au lait "
        "de la région.",
        "fromage-cheddar fromage-cheddar/seconds fromage-en-grains",
        certifications="aliments-du-quebec", delivers_to=GRAND_SUD_OUEST, delivery_days="jeudi",
        lead_time=3, orders="phone email", minimum="100", carte=True,
        pickup="Boutique de la fromagerie, tous les jours",
    ),
    supplier(
        "Ferme avicole Sainte-Martine", Kind.FARM, "sainte-martine", "1780, chemin de la Beauce",
        "Poules pondeuses en liberté et poulets de grain élevés sans antibiotiques.",
        "oeufs oeufs/seconds poulet-entier",
        certifications="aliments-du-quebec", delivers_to=GRAND_SUD_OUEST, delivery_days="mercredi",
        lead_time=2, orders="phone", minimum="80", tiers=[(30, DOZEN, 5), (60, DOZEN, 10)],
    ),
    supplier(
        "Érablière Doucet-Bergevin", Kind.FARM, "franklin", "1495, route 202",
        "Érablière de 6 000 entailles. Sirop en vrac et en contenants, vendu toute l'année.",
        "sirop-erable",
        certifications="aliments-du-quebec", delivers_to=["lasalle", "verdun"],
        delivery_days="sur rendez-vous", lead_time=7, orders="phone", minimum="100",
        pickup="À la cabane, sur rendez-vous",
    ),
    supplier(
        "Rucher Grand-Héron", Kind.FARM, "saint-isidore", "322, rang Saint-Régis Nord",
        "Apiculteurs qui déplacent leurs ruches entre les vergers et les champs de trèfle. "
        "Miel cru non pasteurisé.",
        "miel",
        certifications="aliments-du-quebec", delivers_to=GRAND_SUD_OUEST,
        delivery_days="un vendredi sur deux", lead_time=7, orders="email", minimum="60",
        located=False,
    ),
    supplier(
        "Jardins du Ruisseau-Norton", Kind.MARKET_GARDEN, "sainte-clotilde", "77, rang du Ruisseau-Norton",
        "Ferme biologique de dix hectares : paniers et vente aux organismes, légumes variés de "
        "juin à novembre.",
        "laitue chou-fleur brocoli carotte courgette tomate-des-champs tomate-des-champs/seconds kale",
        certifications="biologique-ecocert", delivers_to=GRAND_SUD_OUEST, delivery_days="mardi",
        lead_time=3, orders="email website", minimum="75", gleaning=True, donations=True,
        website=True,
    ),
    supplier(
        "Ferme Brisebois-Vachon", Kind.FARM, "saint-jacques-le-mineur", "510, rang Saint-Georges",
        "Pommes de terre, oignons et ail de conservation, triés et ensachés à la ferme.",
        "pomme-de-terre oignon-jaune ail betterave",
        delivers_to=["lasalle", "lachine"], delivery_days="vendredi", lead_time=3,
        orders="phone", minimum="150",
    ),
    supplier(
        "Les Serres du Boisé-Mercier", Kind.FARM, "mercier", "1100, boulevard Sainte-Marguerite",
        "Serres chauffées à la biomasse : tomates, concombres, poivrons et laitues "
        "hydroponiques toute l'année.",
        "tomate-de-serre tomate-de-serre/seconds concombre poivron laitue",
        certifications="aliments-du-quebec", size="large", year_round=True,
        delivers_to=WHOLE_ISLAND, delivery_days="lundi et jeudi", lead_time=2,
        orders="phone email", platform="ProxiFerme", minimum="200",
        tiers=[(100, KG, 5), (300, KG, 10)],
    ),
    supplier(
        "Champignonnière des Cèdres", Kind.FARM, "les-cedres", "28, chemin du Fleuve",
        "Champignons blancs et pleurotes cultivés en salles climatisées, récolte quotidienne.",
        "champignon champignon/seconds pleurote",
        certifications="aliments-du-quebec", delivers_to=WEST_ISLAND, delivery_days="mercredi",
        lead_time=2, orders="phone email", minimum="100",
    ),
    supplier(
        "Moulin du Ruisseau-Noir", Kind.PROCESSOR, "saint-hyacinthe", "4125, rang Saint-Édouard",
        "Meunerie artisanale qui moud sur meule de pierre les grains biologiques de la région.",
        "farine-ble-entier farine-sarrasin flocons-avoine",
        certifications="biologique-ecocert aliments-du-quebec-bio", delivers_to=WHOLE_ISLAND,
        delivery_days="premier mardi du mois", lead_time=10, orders="email website",
        minimum="150", tiers=[(100, KG, 5), (500, KG, 10)], website=True,
    ),
    supplier(
        "Ferme Gagné-Poissant", Kind.FARM, "saint-damase", "1860, rang Saint-Louis",
        "Élevage de porcs sur litière ; découpe et saucisses préparées à la boucherie de la ferme.",
        "porc-hache saucisse-porc",
        certifications="aliments-du-quebec", delivers_to=["le-sud-ouest", "verdun"],
        delivery_days="jeudi", lead_time=5, orders="phone email", minimum="150",
    ),
    supplier(
        "Ferme bovine des Collines de Rigaud", Kind.FARM, "rigaud", "390, chemin de la Montagne",
        "Bœuf Angus nourri à l'herbe, élevé en pâturage tournant sur les collines de Rigaud.",
        "boeuf-hache",
        certifications="quebec-vrai", delivers_to=WEST_ISLAND, delivery_days="aux deux semaines",
        lead_time=7, orders="email", minimum="200", located=False,
    ),
    supplier(
        "Ferme Dupuis-Lachapelle", Kind.FARM, "saint-paul-dabbotsford", "12, rang de la Montagne",
        "Grandes cultures biologiques : haricots secs, pois jaunes et lentilles, nettoyés et "
        "ensachés à la ferme.",
        "haricot-sec pois-jaune lentille-verte",
        certifications="biologique-ecocert aliments-du-quebec-bio", delivers_to=WHOLE_ISLAND,
        delivery_days="sur commande", lead_time=10, orders="email", minimum="100",
        tiers=[(100, KG, 5), (250, KG, 10)],
    ),
    supplier(
        "Coopérative maraîchère des Jardins-de-Napierville", Kind.COOPERATIVE, "napierville",
        "101, rue Saint-Jacques",
        "Coopérative de quatorze fermes maraîchères qui met en commun la mise en marché et la "
        "livraison vers Montréal.",
        "carotte oignon-jaune laitue chou-vert celeri brocoli chou-fleur poireau concombre",
        certifications="aliments-du-quebec", size="xl", delivers_to=WHOLE_ISLAND,
        delivery_days="du lundi au vendredi", lead_time=1, orders="phone email",
        platform="ProxiFerme", minimum="400", tiers=[(500, KG, 5), (1000, KG, 10)],
    ),
    supplier(
        "Conserverie du Haut-Richelieu", Kind.PROCESSOR, "saint-jean-sur-richelieu",
        "255, rue Jacques-Cartier Nord",
        "Entreprise d'économie sociale qui transforme les surplus des fermes en sauces, soupes "
        "et compotes pour les services alimentaires.",
        "sauce-tomate soupe-legumes compote-pommes",
        certifications="aliments-prepares-au-quebec", delivers_to=WHOLE_ISLAND,
        delivery_days="mercredi", lead_time=5, orders="email website", minimum="150",
        tiers=[(100, LITRE, 5)], donations=True, website=True,
    ),
    # On the island: urban farms, processors and cooperatives
    supplier(
        "Atelier de transformation Terre-et-Bocal", Kind.PROCESSOR, "pointe-saint-charles",
        "2450, rue du Centre",
        "Cuisine d'insertion sociale qui transforme les légumes déclassés en soupes et en "
        "choucroute, en bocaux consignés.",
        "soupe-legumes choucroute sauce-tomate",
        certifications="aliments-prepares-au-quebec", size="small", delivers_to=GRAND_SUD_OUEST,
        delivery_days="jeudi", lead_time=4, orders="phone email", minimum="50", donations=True,
        carte=True, pickup="À l'atelier, le jeudi de 13 h à 17 h",
    ),
    supplier(
        "Tofurie du Boulevard", Kind.PROCESSOR, "saint-laurent", "3300, boulevard Thimens",
        "Tofu ferme fabriqué avec du soya biologique cultivé en Montérégie.",
        "tofu",
        certifications="aliments-prepares-au-quebec biologique-ecocert", delivers_to=WHOLE_ISLAND,
        delivery_days="lundi et jeudi", lead_time=3, orders="email website", minimum="100",
        website=True,
    ),
    supplier(
        "Boulangerie coopérative de Verdun", Kind.COOPERATIVE, "verdun", "4270, rue Wellington",
        "Coopérative de travail qui cuit du pain au levain avec de la farine moulue au Québec.",
        "pain",
        certifications="aliments-prepares-au-quebec", size="small", delivers_to=GRAND_SUD_OUEST,
        delivery_days="mardi, jeudi et samedi", lead_time=1, orders="phone email", minimum="40",
        donations=True, pickup="Au comptoir, tous les jours dès 7 h",
    ),
    supplier(
        "Ferme urbaine de la Pointe", Kind.MARKET_GARDEN, "pointe-saint-charles", "1850, rue Grand Trunk",
        "Ferme urbaine sur une ancienne friche ferroviaire, cultivée avec des jeunes du quartier. "
        "Livraison à vélo-cargo dans le Sud-Ouest.",
        "laitue tomate-des-champs kale basilic persil radis",
        size="small", season=(6, 10), delivers_to=["le-sud-ouest", "verdun"],
        delivery_days="mercredi", lead_time=2, orders="email", donations=True, carte=True,
        pickup="Au jardin, le samedi de 10 h à 13 h",
    ),
    supplier(
        "Jardins collectifs de Ville-Émard", Kind.MARKET_GARDEN, "ville-emard", "6500, boulevard Monk",
        "Jardins collectifs animés par un organisme du quartier ; les surplus sont vendus à prix "
        "solidaire aux cuisines collectives.",
        "tomate-des-champs courgette haricot-vert coriandre",
        size="small", season=(7, 9), delivers_to=["le-sud-ouest"], delivery_days="vendredi",
        lead_time=2, orders="phone", donations=True, located=False,
    ),
    supplier(
        "Potager du Vieux-Lachine", Kind.MARKET_GARDEN, "lachine", "3100, boulevard Saint-Joseph",
        "Microferme maraîchère en bordure du lac Saint-Louis, production intensive sur petites "
        "surfaces.",
        "laitue radis epinard kale ciboulette",
        size="small", season=(5, 10), delivers_to=["lachine", "lasalle"], delivery_days="mardi",
        lead_time=2, orders="email", minimum="40", carte=True,
        pickup="Kiosque au potager, le jeudi de 15 h à 18 h",
    ),
    supplier(
        "Les Toits Verts de Côte-Saint-Paul", Kind.MARKET_GARDEN, "cote-saint-paul", "5000, rue Saint-Patrick",
        "Serre sur le toit d'un ancien entrepôt : laitues et fines herbes cultivées toute "
        "l'année sans pesticides.",
        "laitue basilic persil coriandre",
        size="small", year_round=True, delivers_to=GRAND_SUD_OUEST, delivery_days="lundi et jeudi",
        lead_time=2, orders="website", platform="ProxiFerme", minimum="60", website=True,
    ),
    supplier(
        "Champignons urbains LaSalle", Kind.FARM, "lasalle", "7600, boulevard Newman",
        "Pleurotes cultivés sur du marc de café récupéré auprès des cafés du quartier.",
        "pleurote",
        size="small", delivers_to=["lasalle", "verdun", "lachine"], delivery_days="vendredi",
        lead_time=3, orders="email", minimum="30",
    ),
    supplier(
        "Ferme de l'Anse-à-l'Orme", Kind.FARM, "pierrefonds", "20200, boulevard Gouin Ouest",
        "Ferme maraîchère du parc agricole de l'ouest de l'île : courges et légumes de "
        "conservation.",
        "courge-butternut carotte betterave oignon-jaune ail",
        delivers_to=["lachine", "lasalle", "saint-laurent"], delivery_days="samedi", lead_time=3,
        orders="phone email", minimum="100", gleaning=True,
    ),
    supplier(
        "Ruches urbaines de Saint-Henri", Kind.FARM, "saint-henri", "4000, rue Saint-Ambroise",
        "Une trentaine de ruches sur les toits du Sud-Ouest ; miel de ville aux notes de tilleul.",
        "miel",
        size="small", delivers_to=["le-sud-ouest"], delivery_days="sur rendez-vous", lead_time=5,
        orders="email", carte=True,
    ),
    supplier(
        "Potager Maisonneuve", Kind.MARKET_GARDEN, "hochelaga", "2800, rue Viau",
        "Ferme urbaine d'insertion dans Hochelaga : légumes d'été et fines herbes.",
        "tomate-des-champs concombre laitue basilic aneth",
        size="small", season=(6, 10),
        delivers_to=["mercier-hochelaga-maisonneuve", "rosemont-la-petite-patrie"],
        delivery_days="mardi", lead_time=2, orders="email", donations=True,
    ),
    supplier(
        "Ferme maraîchère Lauzon-Paquette", Kind.FARM, "laval-saint-francois", "8900, montée du Moulin",
        "Ferme lavalloise de maïs sucré, de fraises et de légumes d'été, avec kiosque en bordure "
        "de route.",
        "mais-sucre fraise courgette haricot-vert tomate-des-champs melon",
        certifications="aliments-du-quebec", delivers_to=["ahuntsic-cartierville", "saint-laurent"],
        delivery_days="mercredi et samedi", lead_time=2, orders="phone", minimum="100", carte=True,
        pickup="Kiosque à la ferme, de juin à octobre",
    ),
    supplier(
        "Les Jardins de Sainte-Dorothée", Kind.MARKET_GARDEN, "laval-sainte-dorothee", "1250, rue Principale",
        "Maraîcher de Sainte-Dorothée : laitues, concombres et tomates de plein champ.",
        "laitue concombre tomate-des-champs courgette",
        delivers_to=["saint-laurent", "lachine"], delivery_days="mardi", lead_time=2,
        orders="phone email", minimum="100",
    ),
    # Laurentides
    supplier(
        "Verger Charbonneau-Lalande", Kind.ORCHARD, "saint-joseph-du-lac", "3800, chemin d'Oka",
        "Verger familial avec vue sur le lac des Deux Montagnes : McIntosh, Cortland et "
        "Honeycrisp, jus non filtré.",
        "pomme pomme/seconds jus-pomme",
        certifications="aliments-du-quebec", size="large", delivers_to=WHOLE_ISLAND,
        delivery_days="jeudi", lead_time=3, orders="phone email", minimum="150",
        tiers=[(250, KG, 7)], gleaning=True,
    ),
    supplier(
        "Verger de la Pointe-aux-Anglais", Kind.ORCHARD, "oka", "2020, route 344",
        "Petit verger écologique de pommiers et de poiriers, autocueillette en septembre.",
        "pomme poire",
        certifications="quebec-vrai", size="small", delivers_to=["lachine"], delivery_days="samedi",
        lead_time=4, orders="email", pickup="Au verger, la fin de semaine",
    ),
    supplier(
        "Ferme Lalonde-Proulx", Kind.FARM, "mirabel", "10500, rang Saint-Vincent",
        "Grande ferme de légumes de champ sur les terres de Mirabel : maïs, pommes de terre, "
        "courges et haricots.",
        "mais-sucre pomme-de-terre courge-butternut haricot-vert chou-vert",
        certifications="aliments-du-quebec", size="large", delivers_to=WHOLE_ISLAND,
        delivery_days="lundi et jeudi", lead_time=2, orders="phone", minimum="250",
        tiers=[(300, KG, 6)],
    ),
    supplier(
        "Les Fraises du Petit-Brûlé", Kind.FARM, "mirabel-saint-benoit", "4400, rang du Petit-Brûlé",
        "Fraises, framboises et bleuets en corymbe, cueillis le matin même.",
        "fraise fraise/seconds framboise bleuet",
        delivers_to=["saint-laurent", "ahuntsic-cartierville", "cote-des-neiges-notre-dame-de-grace"],
        delivery_days="mardi et vendredi", lead_time=1, orders="phone email", minimum="80",
        carte=True,
    ),
    supplier(
        "Ferme laitière des Plaines", Kind.DAIRY, "sainte-anne-des-plaines", "255, 3e Avenue",
        "Ferme laitière qui transforme sur place : lait, yogourt et fromage en grains.",
        "lait yogourt fromage-en-grains",
        certifications="aliments-du-quebec",
        delivers_to=["ahuntsic-cartierville", "saint-laurent", "villeray-saint-michel-parc-extension"],
        delivery_days="mercredi", lead_time=2, orders="phone", minimum="100",
    ),
    supplier(
        "Ferme du Coteau Saint-Placide", Kind.MARKET_GARDEN, "saint-placide", "140, rang Saint-Vincent",
        "Maraîchage biologique sur sol vivant : légumes de conservation et ail d'automne.",
        "carotte betterave kale ail courge-butternut oignon-rouge",
        certifications="biologique-ecocert", delivers_to=["lachine", "cote-des-neiges-notre-dame-de-grace"],
        delivery_days="jeudi", lead_time=3, orders="email website", minimum="75", website=True,
    ),
    supplier(
        "Ferme d'élevage Mainville", Kind.FARM, "lachute", "1700, chemin de Dalesville",
        "Bœufs, poulets et poules pondeuses élevés au pâturage dans la vallée de la rivière du Nord.",
        "boeuf-hache poulet-entier oeufs",
        delivers_to=WEST_ISLAND, delivery_days="vendredi", lead_time=5, orders="phone email",
        minimum="150",
    ),
    # Lanaudière
    supplier(
        "Ferme Rivest-Champagne", Kind.FARM, "lassomption", "1400, rang du Bas-de-l'Assomption",
        "Légumes racines et choux en grand volume, lavés et emballés pour les institutions.",
        "carotte carotte/seconds pomme-de-terre oignon-jaune chou-vert navet poireau",
        certifications="aliments-du-quebec", size="large", delivers_to=WHOLE_ISLAND,
        delivery_days="mardi et jeudi", lead_time=2, orders="phone email", platform="Circuit Agro",
        minimum="250", tiers=[(250, KG, 5), (750, KG, 10)], donations=True,
    ),
    supplier(
        "Fraisière Sainte-Élisabeth", Kind.FARM, "sainte-elisabeth", "3150, rang de la Rivière Sud",
        "Fraises de juin et d'automne, framboises et maïs sucré de Lanaudière.",
        "fraise framboise mais-sucre",
        certifications="aliments-du-quebec",
        delivers_to=["rosemont-la-petite-patrie", "mercier-hochelaga-maisonneuve"],
        delivery_days="lundi et jeudi", lead_time=1, orders="phone", minimum="100",
    ),
    supplier(
        "Potager du Rang de la Rivière-Nord", Kind.MARKET_GARDEN, "saint-thomas", "880, rang de la Rivière Nord",
        "Asperges au printemps, puis légumes d'été ; paniers pour les organismes.",
        "asperge laitue haricot-vert brocoli",
        delivers_to=["mercier-hochelaga-maisonneuve"], delivery_days="mercredi", lead_time=3,
        orders="email", minimum="100",
    ),
    supplier(
        "Ferme avicole Forest-Marion", Kind.FARM, "saint-jacques", "2600, rang Saint-Jacques",
        "Œufs biologiques de poules élevées en plein air, classés au poste de la ferme.",
        "oeufs oeufs/seconds",
        certifications="biologique-ecocert", size="large", delivers_to=WHOLE_ISLAND,
        delivery_days="mardi", lead_time=3, orders="phone email", minimum="100",
        tiers=[(50, DOZEN, 5), (150, DOZEN, 10)],
    ),
    supplier(
        "Bleuetière du Rang Double", Kind.FARM, "sainte-melanie", "930, rang Double",
        "Bleuets en corymbe cultivés en régie biologique, autocueillette en juillet et en août.",
        "bleuet bleuet/processing",
        certifications="quebec-vrai", delivers_to=["rosemont-la-petite-patrie"],
        delivery_days="vendredi", lead_time=2, orders="phone", gleaning=True, located=False,
    ),
    supplier(
        "Érablière Bélanger-Rondeau", Kind.FARM, "saint-esprit", "415, rang Montcalm",
        "Érablière familiale et rucher : sirop d'érable et miel de fleurs sauvages.",
        "sirop-erable miel",
        certifications="aliments-du-quebec", delivers_to=GRAND_SUD_OUEST,
        delivery_days="sur rendez-vous", lead_time=7, orders="phone email", minimum="80",
    ),
    supplier(
        "Moulin des Îles-de-Berthier", Kind.PROCESSOR, "lavaltrie", "1050, rue Notre-Dame",
        "Moulin qui décortique et floconne l'avoine et le sarrasin des fermes de Lanaudière.",
        "flocons-avoine farine-sarrasin farine-ble-entier",
        certifications="aliments-du-quebec", delivers_to=WHOLE_ISLAND,
        delivery_days="aux deux semaines", lead_time=10, orders="email website", minimum="200",
        tiers=[(200, KG, 5)], website=True,
    ),
    supplier(
        "Les Herbes du Rang Saint-Régis", Kind.MARKET_GARDEN, "saint-roch-de-lachigan", "620, rang Saint-Régis",
        "Fines herbes fraîches en bottes pour les cuisines, de mai à octobre.",
        "persil basilic coriandre aneth ciboulette",
        delivers_to=GRAND_SUD_OUEST, delivery_days="mercredi", lead_time=2, orders="phone email",
        minimum="50",
    ),
    supplier(
        "Les Serres Boisvert-Lacasse", Kind.FARM, "saint-lin", "1225, rang Saint-Henri",
        "Serres éclairées qui produisent tomates, concombres et laitues l'hiver comme l'été.",
        "tomate-de-serre concombre laitue poivron",
        certifications="aliments-du-quebec", year_round=True, delivers_to=WHOLE_ISLAND,
        delivery_days="mardi et vendredi", lead_time=2, orders="phone email", minimum="150",
    ),
    # Further in Québec
    supplier(
        "Cannebergière de la Tourbière", Kind.FARM, "saint-louis-de-blandford", "240, route du Rang 8",
        "Canneberges biologiques récoltées à l'automne, fraîches ou congelées en vrac.",
        "canneberge",
        certifications="biologique-ecocert aliments-du-quebec-bio", size="large",
        delivers_to=WHOLE_ISLAND, delivery_days="un lundi par mois", lead_time=10,
        orders="email", minimum="300",
    ),
    supplier(
        "Fromagerie du Clocher de Warwick", Kind.PROCESSOR, "warwick", "18, rue Saint-Louis",
        "Fromagerie villageoise : cheddar, fromage en grains et beurre de baratte.",
        "fromage-cheddar fromage-en-grains beurre",
        certifications="aliments-du-quebec", size="large", delivers_to=WHOLE_ISLAND,
        delivery_days="jeudi", lead_time=5, orders="phone email", platform="Circuit Agro",
        minimum="250",
    ),
    supplier(
        "Ferme Pelletier de l'Île", Kind.FARM, "ile-d-orleans", "3600, chemin Royal",
        "Fraises, pommes de terre et maïs de l'île d'Orléans, livrés à Montréal en été.",
        "fraise pomme-de-terre mais-sucre",
        certifications="aliments-du-quebec", delivers_to=["ville-marie", "le-plateau-mont-royal"],
        delivery_days="mercredi", lead_time=4, orders="phone", minimum="300",
    ),
    supplier(
        "Ferme Lamontagne de Saint-Ubalde", Kind.FARM, "saint-ubalde", "570, rang Saint-Achille",
        "Pommes de terre de table cultivées sur les sols sablonneux de Portneuf.",
        "pomme-de-terre pomme-de-terre/seconds",
        certifications="aliments-du-quebec", size="xl", delivers_to=WHOLE_ISLAND,
        delivery_days="lundi", lead_time=5, orders="phone email", minimum="500",
        tiers=[(500, KG, 5), (2000, KG, 12)],
    ),
    supplier(
        "Bleuetière Boréale du Lac", Kind.FARM, "dolbeau", "1500, rang Saint-Louis",
        "Bleuets sauvages du Lac-Saint-Jean, surgelés en vrac dès la récolte.",
        "bleuet-sauvage-surgele",
        certifications="aliments-du-quebec", size="large", delivers_to=WHOLE_ISLAND,
        delivery_days="aux deux semaines", lead_time=10, orders="email", minimum="200",
    ),
    supplier(
        "Miellerie du Ruisseau Doré", Kind.FARM, "ripon", "260, chemin de Montpellier",
        "Miel de trèfle et de verge d'or de la Petite-Nation, en seaux pour les cuisines.",
        "miel",
        certifications="aliments-du-quebec", delivers_to=WHOLE_ISLAND, delivery_days="sur commande",
        lead_time=14, orders="email website", minimum="100", website=True,
    ),
    supplier(
        "Ferme Harvey-Leclerc", Kind.FARM, "compton", "6950, route Louis-S.-St-Laurent",
        "Bœuf et porc élevés sur les coteaux de Compton, découpés à l'abattoir régional.",
        "boeuf-hache porc-hache",
        certifications="aliments-du-quebec", delivers_to=["ville-marie", "le-sud-ouest"],
        delivery_days="un mardi sur deux", lead_time=7, orders="phone email", minimum="250",
    ),
    supplier(
        "Ferme Trudel-Massicotte", Kind.FARM, "sainte-genevieve-de-batiscan", "410, rang Sud-Ouest",
        "Pommes de terre et oignons de la vallée de la Batiscan, en poches de 22,7 kg.",
        "pomme-de-terre oignon-jaune",
        delivers_to=WHOLE_ISLAND, delivery_days="jeudi", lead_time=5, orders="phone",
        minimum="400",
    ),
    # Distributors, the dry-goods wholesaler and the imported references
    supplier(
        "Distribution Fraîcheur Grand Sud-Ouest", Kind.DISTRIBUTOR, "lachine-industriel", "1900, 32e Avenue",
        "Distributeur de fruits et légumes du Québec pour les organismes et les services "
        "alimentaires du Grand Sud-Ouest ; regroupe les produits d'une trentaine de fermes.",
        "carotte pomme-de-terre oignon-jaune pomme laitue tomate-de-serre oeufs chou-vert",
        certifications="aliments-du-quebec", size="xl", year_round=True, delivers_to=WHOLE_ISLAND,
        delivery_days="du lundi au vendredi", lead_time=1, orders="phone email website",
        minimum="250", tiers=[(500, KG, 4), (1000, KG, 8)], website=True,
    ),
    supplier(
        "Les Distributions Maraîchères Bellerive", Kind.DISTRIBUTOR, "marche-central", "9050, rue de l'Acadie",
        "Grossiste au Marché Central : produits du Québec en saison, complétés par des "
        "importations hors saison.",
        "carotte oignon-jaune pomme tomate-de-serre concombre brocoli",
        size="xl", year_round=True, delivers_to=WHOLE_ISLAND, delivery_days="du lundi au samedi",
        lead_time=1, orders="phone", minimum="300",
    ),
    supplier(
        "Coop Mangeons Local du Sud-Ouest", Kind.COOPERATIVE, "saint-henri", "4525, rue Notre-Dame Ouest",
        "Coopérative de solidarité qui achète en commun pour les organismes communautaires du "
        "Sud-Ouest et redistribue chaque semaine.",
        "carotte pomme oeufs pomme-de-terre oignon-jaune",
        year_round=True, delivers_to=GRAND_SUD_OUEST, delivery_days="jeudi", lead_time=3,
        orders="email website", minimum="50", donations=True, website=True,
        pickup="À l'entrepôt, le jeudi de 9 h à 15 h",
    ),
    supplier(
        "Vrac et Grains Saint-Laurent", Kind.WHOLESALER, "saint-laurent", "2500, rue Halpern",
        "Grossiste en épicerie sèche : farines, flocons, légumineuses et riz en sacs de 10 à "
        "25 kg, dont une bonne part cultivée au Québec.",
        "farine-ble-entier flocons-avoine lentille-verte pois-jaune haricot-sec riz-brun farine-sarrasin",
        size="xl", delivers_to=WHOLE_ISLAND, delivery_days="mardi et jeudi", lead_time=3,
        orders="phone email website", minimum="200", tiers=[(250, KG, 5), (1000, KG, 10)],
        website=True,
    ),
    supplier(
        "Importations Soleil-Levant", Kind.IMPORTER, "importateur", "9100, rue de l'Acadie",
        "Importateur de fruits et légumes de Californie, du Mexique et d'Amérique du Sud ; "
        "la référence du réseau pour comparer les prix locaux et importés.",
        "banane orange tomate-de-serre fraise laitue carotte pomme oignon-jaune brocoli",
        certifications="commerce-equitable", size="xl", year_round=True, delivers_to=WHOLE_ISLAND,
        delivery_days="du lundi au samedi", lead_time=1, orders="phone email", minimum="500",
        tiers=[(500, KG, 3), (2000, KG, 6)],
    ),
    supplier(
        "Serres Lakeshore de Leamington", Kind.FARM, "leamington", "1500, Mersea Road 3",
        "Serres ontariennes qui livrent tomates, concombres et poivrons aux grossistes "
        "montréalais toute l'année.",
        "tomate-de-serre concombre poivron",
        size="xl", year_round=True, delivers_to=["ahuntsic-cartierville", "saint-laurent"],
        delivery_days="mardi et vendredi", lead_time=3, orders="email", minimum="1000",
    ),
]

# --- Markets and kiosks ------------------------------------------------------------------
# Where households spend the Carte proximité. Season: (month, day) of the outdoor season
# this year.


def market(name, kind, area, address, city, postal_code, position, description, hours, season,
           categories, carte=True, email=""):
    return {"name": name, "kind": kind, "area": area, "address": address, "city": city,
            "postal_code": postal_code, "position": position, "description": description,
            "hours": hours, "season": season, "categories": categories.split(), "carte": carte,
            "email": email}


MARKETS = [
    market(
        "Marché Atwater", Kind.PUBLIC_MARKET, "le-sud-ouest", "138, avenue Atwater",
        "Montréal (Saint-Henri)", "H4C 2H6", (45.4807, -73.5773),
        "Marché public au bord du canal de Lachine : étals des producteurs à l'extérieur en "
        "saison, bouchers et fromagers dans la halle toute l'année.",
        "Lundi au mercredi, 7 h à 18 h ; jeudi et vendredi, 7 h à 20 h ; samedi et dimanche, 7 h à 17 h.",
        ((4, 15), (11, 15)), "legumes fruits produits-laitiers oeufs viandes miel-erable herbes",
    ),
    market(
        "Marché Jean-Talon", Kind.PUBLIC_MARKET, "rosemont-la-petite-patrie", "7070, avenue Henri-Julien",
        "Montréal (La Petite-Patrie)", "H2S 3S3", (45.5364, -73.6147),
        "Le plus grand marché public de Montréal, avec des dizaines de maraîchers de la "
        "Montérégie et de Lanaudière en saison.",
        "Tous les jours, 8 h à 18 h (jusqu'à 17 h le dimanche).",
        ((4, 1), (11, 30)), "legumes fruits produits-laitiers oeufs viandes miel-erable herbes produits-transformes",
    ),
    market(
        "Marché Maisonneuve", Kind.PUBLIC_MARKET, "mercier-hochelaga-maisonneuve", "4445, rue Ontario Est",
        "Montréal (Hochelaga-Maisonneuve)", "H1V 3V3", (45.5535, -73.5401),
        "Marché public de quartier sur la place de l'ancien marché Maisonneuve.",
        "Tous les jours, 9 h à 18 h.",
        ((5, 1), (10, 31)), "legumes fruits oeufs miel-erable",
    ),
    market(
        "Marché de Lachine", Kind.PUBLIC_MARKET, "lachine", "1865, rue Notre-Dame",
        "Montréal (Lachine)", "H8S 2G3", (45.4340, -73.6800),
        "Marché public du Vieux-Lachine ; producteurs de fruits et légumes en saison.",
        "Mercredi au dimanche, 9 h à 18 h.",
        ((5, 15), (10, 31)), "legumes fruits oeufs produits-laitiers",
    ),
    market(
        "Marché solidaire de Ville-Émard", Kind.SOLIDARITY_MARKET, "le-sud-ouest", "6200, boulevard Monk",
        "Montréal (Ville-Émard)", "H4E 3H8", (45.4548, -73.6010),
        "Marché solidaire animé par des bénévoles : fruits et légumes de la Montérégie à prix "
        "accessibles, sur le parvis de l'église.",
        "Jeudi, 14 h à 18 h.",
        ((6, 15), (10, 15)), "legumes fruits oeufs", email="marche@solidairevilleemard.example",
    ),
    market(
        "Marché solidaire de la Pointe", Kind.SOLIDARITY_MARKET, "le-sud-ouest", "2390, rue Ryde",
        "Montréal (Pointe-Saint-Charles)", "H3K 1R6", (45.4788, -73.5618),
        "Marché de quartier à Pointe-Saint-Charles, avec les légumes de la ferme urbaine voisine "
        "et un comptoir de produits laitiers.",
        "Mercredi, 16 h à 19 h ; samedi, 10 h à 14 h.",
        ((6, 1), (10, 31)), "legumes fruits produits-laitiers oeufs herbes",
        email="bonjour@marchedelapointe.example",
    ),
    market(
        "Kiosque fermier de la rue Wellington", Kind.KIOSK, "verdun", "4100, rue Wellington",
        "Montréal (Verdun)", "H4G 1V7", (45.4618, -73.5686),
        "Kiosque saisonnier sur la promenade Wellington, tenu par des fermes de Saint-Rémi.",
        "Vendredi, 12 h à 19 h ; samedi, 9 h à 16 h.",
        ((6, 1), (10, 15)), "legumes fruits", email="kiosque@wellingtonfermier.example",
    ),
    market(
        "Marché solidaire de Verdun", Kind.SOLIDARITY_MARKET, "verdun", "5955, avenue Bannantyne",
        "Montréal (Verdun)", "H4H 1H6", (45.4527, -73.5748),
        "Marché solidaire et point de chute de paniers dans le quartier Desmarchais-Crawford.",
        "Mardi, 15 h à 19 h.",
        ((6, 1), (10, 31)), "legumes fruits oeufs cereales-legumineuses",
        email="info@solidaireverdun.example",
    ),
    market(
        "Marché fermier des Rapides", Kind.FARMERS_MARKET, "lasalle", "7500, boulevard LaSalle",
        "Montréal (LaSalle)", "H8P 1X9", (45.4260, -73.6200),
        "Marché fermier en plein air près du parc des Rapides, une douzaine de producteurs de "
        "la Montérégie.",
        "Dimanche, 9 h à 14 h.",
        ((6, 7), (10, 11)), "legumes fruits produits-laitiers oeufs viandes miel-erable",
        email="info@marchedesrapides.example",
    ),
    market(
        "Kiosque solidaire de Saint-Henri", Kind.KIOSK, "le-sud-ouest", "3950, rue Notre-Dame Ouest",
        "Montréal (Saint-Henri)", "H4C 1R1", (45.4762, -73.5862),
        "Kiosque de fruits et légumes devant la station Place-Saint-Henri.",
        "Mercredi et vendredi, 14 h à 18 h 30.",
        ((6, 15), (10, 15)), "legumes fruits", email="kiosque@solidairesainthenri.example",
    ),
    market(
        "Marché solidaire de Côte-Saint-Paul", Kind.SOLIDARITY_MARKET, "le-sud-ouest", "1960, rue Jolicoeur",
        "Montréal (Côte-Saint-Paul)", "H4E 1X4", (45.4628, -73.5915),
        "Petit marché de quartier avec un coin d'épicerie sèche en vrac.",
        "Samedi, 10 h à 13 h.",
        ((7, 1), (10, 31)), "legumes fruits cereales-legumineuses", carte=False,
        email="marche@cotesaintpaul.example",
    ),
    market(
        "Marché fermier de Notre-Dame-de-Grâce", Kind.FARMERS_MARKET, "cote-des-neiges-notre-dame-de-grace",
        "6400, rue Sherbrooke Ouest", "Montréal (Notre-Dame-de-Grâce)", "H4B 1N2", (45.4683, -73.6158),
        "Marché fermier hebdomadaire : légumes biologiques, pain, fromages et miel.",
        "Samedi, 9 h à 13 h.",
        ((6, 1), (10, 25)), "legumes fruits produits-laitiers oeufs miel-erable produits-transformes",
        carte=False, email="info@fermierndg.example",
    ),
    market(
        "Kiosque maraîcher du Vieux-Lachine", Kind.KIOSK, "lachine", "700, rue Notre-Dame",
        "Montréal (Lachine)", "H8S 2B6", (45.4318, -73.6722),
        "Kiosque en bord de lac avec les légumes du Potager du Vieux-Lachine et des fermes voisines.",
        "Jeudi, 15 h à 18 h ; samedi, 9 h à 12 h.",
        ((6, 15), (9, 30)), "legumes herbes", email="kiosque@vieuxlachine.example",
    ),
]

# --- Price history -----------------------------------------------------------------------
# Wholesale prices in the product's reference unit, January to December, for the
# local-versus-imported comparison; None when there is nothing local to see. Heated
# greenhouses keep tomatoes, cucumbers, lettuce and strawberries local in winter at a
# premium, when imports are cheaper; in season local produce is the cheaper one.

PRICE_HISTORY = {
    # product: (origin of the imports, local prices, imported prices)
    "carotte": ("Californie",
        [1.20, 1.25, 1.35, 1.55, 1.70, 1.85, 1.60, 1.15, 1.05, 1.00, 1.05, 1.15],
        [1.55, 1.60, 1.60, 1.55, 1.50, 1.45, 1.50, 1.55, 1.60, 1.60, 1.55, 1.55]),
    "pomme": ("État de Washington et Chili",
        [2.05, 2.15, 2.25, 2.45, 2.60, 2.75, 2.85, 2.20, 1.75, 1.65, 1.75, 1.90],
        [3.10, 3.15, 3.20, 3.10, 2.95, 2.90, 2.95, 3.10, 3.25, 3.30, 3.25, 3.15]),
    "pomme-de-terre": ("Idaho",
        [0.80, 0.85, 0.90, 0.95, 1.05, 1.20, 1.10, 0.75, 0.70, 0.70, 0.72, 0.78],
        [1.05, 1.05, 1.10, 1.10, 1.05, 1.00, 0.95, 0.95, 1.00, 1.00, 1.00, 1.05]),
    "oignon-jaune": ("États-Unis et Mexique",
        [1.00, 1.05, 1.15, 1.30, 1.45, 1.55, 1.40, 1.05, 0.95, 0.90, 0.95, 1.00],
        [1.30, 1.35, 1.35, 1.30, 1.25, 1.20, 1.25, 1.30, 1.35, 1.40, 1.35, 1.30]),
    "tomate-de-serre": ("Mexique",
        [4.80, 4.70, 4.40, 3.90, 3.60, 3.30, 3.10, 3.00, 3.20, 3.60, 4.20, 4.60],
        [3.10, 3.00, 2.90, 2.90, 3.10, 3.40, 3.60, 3.70, 3.50, 3.20, 3.10, 3.10]),
    "fraise": ("Californie et Mexique",
        [13.50, 13.80, 13.20, 12.50, 10.50, 6.20, 5.80, 7.20, 7.60, 8.50, 12.80, 13.50],
        [7.80, 7.20, 6.40, 5.20, 4.80, 5.60, 6.50, 7.20, 7.80, 8.20, 8.50, 8.20]),
    "laitue": ("Californie et Arizona",
        [1.85, 1.85, 1.85, 1.80, 1.65, 1.20, 1.10, 1.10, 1.15, 1.30, 1.75, 1.85],
        [2.20, 2.35, 2.10, 1.80, 1.60, 1.50, 1.55, 1.60, 1.65, 1.80, 2.00, 2.30]),
    "oeufs": ("États-Unis",
        [3.85, 3.85, 3.85, 3.90, 3.90, 3.90, 3.95, 3.95, 3.95, 3.95, 4.00, 4.00],
        [4.60, 4.90, 5.20, 4.40, 3.80, 3.40, 3.20, 3.10, 3.20, 3.50, 3.90, 4.30]),
    "brocoli": ("Californie et Mexique",
        [None, None, None, None, None, None, 2.00, 1.75, 1.70, 1.85, None, None],
        [2.60, 2.75, 2.50, 2.30, 2.20, 2.10, 2.10, 2.15, 2.20, 2.30, 2.45, 2.60]),
    "concombre": ("Mexique",
        [3.20, 3.10, 2.90, 2.60, 2.40, 2.10, 1.90, 1.80, 1.90, 2.30, 2.80, 3.10],
        [2.40, 2.30, 2.30, 2.40, 2.50, 2.60, 2.60, 2.60, 2.50, 2.40, 2.40, 2.40]),
}

# fmt: on

LOCAL_PRICE_SOURCE = "Relevé SALIM auprès des producteurs du Grand Sud-Ouest et au Marché Atwater"
IMPORTED_PRICE_SOURCE = "Liste de prix d'un importateur du Marché Central (origine : {origin})"
IMPORTER_SLUG = "importations-soleil-levant"

CATALOGUE = {slug: details for slug, *details in PRODUCTS}
ORGANIC_CERTIFICATIONS = {slug for slug, _fr, _en, organic in CERTIFICATIONS if organic}
GRADE_PRICE = {
    Offer.Grade.STANDARD: Decimal("1"),
    Offer.Grade.PREMIUM: Decimal("1.15"),
    Offer.Grade.SECONDS: Decimal("0.65"),
    Offer.Grade.PROCESSING: Decimal("0.55"),
}
CENTS = Decimal("0.01")


# --- Loader ------------------------------------------------------------------------------


def generator(*parts):
    """A random generator of its own for each entry: data stays the same from run to run
    and does not shift when an entry is added before it. Not for anything secret."""
    return random.Random("-".join(str(part) for part in (SEED, *parts)))  # noqa: S311


@transaction.atomic
def load(stdout, style):
    today = timezone.localdate()
    created = Counter()

    areas = {}
    for kind, rows in ((Area.Kind.BOROUGH, BOROUGHS), (Area.Kind.REGION, REGIONS)):
        for slug, name in rows:
            areas[slug], new = Area.objects.get_or_create(
                slug=slug, defaults={"name": name, "kind": kind}
            )
            created["areas"] += new

    categories = {}
    for slug, name_fr, name_en in CATEGORIES:
        categories[slug], new = Category.objects.get_or_create(
            slug=slug, defaults={"name_fr": name_fr, "name_en": name_en}
        )
        created["categories"] += new

    certifications = {}
    for slug, name_fr, name_en, is_organic in CERTIFICATIONS:
        certifications[slug], new = Certification.objects.get_or_create(
            slug=slug, defaults={"name_fr": name_fr, "name_en": name_en, "is_organic": is_organic}
        )
        created["certifications"] += new

    products = {}
    for slug, name_fr, name_en, category, unit, *_rest in PRODUCTS:
        products[slug], new = Product.objects.get_or_create(
            slug=slug,
            defaults={
                "name_fr": name_fr,
                "name_en": name_en,
                "category": categories[category],
                "reference_unit": unit,
            },
        )
        created["products"] += new

    # An entry that exists, however an editor changed it, is left alone: its offers,
    # delivery areas and discounts included.
    existing = set(Producer.objects.values_list("slug", flat=True))
    for number, row in enumerate(SUPPLIERS, start=1):
        if slugify(row["name"]) in existing:
            continue
        producer = build_supplier(row, number, areas, certifications, today)
        producer.save()
        offers = build_offers(producer, row, products, today)
        Offer.objects.bulk_create(offers)
        created["suppliers"] += 1
        created["offers"] += len(offers)

    for row in MARKETS:
        if slugify(row["name"]) in existing:
            continue
        build_market(row, areas, categories, today).save()
        created["markets"] += 1

    created["observations"] = load_price_history(products, today)

    producers = Producer.objects.all()
    stdout.write(
        style.SUCCESS(
            f"Directory: {producers.exclude(kind__in=Producer.MARKET_KINDS).count()} suppliers, "
            f"{producers.markets().count()} markets, {Product.objects.count()} products, "
            f"{Offer.objects.count()} offers, {PriceObservation.objects.count()} price "
            f"observations ({sum(created.values())} records added)."
        )
    )


def build_supplier(row, number, areas, certifications, today):
    """An unsaved entry with its delivery areas, certifications and discount tiers, which
    modelcluster writes together on save."""
    slug = slugify(row["name"])
    rng = generator(slug)
    city, postal_code, area, latitude, longitude, distance, phone_code = PLACES[row["place"]]
    domain = f"{slug.replace('-', '')}.example"
    methods = row.get("orders", "").split()
    producer = Producer(
        name=row["name"],
        slug=slug,
        kind=row["kind"],
        description=row["description"],
        address=row["address"],
        city=city,
        postal_code=postal_code,
        area=areas[area],
        distance_class=distance,
        # 555-0100 to 555-0199 are the numbers North America keeps for fiction.
        phone=f"{phone_code} 555-01{number % 100:02d}",
        email=f"info@{domain}",
        website=f"https://{domain}/" if row.get("website") else "",
        orders_by_phone="phone" in methods,
        orders_by_email="email" in methods,
        orders_by_website="website" in methods,
        ordering_platform=row.get("platform", ""),
        order_lead_time_days=row.get("lead_time"),
        delivery_days=row.get("delivery_days", ""),
        pickup_available="pickup" in row,
        pickup_details=row.get("pickup", ""),
        minimum_order=Decimal(row["minimum"]) if "minimum" in row else None,
        accepts_carte_proximite=row.get("carte", False),
        open_to_donations=row.get("donations", False),
        open_to_gleaning=row.get("gleaning", False),
        last_verified_on=verified_on(rng, today),
    )
    if row.get("located", True):
        # Entries of the same place are spread apart, staying inside the municipality.
        spread = 0.003 if distance == LOCAL else 0.01
        producer.latitude = coordinate(latitude + rng.uniform(-spread, spread))
        producer.longitude = coordinate(longitude + rng.uniform(-spread, spread))
    producer.delivery_areas = [areas[slug] for slug in row.get("delivers_to", [])]
    producer.certifications = [
        certifications[slug] for slug in row.get("certifications", "").split()
    ]
    producer.discount_tiers = [
        DiscountTier(min_quantity=Decimal(quantity), unit=unit, percent=Decimal(percent))
        for quantity, unit, percent in row.get("tiers", [])
    ]
    return producer


def verified_on(rng, today):
    """About two entries in three checked in the last six months, the others up to 18
    months ago, so that the freshness panel has stale entries to show."""
    days = rng.randint(3, 170) if rng.random() < 0.65 else rng.randint(185, 540)
    return today - timedelta(days=days)


def coordinate(value):
    return Decimal(str(round(value, 6)))


def build_offers(producer, row, products, today):
    rng = generator(producer.slug, "offers")
    organic = bool(ORGANIC_CERTIFICATIONS & set(row.get("certifications", "").split()))
    scale = SIZES[row.get("size", "medium")]
    all_year = row.get("year_round") or producer.distance_class == IMPORTED
    own_season = set(months_between(*row["season"])) if "season" in row else None
    offers = []
    for spec in row["offers"]:
        slug, _, unit = spec.partition("@")
        slug, _, grade = slug.partition("/")
        grade = grade or Offer.Grade.STANDARD
        _fr, _en, _category, reference_unit, season, typical_price, capacity = CATALOGUE[slug]
        unit = unit or reference_unit
        months = set(range(1, 13)) if all_year else set(months_between(*season))
        if own_season is not None:
            months &= own_season
        price = (
            Decimal(typical_price)
            * GRADE_PRICE[grade]
            * Decimal(str(round(rng.uniform(0.88, 1.15), 3)))
        )
        if organic:
            price *= Decimal("1.25")
        # Quoted to the nickel; a few prices are given on request only.
        price = convert_unit_price(price, reference_unit, unit)
        price = None if rng.random() < 0.05 else (price * 20).quantize(1, ROUND_HALF_UP) / 20
        # Some prices were seen more than a season ago, so that they show as stale.
        seen_days_ago = rng.randint(2, 110) if rng.random() < 0.7 else rng.randint(130, 300)
        weekly = Decimal(capacity) * scale
        if grade != Offer.Grade.STANDARD:
            weekly *= Decimal("0.4")
        offers.append(
            Offer(
                producer=producer,
                product=products[slug],
                unit=unit,
                price=price.quantize(CENTS) if price is not None else None,
                price_seen_on=today - timedelta(days=seen_days_ago) if price is not None else None,
                months=ALL_YEAR if len(months) == 12 else months_to_mask(months),
                grade=grade,
                weekly_capacity=convert_quantity(weekly, reference_unit, unit).quantize(Decimal(1)),
                organic=organic,
            )
        )
    return offers


def build_market(row, areas, categories, today):
    (start_month, start_day), (end_month, end_day) = row["season"]
    latitude, longitude = row["position"]
    slug = slugify(row["name"])
    market = Producer(
        name=row["name"],
        slug=slug,
        kind=row["kind"],
        description=row["description"],
        address=row["address"],
        city=row["city"],
        postal_code=row["postal_code"],
        area=areas[row["area"]],
        latitude=coordinate(latitude),
        longitude=coordinate(longitude),
        distance_class=LOCAL,
        email=row["email"],
        opening_hours=row["hours"],
        season_start=date(today.year, start_month, start_day),
        season_end=date(today.year, end_month, end_day),
        accepts_carte_proximite=row["carte"],
        last_verified_on=verified_on(generator(slug), today),
    )
    market.categories_sold = [categories[slug] for slug in row["categories"]]
    return market


def load_price_history(products, today):
    """One observation a month over the last twelve months for each origin; a month
    already observed is left alone. Returns how many were added."""
    importer = Producer.objects.filter(slug=IMPORTER_SLUG).first()
    observations = []
    for slug, (imported_from, local_prices, imported_prices) in PRICE_HISTORY.items():
        product = products[slug]
        seen = set(
            PriceObservation.objects.filter(product=product).values_list(
                "origin", "observed_on__year", "observed_on__month"
            )
        )
        for back in range(12):
            year, month_index = divmod(today.year * 12 + today.month - 1 - back, 12)
            month = month_index + 1
            for origin, prices, source, seen_at in (
                (LOCAL, local_prices, LOCAL_PRICE_SOURCE, None),
                (
                    IMPORTED,
                    imported_prices,
                    IMPORTED_PRICE_SOURCE.format(origin=imported_from),
                    importer,
                ),
            ):
                price = prices[month - 1]
                if price is None or (origin, year, month) in seen:
                    continue
                observations.append(
                    PriceObservation(
                        product=product,
                        observed_on=min(date(year, month, 15), today),
                        price=Decimal(str(price)),
                        unit=product.reference_unit,
                        origin=origin,
                        producer=seen_at,
                        source=source,
                    )
                )
    PriceObservation.objects.bulk_create(observations)
    return len(observations)
