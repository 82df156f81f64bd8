"""Demo accounts and a network in use: community organisations and producers' businesses
with their members, needs with answers, surplus lots open now, seasonal commitments at each
stage, forum conversations, and registrations for past and coming events. Their passwords
are in the README, so load_demo_content refuses to run with DEBUG off.

Everything goes through the rules and forms that members' own actions go through
(community/<subject>/rules.py), so the demo shows what production would, and the emails
those actions cause wait in the outbox as always (`make run`'s worker prints them).
Dates are counted from the day the demo is loaded. It runs after cms's demo (AFTER): the
registrations are for its events."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from allauth.account.models import EmailAddress

from directory.models import Area, Producer, Product

from .models import Membership, Organisation

AFTER = ("cms",)

# Published in the README, as the other demo passwords.
PRODUCER_PASSWORD = "demo-producteur-2026"  # noqa: S105
ORGANISATION_PASSWORD = "demo-organisme-2026"  # noqa: S105

DEMO_ACCOUNTS = [
    # (email, password, first name, last name, groups: network staff write and publish)
    (
        "editrice@salim.example",
        "demo-editrice-2026",
        "Camille",
        "Tremblay",
        ["Editors", "Moderators"],
    ),
    # The member's place in the Members group follows from an approved membership, as
    # for everyone (community.organisations.signals); it is not given by hand.
    ("membre@salim.example", "demo-membre-2026", "Alex", "Gagnon", []),
    # Producers who keep their own entry and answer needs.
    ("menard-daoust@salim.example", PRODUCER_PASSWORD, "Julie", "Ménard", []),
    ("lavigueur@salim.example", PRODUCER_PASSWORD, "Sophie", "Lavigueur", []),
    ("verger-hemmingford@salim.example", PRODUCER_PASSWORD, "Marc", "Hébert", []),
    ("avicole-sainte-martine@salim.example", PRODUCER_PASSWORD, "Louis", "Bergeron", []),
    # Members of the other community organisations.
    ("banque-lasalle@salim.example", ORGANISATION_PASSWORD, "Nadia", "Bouchard", []),
    ("centre-pointe@salim.example", ORGANISATION_PASSWORD, "Karim", "Haddad", []),
    ("cpe-pommiers@salim.example", ORGANISATION_PASSWORD, "Émilie", "Roy", []),
    ("ecole-berges@salim.example", ORGANISATION_PASSWORD, "Martin", "Côté", []),
    ("popote@salim.example", ORGANISATION_PASSWORD, "Lucie", "Fortin", []),
    ("cuisine-lasalle@salim.example", ORGANISATION_PASSWORD, "Fatima", "Benali", []),
    # Waiting: one asks to join the Verdun kitchen, one proposes a new organisation.
    ("nouvelle@salim.example", ORGANISATION_PASSWORD, "Jordan", "Leblanc", []),
    ("frigo@salim.example", ORGANISATION_PASSWORD, "Sam", "Nguyen", []),
]

# (name, kind, borough slug, directory entry for a producer's business, its first member)
ORGANISATIONS = [
    (
        "Cuisine collective de Verdun",
        Organisation.Kind.COMMUNITY_KITCHEN,
        "verdun",
        None,
        "membre@salim.example",
    ),
    (
        "Banque alimentaire de LaSalle",
        Organisation.Kind.FOOD_BANK,
        "lasalle",
        None,
        "banque-lasalle@salim.example",
    ),
    (
        "Centre communautaire de Pointe-Saint-Charles",
        Organisation.Kind.COMMUNITY,
        "le-sud-ouest",
        None,
        "centre-pointe@salim.example",
    ),
    (
        "CPE Les Petits Pommiers",
        Organisation.Kind.DAYCARE,
        "lachine",
        None,
        "cpe-pommiers@salim.example",
    ),
    (
        "École primaire des Berges",
        Organisation.Kind.SCHOOL,
        "lasalle",
        None,
        "ecole-berges@salim.example",
    ),
    (
        "Popote roulante de Côte-Saint-Paul",
        Organisation.Kind.MEAL_PROGRAMME,
        "le-sud-ouest",
        None,
        "popote@salim.example",
    ),
    (
        "Cuisine collective de LaSalle",
        Organisation.Kind.COMMUNITY_KITCHEN,
        "lasalle",
        None,
        "cuisine-lasalle@salim.example",
    ),
    (
        "Ferme Ménard-Daoust",
        Organisation.Kind.PRODUCER,
        "monteregie",
        "ferme-menard-daoust",
        "menard-daoust@salim.example",
    ),
    (
        "Les Jardins Lavigueur et Filles",
        Organisation.Kind.PRODUCER,
        "monteregie",
        "les-jardins-lavigueur-et-filles",
        "lavigueur@salim.example",
    ),
    (
        "Verger des Collines de Hemmingford",
        Organisation.Kind.PRODUCER,
        "monteregie",
        "verger-des-collines-de-hemmingford",
        "verger-hemmingford@salim.example",
    ),
    (
        "Ferme avicole Sainte-Martine",
        Organisation.Kind.PRODUCER,
        "monteregie",
        "ferme-avicole-sainte-martine",
        "avicole-sainte-martine@salim.example",
    ),
]
# Each organisation's profile, as its members fill it in on the profile form: website,
# contact, transport, storage, budget range and the products it usually buys.
PROFILE_DEFAULTS = {
    "has_vehicle": False,
    "refrigerated_vehicle": False,
    "max_load_kg": None,
    "cold_room": False,
    "freezer": False,
    "monthly_food_budget": "",
}
PROFILES = {
    "Cuisine collective de Verdun": {
        "website": "https://cuisine-verdun.example",
        "contact_email": "cuisine-verdun@salim.example",
        "contact_phone": "514 555-0101",
        "cold_room": True,
        "freezer": True,
        "monthly_food_budget": "1000_5000",
        "products": ["carotte", "pomme-de-terre", "oignon-jaune", "chou-vert", "pomme"],
    },
    "Banque alimentaire de LaSalle": {
        "website": "https://banque-lasalle.example",
        "contact_email": "banque-lasalle@salim.example",
        "contact_phone": "514 555-0102",
        "has_vehicle": True,
        "refrigerated_vehicle": True,
        "max_load_kg": 1500,
        "cold_room": True,
        "freezer": True,
        "monthly_food_budget": "5000_20000",
        "products": ["carotte", "pomme-de-terre", "oignon-jaune", "pomme", "lait", "oeufs"],
    },
    "Centre communautaire de Pointe-Saint-Charles": {
        "website": "https://centre-pointe.example",
        "contact_email": "centre-pointe@salim.example",
        "contact_phone": "514 555-0103",
        "has_vehicle": True,
        "max_load_kg": 600,
        "freezer": True,
        "monthly_food_budget": "1000_5000",
        "products": ["laitue", "tomate-de-serre", "concombre", "carotte"],
    },
    "CPE Les Petits Pommiers": {
        "website": "https://cpe-pommiers.example",
        "contact_email": "cpe-pommiers@salim.example",
        "contact_phone": "514 555-0104",
        "cold_room": True,
        "monthly_food_budget": "under_1000",
        "products": ["pomme", "poire", "yogourt", "lait", "carotte"],
    },
    "École primaire des Berges": {
        "website": "https://ecole-berges.example",
        "contact_email": "ecole-berges@salim.example",
        "contact_phone": "514 555-0105",
        "freezer": True,
        "monthly_food_budget": "1000_5000",
        "products": ["pomme", "carotte", "concombre", "fraise"],
    },
    "Popote roulante de Côte-Saint-Paul": {
        "website": "https://popote-csp.example",
        "contact_email": "popote@salim.example",
        "contact_phone": "514 555-0106",
        "has_vehicle": True,
        "refrigerated_vehicle": True,
        "max_load_kg": 400,
        "cold_room": True,
        "freezer": True,
        "monthly_food_budget": "1000_5000",
        "products": ["pomme-de-terre", "carotte", "poireau", "courge-butternut", "oeufs"],
    },
    "Cuisine collective de LaSalle": {
        "website": "https://cuisine-lasalle.example",
        "contact_email": "cuisine-lasalle@salim.example",
        "contact_phone": "514 555-0107",
        "freezer": True,
        "monthly_food_budget": "under_1000",
        "products": ["carotte", "oignon-jaune", "chou-vert", "betterave"],
    },
    "Ferme Ménard-Daoust": {
        "website": "https://menard-daoust.example",
        "contact_email": "menard-daoust@salim.example",
        "contact_phone": "450 555-0111",
        "has_vehicle": True,
        "refrigerated_vehicle": True,
        "max_load_kg": 2000,
        "cold_room": True,
    },
    "Les Jardins Lavigueur et Filles": {
        "website": "https://jardins-lavigueur.example",
        "contact_email": "lavigueur@salim.example",
        "contact_phone": "450 555-0112",
        "has_vehicle": True,
        "max_load_kg": 800,
        "cold_room": True,
    },
    "Verger des Collines de Hemmingford": {
        "website": "https://verger-hemmingford.example",
        "contact_email": "verger-hemmingford@salim.example",
        "contact_phone": "450 555-0113",
        "has_vehicle": True,
        "max_load_kg": 1200,
        "cold_room": True,
    },
    "Ferme avicole Sainte-Martine": {
        "website": "https://avicole-sainte-martine.example",
        "contact_email": "avicole-sainte-martine@salim.example",
        "contact_phone": "450 555-0114",
        "has_vehicle": True,
        "refrigerated_vehicle": True,
        "max_load_kg": 1000,
        "cold_room": True,
    },
}
# Proposed and waiting for the staff's approval.
PROPOSED_ORGANISATION = (
    "Frigo communautaire de Ville-Émard",
    Organisation.Kind.COMMUNITY,
    "le-sud-ouest",
    "frigo@salim.example",
)
# Asked to join, waiting for the organisation's admin (the demo member).
JOIN_REQUEST = ("nouvelle@salim.example", "Cuisine collective de Verdun")


def load(stdout, style):
    User = get_user_model()
    # Hashing a password takes half a second, on purpose: each demo password is hashed
    # once, and the accounts that share it share the hash.
    hashes = {}
    for email, password, first_name, last_name, group_names in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "username": email.split("@")[0],
                "first_name": first_name,
                "last_name": last_name,
            },
        )
        if created:
            if password not in hashes:
                hashes[password] = make_password(password)
            user.password = hashes[password]
            user.save()
        user.groups.add(*Group.objects.filter(name__in=group_names))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if created:
            stdout.write(style.SUCCESS(f"Account {email} (password: {password})"))
    load_organisations()
    load_forums()
    load_needs()
    load_price_requests()
    load_surplus()
    load_availability()
    load_commitments()
    load_registrations()
    load_workspace()
    load_freshness()
    load_projects()
    stdout.write(
        style.SUCCESS(
            f"Network: {Organisation.objects.count()} organisations, "
            f"{apps.get_model('community', 'Need').objects.count()} needs, "
            f"{apps.get_model('community', 'SurplusLot').objects.count()} surplus lots, "
            f"{apps.get_model('community', 'Commitment').objects.count()} commitments."
        )
    )


def load_freshness():
    """Entries confirmed by their producers, and checks waiting (community.freshness.demo)."""
    from .freshness import demo

    demo.load()


def load_projects():
    """A project of several partners with its action plan (community.projects.demo)."""
    from .projects import demo as projects

    projects.load(people())


def people():
    """{email: user} of the demo accounts."""
    emails = [account[0] for account in DEMO_ACCOUNTS]
    return {user.email: user for user in get_user_model().objects.filter(email__in=emails)}


def organisation(name):
    return Organisation.objects.get(name=name)


def load_organisations():
    """Each organisation proposed by its first member and approved by the staff, as on
    the site; a producer's business is linked to its directory entry by the staff before
    approval. The organisations already there are left as they are."""
    from .organisations import rules

    users = people()
    for name, kind, borough, producer_slug, email in ORGANISATIONS:
        if Organisation.objects.filter(name=name).exists():
            continue
        proposed = rules.propose_organisation(
            users[email], name, kind, borough=Area.objects.filter(slug=borough).first()
        )
        if producer_slug:
            proposed.producer = Producer.objects.get(slug=producer_slug)
            proposed.save(update_fields=["producer"])
        rules.approve_organisation(proposed)
    for name, *_rest in ORGANISATIONS:
        fill_profile(organisation(name))
    name, kind, borough, email = PROPOSED_ORGANISATION
    if not Organisation.objects.filter(name=name).exists():
        rules.propose_organisation(
            users[email], name, kind, borough=Area.objects.filter(slug=borough).first()
        )
    email, name = JOIN_REQUEST
    if not Membership.objects.filter(user=users[email]).exists():
        rules.ask_to_join(users[email], organisation(name))


def fill_profile(organisation):
    """The organisation's profile through the profile form its members use; a profile
    already filled in (by an earlier load, or edited since) is left as it is."""
    from .organisations.forms import OrganisationProfileForm

    if organisation.contact_email or organisation.website:
        return
    profile = {**PROFILE_DEFAULTS, **PROFILES[organisation.name]}
    slugs = profile.pop("products", [])
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "borough": organisation.borough_id or "",
        **{key: "" if value is None else value for key, value in profile.items()},
        "products_usually_bought": list(
            Product.objects.filter(slug__in=slugs).values_list("pk", flat=True)
        ),
    }
    form = OrganisationProfileForm(data, instance=organisation)
    submitted(form)
    form.save()


DEMO_CATEGORIES = [
    (
        "Achats et approvisionnement",
        "Purchasing and supply",
        "Où acheter, à quel prix, en quelle quantité.",
        "Where to buy, at what price, in what quantity.",
    ),
    (
        "Logistique et entreposage",
        "Logistics and storage",
        "Transport, chambres froides, tournées partagées.",
        "Transport, cold rooms, shared delivery rounds.",
    ),
    (
        "Financement",
        "Funding",
        "Programmes, demandes, échéances.",
        "Programmes, applications, deadlines.",
    ),
]
# (category, title, [(author, body)...]). A new member waits between two posts, so each
# member writes once here; the editor, a moderator, is not held to it.
DEMO_CONVERSATIONS = [
    (
        0,
        "Carottes de conservation pour l'hiver",
        [
            (
                "membre@salim.example",
                "Bonjour à toutes et à tous ! Nous cherchons des **carottes en vrac** pour "
                "l'hiver (environ 40 kg par semaine). Quelqu'un a-t-il une ferme à recommander "
                "dans le Sud-Ouest ?",
            ),
            (
                "editrice@salim.example",
                "> **Alex Gagnon** : environ 40 kg par semaine\n\n"
                "Plusieurs fermes du répertoire ont des carottes de conservation jusqu'en mars. "
                "Pensez aussi aux *déclassés* : même goût, prix plus bas.",
            ),
        ],
    ),
    (
        1,
        "Tournée partagée vers LaSalle le jeudi",
        [
            (
                "centre-pointe@salim.example",
                "Notre camionnette fait Pointe-Saint-Charles → LaSalle chaque jeudi matin et "
                "revient à moitié vide. Qui voudrait partager la tournée ?",
            ),
            (
                "cuisine-lasalle@salim.example",
                "Oui ! Nous pourrions recevoir nos légumes chez vous le mercredi et les "
                "embarquer le jeudi. Combien de caisses pouvez-vous prendre ?",
            ),
            (
                "menard-daoust@salim.example",
                "De notre côté, nous livrons à Pointe-Saint-Charles le mercredi : une "
                "seule livraison pour deux organismes, c'est moins cher pour tout le monde.",
            ),
        ],
    ),
    (
        2,
        "Fonds d'achat local : qui a déposé une demande ?",
        [
            (
                "banque-lasalle@salim.example",
                "L'échéance du Fonds d'achat local approche. Quelqu'un a-t-il un exemple de "
                "budget à partager ? Nous hésitons sur la part du transport.",
            ),
            (
                "editrice@salim.example",
                "Le transport est admissible s'il sert à acheter local. Le gabarit de commande "
                "groupée, dans les ressources, aide à chiffrer les volumes.",
            ),
            (
                "popote@salim.example",
                "Nous avons déposé l'an dernier : mettez les lettres d'appui des producteurs, "
                "cela a beaucoup compté.",
            ),
        ],
    ),
]


def load_forums():
    """A few categories and conversations, so that the forums are not empty. The posts
    go through community.forums.rules, as members' do: the topic's count and last post,
    who follows it and who has read it are kept as for any other."""
    from .forums import rules as forums
    from .models import ForumCategory

    if ForumCategory.objects.exists():
        return
    categories = []
    for position, (name_fr, name_en, description_fr, description_en) in enumerate(DEMO_CATEGORIES):
        category = ForumCategory(
            name_fr=name_fr,
            name_en=name_en,
            description_fr=description_fr,
            description_en=description_en,
            position=position,
        )
        category.save()
        categories.append(category)
    users = people()
    for category, title, posts in DEMO_CONVERSATIONS:
        (first_email, first_body), *replies = posts
        topic = forums.start_topic(users[first_email], categories[category], title, first_body)
        for email, body in replies:
            forums.reply(users[email], topic, body)


def day(days):
    return timezone.localdate() + timedelta(days=days)


def valid(form):
    """The form, once valid, as a view has it; a demo that no longer fits the form is a
    mistake to see at once."""
    if not form.is_valid():
        raise ValueError(f"demo {type(form).__name__} refused: {form.errors.as_json()}")
    return form


def submitted(form):
    """The form's instance, unsaved, once valid (valid)."""
    return valid(form).save(commit=False)


# (organisation, product, quantity, unit, frequency, from, until (days from today),
# quality, budget, buy together, notes, answers: [(producer, price, quantity, terms)],
# what became of it: "open", "accepted" (first answer), "fulfilled", "paused", "withdrawn")
NEEDS = [
    (
        "Cuisine collective de Verdun",
        "carotte",
        40,
        "kg",
        "weekly",
        0,
        120,
        "seconds",
        "2.50",
        True,
        "Livraison le mardi matin, porte arrière.",
        [("ferme-menard-daoust", "1.95", 40, "Livré le mardi, caisses consignées")],
        "open",
    ),
    (
        "Banque alimentaire de LaSalle",
        "carotte",
        60,
        "kg",
        "weekly",
        7,
        120,
        "seconds",
        "2.20",
        True,
        "Nous pouvons recevoir avec la Cuisine collective de Verdun.",
        [],
        "open",
    ),
    (
        "Banque alimentaire de LaSalle",
        "pomme-de-terre",
        100,
        "kg",
        "weekly",
        0,
        90,
        "standard",
        "1.40",
        False,
        "",
        [("ferme-menard-daoust", "1.10", 100, "Livraison le mercredi")],
        "accepted",
    ),
    (
        "Centre communautaire de Pointe-Saint-Charles",
        "laitue",
        25,
        "unit",
        "weekly",
        0,
        60,
        "standard",
        "2.00",
        False,
        "Pour la cafétéria du midi.",
        [("les-jardins-lavigueur-et-filles", "1.75", 25, "Livraison le jeudi")],
        "open",
    ),
    (
        "CPE Les Petits Pommiers",
        "pomme",
        15,
        "kg",
        "weekly",
        0,
        90,
        "standard",
        "2.40",
        False,
        "Petites pommes bienvenues pour les collations.",
        [("verger-des-collines-de-hemmingford", "1.80", 15, "Livraison le lundi")],
        "fulfilled",
    ),
    (
        "École primaire des Berges",
        "pomme",
        30,
        "kg",
        "once",
        3,
        20,
        "seconds",
        "2.00",
        False,
        "Pour la semaine de la collation santé.",
        [("verger-des-collines-de-hemmingford", "1.50", 30, "Livrée à l'école")],
        "fulfilled",
    ),
    (
        "Popote roulante de Côte-Saint-Paul",
        "oeufs",
        20,
        "dozen",
        "weekly",
        0,
        90,
        "standard",
        "4.50",
        False,
        "",
        [("ferme-avicole-sainte-martine", "4.10", 20, "Livrés le vendredi")],
        "fulfilled",
    ),
    (
        "Cuisine collective de LaSalle",
        "courge-butternut",
        50,
        "kg",
        "once",
        0,
        45,
        "processing",
        "1.50",
        False,
        "Pour des soupes à congeler ; toutes tailles.",
        [],
        "paused",
    ),
    (
        "Cuisine collective de LaSalle",
        "epinard",
        10,
        "kg",
        "weekly",
        0,
        45,
        "standard",
        "7.00",
        False,
        "",
        [("les-jardins-lavigueur-et-filles", "6.50", 5, "")],
        "withdrawn",
    ),
]


def load_needs():
    """Needs posted through the needs board's form and rules (matching producers are
    told), answered by the producers with accounts, then accepted, closed as fulfilled,
    paused or their answer withdrawn, as each organisation decided. One need of the autumn
    is past its dates."""
    from . import access
    from .models import Need
    from .needs import rules as needs
    from .needs.forms import AnswerForm, CloseNeedForm, NeedForm

    if Need.objects.exists():
        return
    users = people()
    members = {
        membership.organisation.name: membership.user
        for membership in access.approved_memberships().select_related("organisation", "user")
    }
    products = {product.slug: product for product in Product.objects.all()}
    for (
        name,
        product,
        quantity,
        unit,
        frequency,
        starts,
        ends,
        quality,
        budget,
        together,
        notes,
        answers,
        fate,
    ) in NEEDS:
        poster = members[name]
        form = NeedForm(
            access.buying_organisations(poster),
            {
                "organisation": organisation(name).pk,
                "product": products[product].pk,
                "quantity": quantity,
                "unit": unit,
                "frequency": frequency,
                "wanted_from": day(starts),
                "wanted_until": day(ends),
                "quality": quality,
                "budget_per_unit": budget,
                "delivery_required": "on",
                "buy_together": "on" if together else "",
                "notes": notes,
            },
        )
        need = submitted(form)
        need.posted_by = poster
        needs.post(need)
        for producer_slug, price, supplied, terms in answers:
            producer = Producer.objects.get(slug=producer_slug)
            answerer = members[producer.name]
            form = AnswerForm(
                access.producers_of(answerer),
                {
                    "unit_price": price,
                    "quantity": supplied,
                    "delivery_terms": terms,
                    "message": "Avec plaisir : nous en avons toute la saison.",
                },
            )
            if not form.is_valid():
                raise ValueError(f"demo answer refused: {form.errors.as_json()}")
            answer = needs.answer(need, form.producer, answerer, **form.cleaned_data)
            if fate in ("accepted", "fulfilled"):
                needs.accept(answer)
            if fate == "withdrawn":
                needs.withdraw(answer)
            if fate == "fulfilled":
                form = CloseNeedForm(need, {"fulfilled_by": producer.pk, "price_paid": price})
                if not form.is_valid():
                    raise ValueError(f"demo closing refused: {form.errors.as_json()}")
                needs.close(need, **form.cleaned_data)
        if fate == "paused":  # as the need's page pauses it
            need.status = Need.Status.PAUSED
            need.save(update_fields=["status", "updated_at"])
    # Posted in the autumn, wanted until last week: it left the board by itself. The form
    # takes no past dates, and the date a need was posted is the database's: this one is
    # saved by the rules, then dated back to when it was posted.
    past = needs.post(
        Need(
            organisation=organisation("Cuisine collective de Verdun"),
            posted_by=users["membre@salim.example"],
            product=products["courge-butternut"],
            quantity=Decimal("30"),
            unit="kg",
            frequency=Need.Frequency.ONCE,
            wanted_from=day(-50),
            wanted_until=day(-7),
            quality=Need.Quality.PROCESSING,
        )
    )
    Need.objects.filter(pk=past.pk).update(created_at=timezone.now() - timedelta(days=55))


def load_price_requests():
    """Verdun's kitchen asks the producers suggested for its carrots for a price, through
    the price requests' rules as its member does from the need's page: two answer by their
    link, one declines ("not this time"), the others have not answered yet (Ménard-Daoust,
    which answered on the board, among them); the kitchen accepts the cheaper answer,
    whose 25 kg leave the need open for the rest. Two other organisations asked too, and
    have a first answer each (the public figures are of several organisations)."""
    from . import access
    from .models import Need, PriceRound
    from .price_requests import rules as prices
    from .price_requests.models import PriceRequest

    if PriceRound.objects.exists():
        return

    def ask(name, product):
        need = Need.objects.get(organisation=organisation(name), product__slug=product)
        asker = access.members_of([need.organisation]).order_by("pk").first()
        candidates = [c.producer.pk for c in prices.candidates(need) if c.reachable]
        price_round = prices.send(need, asker, candidates)
        return need, list(price_round.requests.select_related("producer"))

    need, requests = ask("Cuisine collective de Verdun", "carotte")
    others = [r for r in requests if r.producer.slug != "ferme-menard-daoust"]
    if len(others) < 3 or len(requests) < 4:
        raise ValueError(f"demo price round: {len(requests)} producers asked, 4 needed")
    first, second, third = others[:3]
    prices.answer(
        first,
        unit_price=Decimal("1.85"),
        unit="kg",
        quantity=Decimal("25"),
        delivery_terms="Livré le mardi matin",
        message="Carottes de conservation, lavées.",
    )
    prices.answer(
        second,
        unit_price=Decimal("0.95"),
        unit="lb",
        quantity=Decimal("100"),
        delivery_terms="Cueillette à la ferme le samedi",
    )
    prices.decline(
        third, reason=PriceRequest.Reason.NO_STOCK, message="Tout est réservé jusqu'en mars."
    )
    prices.decide(need, [first.pk])
    for name, product, unit_price in (
        ("Banque alimentaire de LaSalle", "carotte", "2.05"),
        ("Centre communautaire de Pointe-Saint-Charles", "laitue", "1.75"),
    ):
        need, requests = ask(name, product)
        prices.answer(
            requests[0],
            unit_price=Decimal(unit_price),
            unit=need.unit,
            quantity=need.quantity,
            delivery_terms="Livraison possible le mardi",
        )


def at(days, hour):
    return timezone.make_aware(datetime.combine(day(days), time(hour)))


# (producer, product, quantity, unit, kind, price, quality, pickup place, posted (hours
# before now), first-claim minutes, pickup from, until (days, hour), expires (days, hour),
# claims: [(organisation, quantity, picked up)], closed by the producer)
LOTS = [
    (
        "ferme-menard-daoust",
        "carotte",
        200,
        "kg",
        "donation",
        None,
        "seconds",
        "Ferme Ménard-Daoust, 1250, rang Sainte-Thérèse, Saint-Rémi",
        3,
        30,
        (0, 8),
        (3, 17),
        (3, 17),
        [("Banque alimentaire de LaSalle", 60, True), ("Cuisine collective de LaSalle", 40, False)],
        False,
    ),
    (
        "verger-des-collines-de-hemmingford",
        "pomme",
        150,
        "kg",
        "reduced",
        "0.80",
        "seconds",
        "Verger des Collines, Hemmingford (kiosque)",
        26,
        30,
        (1, 9),
        (5, 16),
        (5, 16),
        [("CPE Les Petits Pommiers", 20, False), ("École primaire des Berges", 30, False)],
        False,
    ),
    (
        "ferme-avicole-sainte-martine",
        "oeufs",
        30,
        "dozen",
        "reduced",
        "2.50",
        "standard",
        "Ferme avicole Sainte-Martine, porte de l'entrepôt",
        20,
        30,
        (0, 9),
        (2, 12),
        (2, 12),
        [("Popote roulante de Côte-Saint-Paul", 30, True)],
        False,
    ),
    (
        # Just posted: organisations that need lettuce have the first claim for now.
        "les-jardins-lavigueur-et-filles",
        "laitue",
        40,
        "unit",
        "donation",
        None,
        "standard",
        "Les Jardins Lavigueur, serre no 2",
        0,
        240,
        (1, 8),
        (2, 12),
        (2, 12),
        [],
        False,
    ),
    (
        "les-jardins-lavigueur-et-filles",
        "radis",
        10,
        "bunch",
        "donation",
        None,
        "seconds",
        "Les Jardins Lavigueur, entrée du champ",
        30,
        30,
        (0, 8),
        (2, 12),
        (2, 12),
        [],
        True,
    ),
    (
        # Last week's: nobody came, it expired.
        "ferme-menard-daoust",
        "betterave",
        80,
        "kg",
        "donation",
        None,
        "processing",
        "Ferme Ménard-Daoust, 1250, rang Sainte-Thérèse, Saint-Rémi",
        24 * 8,
        30,
        (-7, 8),
        (-4, 17),
        (-4, 17),
        [],
        False,
    ),
]


def load_availability():
    """This week's availability of the producers that have members on the site, sent by a
    member through the one-minute form (its first offers, a little cheaper this week)."""
    from directory.models import Availability

    from . import access
    from .availability import rules as availability
    from .availability.forms import line_formset

    if Availability.objects.exists():
        return
    memberships = access.approved_memberships().filter(organisation__producer__isnull=False)
    for membership in memberships.select_related("organisation__producer", "user"):
        producer = membership.organisation.producer
        offers = list(producer.offers.filter(price__isnull=False).select_related("product")[:3])
        data = {
            "lines-TOTAL_FORMS": str(len(offers)),
            "lines-INITIAL_FORMS": "0",
        }
        for number, offer in enumerate(offers):
            data.update(
                {
                    f"lines-{number}-product": str(offer.product_id),
                    f"lines-{number}-quantity": str(20 * (number + 1)),
                    f"lines-{number}-unit": offer.unit,
                    f"lines-{number}-price": str(
                        (offer.price * Decimal("0.9")).quantize(Decimal("0.01"))
                    ),
                    f"lines-{number}-available_until": "",
                }
            )
        lines = line_formset(producer, [], data)
        if not lines.is_valid():
            raise ValueError(f"demo availability refused: {lines.errors}")
        availability.save_week(
            producer, lines.lines(), source=Availability.Source.SITE, by=membership.user
        )


def load_surplus():
    """Lots posted by the producers through the surplus form and rules (the organisations
    that need the product are told), claimed by organisations, some picked up."""
    from . import access
    from .models import SurplusLot
    from .surplus import rules as surplus
    from .surplus.forms import SurplusLotForm

    if SurplusLot.objects.exists():
        return
    members = {
        membership.organisation.name: membership.user
        for membership in access.approved_memberships().select_related("organisation", "user")
    }
    now = timezone.now()
    for (
        producer_slug,
        product,
        quantity,
        unit,
        kind,
        price,
        quality,
        place,
        hours_ago,
        first_claim,
        pickup_from,
        pickup_until,
        expires,
        claims,
        closed,
    ) in LOTS:
        producer = Producer.objects.get(slug=producer_slug)
        poster = members[producer.name]
        fields = {
            "product": Product.objects.get(slug=product),
            "quantity": Decimal(quantity),
            "unit": unit,
            "kind": kind,
            "price": Decimal(price) if price else None,
            "quality": quality,
            "pickup_place": place,
            "pickup_from": at(*pickup_from),
            "pickup_until": at(*pickup_until),
            "expires_at": at(*expires),
            "first_claim_minutes": first_claim,
        }
        if fields["expires_at"] > now:  # the form takes no lot already expired
            data = {name: "" if value is None else value for name, value in fields.items()}
            data["product"] = fields["product"].pk
            for name in ("pickup_from", "pickup_until", "expires_at"):
                data[name] = timezone.localtime(fields[name]).strftime("%Y-%m-%dT%H:%M")
            lot = submitted(SurplusLotForm(access.producers_of(poster), data))
        else:
            lot = SurplusLot(producer=producer, **fields)
        lot.posted_by = poster
        # Posted that many hours ago: the first-claim window of most is over.
        lot.created_at = now - timedelta(hours=hours_ago)
        surplus.post(lot)
        for name, claimed, picked_up in claims:
            claim = surplus.claim(lot, organisation(name), members[name], Decimal(claimed))
            if picked_up:
                surplus.confirm_pickup(claim, poster)
        if closed:  # as the lot's page closes it
            SurplusLot.objects.filter(pk=lot.pk).update(closed_at=now)


# (organisation, producer, product, quantity, unit, basis, from, until (days from today),
# price, notes, what became of it: "proposed", "countered" (terms changed by the producer,
# the organisation's turn), "accepted" (with deliveries that many weeks), "declined")
COMMITMENTS = [
    (
        "Cuisine collective de Verdun",
        "ferme-menard-daoust",
        "carotte",
        40,
        "kg",
        "week",
        -28,
        120,
        "1.90",
        "Carottes de conservation, livrées le mardi.",
        ("accepted", 3),
    ),
    (
        "CPE Les Petits Pommiers",
        "verger-des-collines-de-hemmingford",
        "pomme",
        15,
        "kg",
        "week",
        -14,
        90,
        "1.80",
        "",
        ("accepted", 2),
    ),
    (
        "Popote roulante de Côte-Saint-Paul",
        "ferme-avicole-sainte-martine",
        "oeufs",
        20,
        "dozen",
        "week",
        -21,
        120,
        "4.10",
        "",
        ("accepted", 3),
    ),
    (
        "Banque alimentaire de LaSalle",
        "ferme-menard-daoust",
        "pomme-de-terre",
        100,
        "kg",
        "week",
        7,
        150,
        "1.10",
        "Pour les paniers du mercredi.",
        ("proposed", 0),
    ),
    (
        "Cuisine collective de Verdun",
        "les-jardins-lavigueur-et-filles",
        "epinard",
        10,
        "kg",
        "week",
        14,
        100,
        "6.00",
        "",
        ("countered", 0),
    ),
    (
        "École primaire des Berges",
        "verger-des-collines-de-hemmingford",
        "jus-pomme",
        200,
        "l",
        "total",
        10,
        180,
        "3.00",
        "",
        ("declined", 0),
    ),
]


# Quality terms of two crop contracts (organisation, product), and how some of their
# deliveries were received (week before today: conformity, reason), logged by the buyer.
COMMITMENT_QUALITY = {
    ("Cuisine collective de Verdun", "carotte"): (
        {
            "grade": "standard",
            "calibre": "2 à 4 cm de diamètre",
            "packaging": "Sacs de 20 kg",
            "other_terms": "Lavées, sans fanes.",
        },
        {2: ("remarks", "Quelques carottes fendues dans deux sacs ; acceptées cette fois.")},
    ),
    ("CPE Les Petits Pommiers", "pomme"): (
        {
            "grade": "standard",
            "calibre": "65 mm et plus",
            "max_days_from_harvest": 30,
            "packaging": "Caisses de 18 kg, reprises à la livraison suivante",
            "other_terms": "Sans meurtrissures visibles : les pommes sont servies entières.",
        },
        {
            1: (
                "refused",
                "Pommes meurtries dans chaque caisse, plusieurs pourries au fond : "
                "reprises par le verger.",
            )
        },
    ),
}


def load_commitments():
    """Seasonal commitments proposed through the commitment form, answered by the
    producers through the rules (accepted, declined, or new terms sent back), deliveries
    logged against those accepted through the delivery form, received as they were or,
    for two crop contracts with quality terms, with remarks or refused."""
    from . import access
    from .commitments import rules as commitments
    from .commitments.forms import CommitmentForm, DeliveryForm
    from .models import Commitment

    if Commitment.objects.exists():
        return
    members = {
        membership.organisation.name: membership.user
        for membership in access.approved_memberships().select_related("organisation", "user")
    }
    for (
        name,
        producer_slug,
        product,
        quantity,
        unit,
        basis,
        starts,
        ends,
        price,
        notes,
        (fate, weeks_delivered),
    ) in COMMITMENTS:
        proposer = members[name]
        producer = Producer.objects.get(slug=producer_slug)
        quality, receptions = COMMITMENT_QUALITY.get((name, product), ({}, {}))
        form = CommitmentForm(
            access.buying_organisations(proposer),
            access.producers_of(proposer),
            {
                "organisation": organisation(name).pk,
                "producer": producer.pk,
                "product": Product.objects.get(slug=product).pk,
                "quantity": quantity,
                "unit": unit,
                "basis": basis,
                "starts_on": day(starts),
                "ends_on": day(ends),
                "price_per_unit": price,
                "notes": notes,
                **quality,
            },
        )
        commitment = commitments.propose(submitted(form), proposer)
        farmer = members[producer.name]
        if fate in ("accepted", "declined"):
            decision = "accept" if fate == "accepted" else "decline"
            commitment = commitments.answer(commitment, farmer, decision, commitment.terms_version)
        if fate == "countered":
            # Less, a little dearer: the organisation's turn to answer.
            terms = {"quantity": Decimal(quantity) * 4 / 5, "price_per_unit": Decimal(price) + 1}
            commitments.answer(commitment, farmer, "counter", commitment.terms_version, terms)
        for week in range(weeks_delivered, 0, -1):
            conformity, reason = receptions.get(week, ("accepted", ""))
            delivery = DeliveryForm(
                {
                    "delivered_on": day(-7 * week + 1),
                    "quantity": quantity,
                    "conformity": conformity,
                    "reason": reason,
                }
            )
            by = farmer if conformity == "accepted" else proposer
            commitments.log_delivery(commitment, by, **valid(delivery).cleaned_data)


# (event slug, registered (emails), of whom attended (past events only)
REGISTRATIONS = [
    (
        "atelier-conserves-automne",
        [
            "membre@salim.example",
            "banque-lasalle@salim.example",
            "cpe-pommiers@salim.example",
            "popote@salim.example",
            "cuisine-lasalle@salim.example",
            "centre-pointe@salim.example",
        ],
        5,
    ),
    (
        "visite-verger-hemmingford",
        [
            "cpe-pommiers@salim.example",
            "ecole-berges@salim.example",
            "banque-lasalle@salim.example",
            "centre-pointe@salim.example",
            "membre@salim.example",
        ],
        4,
    ),
    # Full: the demo member, last, is on the waiting list.
    (
        "atelier-legumes-declasses",
        [
            "cuisine-lasalle@salim.example",
            "popote@salim.example",
            "banque-lasalle@salim.example",
            "centre-pointe@salim.example",
            "cpe-pommiers@salim.example",
            "ecole-berges@salim.example",
            "membre@salim.example",
        ],
        0,
    ),
    (
        "cdp-acheter-ensemble",
        [
            "membre@salim.example",
            "banque-lasalle@salim.example",
            "popote@salim.example",
            "menard-daoust@salim.example",
        ],
        0,
    ),
    (
        "visite-ferme-menard-daoust",
        ["ecole-berges@salim.example", "cuisine-lasalle@salim.example"],
        0,
    ),
]


def load_registrations():
    """Members registered for the coming events as they register themselves, and for
    the past ones as the staff place someone (the window has closed), with the staff's
    attendance marks."""
    from .events import rules as events
    from .models import Registration

    if Registration.objects.exists():
        return
    EventPage = apps.get_model("cms", "EventPage")
    users = people()
    for slug, emails, attended in REGISTRATIONS:
        event = EventPage.objects.filter(slug=slug, locale__language_code="fr").first()
        if event is None:
            continue
        past = event.starts_at <= timezone.now()
        for index, email in enumerate(emails):
            registration = events.register(event, users[email], by_staff=past, language="fr")
            if index < attended:  # as the staff tick "attended" on the registration
                registration.attended = True
                registration.save(update_fields=["attended", "updated_at"])


def load_workspace():
    """A call logged with the demo kitchen, its follow-up and a learning, so that the staff's
    workspace shows what it is for."""
    from .models import FollowUp, Interaction, Learning

    editor = get_user_model().objects.filter(email="editrice@salim.example").first()
    kitchen = Organisation.objects.filter(name="Cuisine collective de Verdun").first()
    if Interaction.objects.exists() or editor is None or kitchen is None:
        return
    today = timezone.localdate()
    Interaction.objects.create(
        kind=Interaction.Kind.CALL,
        happened_on=today - timedelta(days=2),
        organisation=kitchen,
        people="Alex Gagnon",
        notes="Cherche des carottes de garde tout l'hiver, livrées le mardi. Budget serré.",
        logged_by=editor,
    )
    FollowUp.objects.create(
        what="Rappeler la cuisine après les premières réponses de producteurs",
        due_on=today + timedelta(days=5),
        organisation=kitchen,
        assigned_to=editor,
        created_by=editor,
    )
    Learning.objects.create(
        title="Les caisses consignées réduisent les coûts",
        topic=Learning.Topic.LOGISTICS,
        text="Plusieurs fermes reprennent leurs caisses vides à la livraison suivante: "
        "demander à l'avance évite l'achat de contenants jetables.",
        organisation=kitchen,
        written_by=editor,
    )
