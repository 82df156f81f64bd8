"""Pages as people see them: every public page type and the main members' pages, on a
phone (390 px) and on a laptop (1280 px), are no wider than the window and pass axe-core.

The content is a realistic worst case (long names, many offers, long addresses, a year
of prices), since a page that fits with one short offer proves nothing. Building it once
takes far longer than looking at a page, so the module's tests share one database: the
first test fills it and nothing is flushed until the module ends."""

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import PageViewRestriction

import pytest

from cms.models import (
    CarteDistributor,
    CarteProximitePage,
    EventQuestion,
    FundingDeadline,
    FundingGuidePage,
    FundingIndexPage,
    ProjectSummaryPage,
    ResourcePage,
)
from community.availability import rules as availability
from community.events import rules as registration
from community.freshness import rules as freshness_rules
from community.models import (
    Commitment,
    Deliverable,
    Delivery,
    ForumCategory,
    FreshnessCheck,
    Meeting,
    Membership,
    Need,
    PartnerCommitment,
    PartnerDelivery,
    PriceRequest,
    PriceRound,
    ProjectGroup,
)
from community.price_requests import rules as price_rules
from directory.demo_pictures import wagtail_image
from directory.models import DiscountTier, PriceObservation, Producer, ProducerPhoto

WIDTHS = {"phone": 390, "laptop": 1280}
# WIDTH_SHOTS=/some/folder keeps a full-page screenshot of each page, to look at.
SHOTS = os.environ.get("WIDTH_SHOTS")
LONG_URL = "https://www.quebec.ca/agriculture-environnement-et-ressources-naturelles/agriculture/aide-financiere-agriculture/programme-de-developpement-regional-et-sectoriel-volet-3"


@pytest.fixture
def db(django_db_setup, django_db_blocker):
    """This module's database is shared by its tests: writes are committed and stay."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def transactional_db(db):
    """The live server asks for a transactional database: here, the shared one."""


@pytest.fixture
def django_db_serialized_rollback(db):
    """Asked for so that pytest-django keeps what migrations wrote; shared restores it,
    once for the module."""


def flush():
    """Empty every table, as Django's transactional tests do after each test."""
    for connection in connections.all():
        call_command(
            "flush",
            database=connection.alias,
            interactive=False,
            reset_sequences=False,
            inhibit_post_migrate=True,
            verbosity=0,
        )


@pytest.fixture(scope="module")
def shared(browser, django_db_blocker, tmp_path_factory):
    """What the first test builds, for all. Before and after, the database is as a
    transactional test finds and leaves it: restored to what migrations wrote, emptied.
    The producers' photos live in a media folder of the module's own."""
    with django_db_blocker.unblock():
        for connection in connections.all():
            connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    store = {}
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield store
    with django_db_blocker.unblock():
        flush()


@pytest.fixture
def urls(request, shared, django_db_serialized_rollback):
    """{page name: (path, signed in)}, built by the first test that asks."""
    if not shared:
        shared.update(build_site(request.getfixturevalue))
    return shared


def signed_in_session(user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def build_site(fixture):
    """The site with long, many and full things in it; returns the pages to open."""
    home = fixture("home_pages")["fr"]
    fixture("footer")(
        "<p>Réseau SALIM · Écrivez-nous à "
        "<a href='mailto:coordination.approvisionnement@salim-grand-sud-ouest.example'>"
        "coordination.approvisionnement@salim-grand-sud-ouest.example</a></p>"
    )
    area = fixture("area_factory")
    category = fixture("category_factory")
    product = fixture("product_factory")
    producer = fixture("producer_factory")
    offer = fixture("offer_factory")
    board = fixture("board")
    today = timezone.localdate()

    # The directory: a big farm with many offers, markets, a year of prices.
    boroughs = [
        area(name)
        for name in (
            "Verdun",
            "Le Sud-Ouest",
            "LaSalle",
            "Côte-des-Neiges–Notre-Dame-de-Grâce",
            "Mercier–Hochelaga-Maisonneuve",
        )
    ]
    categories = [
        category(name_fr=name)
        for name in ("Légumes racines", "Légumes-feuilles et fines herbes", "Fruits", "Œufs")
    ]
    products = [
        product(name_fr=name, category=categories[number % 3])
        for number, name in enumerate(
            [
                "Carotte nantaise de conservation",
                "Betterave jaune",
                "Panais",
                "Rutabaga (navet jaune)",
                "Épinard",
                "Laitue frisée verte",
                "Chou kale (chou frisé)",
                "Persil plat",
                "Pomme Honeycrisp",
                "Bleuet sauvage du Lac-Saint-Jean",
                "Fraise d'automne",
                "Canneberge",
                "Topinambour",
                "Céleri-rave",
                "Oignon jaune espagnol",
                "Ail du Québec",
                "Poireau",
                "Courge musquée (butternut)",
            ]
        )
    ]
    products.append(product(name_fr="Œufs de poules élevées en liberté", category=categories[3]))
    farm = producer(
        name="Ferme maraîchère biologique des Jardins de la Rivière-Châteauguay et fils",
        kind=Producer.Kind.MARKET_GARDEN,
        address="1234, rang de la Rivière-des-Outaouais Nord, bureau 200",
        city="Sainte-Martine",
        postal_code="J0S 1V0",
        area=boroughs[1],
        phone="+1 450-555-0199 poste 2345",
        email="commandes.institutionnelles@jardinsdelariviere-chateauguay.example",
        website=LONG_URL,
        description=(
            "Ferme familiale en régie biologique depuis 1987, sur 40 hectares le long de la "
            "rivière Châteauguay. Fiche technique : " + LONG_URL
        ),
        delivery_days="Mardi et jeudi matin, de 6 h à 11 h, sauf les jours fériés",
        delivery_areas=boroughs,
        pickup_available=True,
        pickup_details="Au kiosque de la ferme, du lundi au samedi de 8 h à 18 h, sur rendez-vous",
        minimum_order=Decimal("150"),
        order_lead_time_days=3,
        orders_by_phone=True,
        orders_by_email=True,
        orders_by_website=True,
        accepts_carte_proximite=True,
        open_to_donations=True,
        open_to_gleaning=True,
        certifications=[fixture("certification_factory")()],
    )
    # Photos as producers send them: wide, tall, and more than a page shows at once.
    farm.photos = [
        ProducerPhoto(
            image=wagtail_image(f"Photo {number}", scene, number), alt_text=alt, sort_order=number
        )
        for number, (scene, alt) in enumerate(
            [
                ("field", "Les rangs de carottes et de poireaux le long de la rivière Châteauguay"),
                ("greens", "La serre froide en novembre"),
                ("market", "Le kiosque de la ferme un samedi d'août"),
                ("orchard", "Le verger derrière la grange"),
            ]
        )
    ]
    farm.save()
    for number, item in enumerate(products):
        offer(
            producer=farm,
            product=item,
            price=f"{2 + number * 0.37:.2f}",
            unit=["kg", "lb", "bunch", "dozen"][number % 4],
            months=range(1 + number % 6, 13 - number % 4),
            grade=["standard", "seconds", "premium", "processing"][number % 4],
            weekly_capacity=Decimal(120 + number * 35),
            organic=number % 2 == 0,
            price_seen_on=today - timedelta(days=20 * number),
        )
    DiscountTier.objects.create(producer=farm, min_quantity=50, unit="kg", percent=5)
    DiscountTier.objects.create(producer=farm, min_quantity=200, unit="kg", percent=12.5)
    market = producer(
        name="Marché public solidaire de la Pointe-Saint-Charles et du canal de Lachine",
        kind=Producer.Kind.PUBLIC_MARKET,
        area=boroughs[1],
        address="2222, rue Centre (stationnement de l'église Saint-Charles)",
        city="Montréal",
        opening_hours="Jeudi de 14 h à 19 h\nSamedi de 9 h à 15 h (sauf les longs week-ends)",
        season_start=today.replace(month=6, day=1),
        season_end=today.replace(month=10, day=31),
        accepts_carte_proximite=True,
        categories_sold=categories,
    )
    for number in range(1, 12):
        producer(
            name=f"Verger et cidrerie artisanale de la Montérégie-Ouest no {number}",
            kind=Producer.Kind.ORCHARD,
            area=boroughs[number % 5],
            city="Saint-Antoine-Abbé",
            accepts_carte_proximite=number % 2 == 0,
            delivery_areas=boroughs[:2],
        )
    compared = products[0]
    for months_ago in range(12):
        seen = today - timedelta(days=30 * months_ago + 5)
        PriceObservation.objects.create(
            product=compared, observed_on=seen, price=Decimal("2.10") + months_ago % 4, unit="kg"
        )
        PriceObservation.objects.create(
            product=compared,
            observed_on=seen,
            price=Decimal("3.45") + months_ago % 3,
            unit="kg",
            origin=Producer.DistanceClass.IMPORTED,
            source="Relevé en épicerie, Californie",
        )
    for number in range(14):
        offer(
            producer=producer(name=f"Coopérative de producteurs maraîchers no {number}"),
            product=compared,
            price=f"{1.5 + number / 10:.2f}",
        )

    # Pages: a standard page, events, resources, funding, the Carte proximité guide.
    standard = fixture("page_factory")(
        title_fr="Notre réseau d'approvisionnement alimentaire de proximité et solidaire",
        intro_fr="Pour en savoir plus sur le programme : " + LONG_URL,
    )["fr"]
    event = fixture("event_factory")
    visit = event(
        title="Visite de ferme : la conservation des légumes racines en chambre froide",
        place_name="Ferme maraîchère biologique des Jardins de la Rivière-Châteauguay",
        address="1234, rang de la Rivière-des-Outaouais Nord, Sainte-Martine (Québec) J0S 1V0",
        intro="Une demi-journée pour voir comment une ferme garde ses carottes jusqu'en mai.",
        producer=farm,
    )
    EventQuestion.objects.create(
        page=visit, label="Avez-vous des besoins d'accessibilité ou des allergies ?"
    )
    for number in range(5):
        event(
            title=f"Atelier de la communauté de pratique sur les achats regroupés no {number}",
            starts_in=timedelta(days=7, hours=number),
        )
    registration.register(visit, board["cook"])
    # A full workshop the cook waits for, third in line.
    full = event(title="Atelier complet : les conserves de tomates", capacity=1)
    for _ in range(3):
        registration.register(full, fixture("user_factory")())
    waiting = registration.register(full, board["cook"])
    # An account that asked to join and is no member yet.
    newcomer = fixture("user_factory")(first_name="Nadia")
    Membership.objects.create(user=newcomer, organisation=board["kitchen"])
    month = timezone.localtime(visit.starts_at).strftime("%Y-%m")

    library = fixture("library")
    resource = library.add_child(
        instance=ResourcePage(
            title="Gabarit de bon de commande regroupé pour les cuisines collectives",
            slug="gabarit-commande",
            summary="Un tableur pour additionner les commandes de plusieurs organismes.",
            link=LONG_URL,
        )
    )
    resource.save_revision().publish()
    members_page, _document = fixture("members_resource")
    committee = fixture("page_factory")(title_fr="Page du comité de pilotage")["fr"]
    PageViewRestriction.objects.create(
        page=committee, restriction_type=PageViewRestriction.PASSWORD, password="potager"
    )
    funding = home.add_child(instance=FundingIndexPage(title="Financement", slug="financement"))
    funding.save_revision().publish()
    guide = funding.add_child(
        instance=FundingGuidePage(
            title="Programme de développement régional et sectoriel, volet 3",
            slug="pdrs-volet-3",
            funder="Ministère de l'Agriculture, des Pêcheries et de l'Alimentation du Québec",
            programme="Programme de développement régional et sectoriel",
            amounts="Jusqu'à 50 % des dépenses admissibles, maximum 100 000 $ par projet",
            summary="Pour les projets collectifs de mise en marché de proximité.",
            link=LONG_URL,
        )
    )
    guide.save_revision().publish()
    FundingDeadline.objects.create(page=guide, date=today + timedelta(days=20))
    carte = home.add_child(
        instance=CarteProximitePage(
            title="La Carte proximité", slug="carte-proximite", intro="Où dépenser la carte."
        )
    )
    carte.save_revision().publish()
    CarteDistributor.objects.create(
        page=carte,
        name="Centre communautaire d'aide alimentaire de la Pointe-Saint-Charles",
        area=boroughs[1],
        address="1955, rue du Centre, local 105",
        phone="514 555-0142",
        hours="Lundi et mercredi de 13 h à 16 h 30",
    )

    # The members' side: needs, buying together, surplus, commitments, forums.
    kitchen = board["kitchen"]
    kitchen.website = LONG_URL
    kitchen.save()
    other_kitchen = fixture("organisation_factory")(
        name="Regroupement des cuisines collectives de Côte-des-Neiges–Notre-Dame-de-Grâce",
        borough=boroughs[3],
    )
    # The need's suggestions: how to order with a long address, a case of unknown
    # weight from an importer with a long name (price not comparable, imported).
    ordering = board["farm"]
    ordering.website, ordering.ordering_platform = LONG_URL, "Maturin (plateforme des producteurs)"
    ordering.phone, ordering.order_lead_time_days = "450 555-0101", 2
    ordering.minimum_order = Decimal("150")
    ordering.email = "commandes.maraicheres.de.la.ferme.lebeau@lebeau.example"
    ordering.orders_by_phone = ordering.orders_by_email = True
    ordering.save()
    fixture("offer_factory")(
        producer=fixture("producer_factory")(
            name="Importations internationales de fruits et légumes Soleil-Levant",
            kind="importer",
            distance_class="imported",
            pickup_available=True,
            pickup_details="Quai de chargement no 4, 9100, rue de l'Acadie, de 6 h à 11 h",
        ),
        product=board["carrots"],
        unit="case",
        price="38.50",
        weekly_capacity="120",
    )
    need = Need.objects.create(
        organisation=kitchen,
        posted_by=board["cook"],
        product=board["carrots"],
        quantity=Decimal("40"),
        unit="kg",
        wanted_from=today,
        wanted_until=today + timedelta(days=120),
        budget_per_unit=Decimal("2.50"),
        buy_together=True,
        notes="Livraison par la porte arrière, rue Wellington. " + LONG_URL,
    )
    Need.objects.create(
        organisation=other_kitchen,
        posted_by=fixture("member_factory")(organisation=other_kitchen),
        product=board["carrots"],
        quantity=Decimal("75"),
        unit="kg",
        wanted_from=today,
        wanted_until=today + timedelta(days=90),
        buy_together=True,
    )
    # A price request round for the need: the big farm answered in pounds with long terms,
    # the board's farm declined, the far farm waits (no address: its phone is shown).
    price_round = PriceRound.objects.create(need=need, sent_by=board["cook"])
    answered = PriceRequest.objects.create(
        round=price_round,
        producer=farm,
        status="answered",
        unit_price=Decimal("1.10"),
        unit="lb",
        quantity=Decimal("35.5"),
        delivery_terms="Livraison le mardi et le jeudi avant 10 h, minimum 25 kg, caisses consignées",
        message="Carottes de conservation lavées, calibre moyen. " + LONG_URL,
        answered_at=timezone.now(),
    )
    PriceRequest.objects.create(
        round=price_round,
        producer=board["farm"],
        status="declined",
        decline_reason="no_stock",
        message="Plus de stock après le gel de septembre.",
        answered_at=timezone.now(),
    )
    unanswered = PriceRequest.objects.create(
        round=price_round, producer=Producer.objects.get(name="Ferme Lointaine")
    )
    lot = fixture("lot_factory")(
        pickup_place="Kiosque de la ferme, 12 rang Saint-Paul, Sainte-Martine (derrière la grange)",
        notes="Carottes déclassées (fourchues), parfaites pour la soupe. " + LONG_URL,
    )
    commitment = Commitment.objects.create(
        organisation=kitchen,
        producer=board["farm"],
        product=board["carrots"],
        quantity=Decimal("40"),
        unit="kg",
        basis=Commitment.Basis.WEEK,
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=150),
        price_per_unit=Decimal("2.10"),
        notes="Livraison le mardi matin. " + LONG_URL,
        grade="seconds",
        calibre="2 à 4 cm de diamètre, sans carottes fourchues ni fendues",
        max_days_from_harvest=5,
        packaging="Sacs de 20 kg en filet, étiquetés avec la date de récolte",
        other_terms="Lavées, sans fanes. " + LONG_URL,
        status=Commitment.Status.ACCEPTED,
        proposed_by=board["cook"],
        decided_at=timezone.now() - timedelta(days=31),
    )
    Delivery.objects.create(
        commitment=commitment,
        delivered_on=today - timedelta(days=7),
        quantity=Decimal("40"),
        logged_by=board["farmer"],
    )
    # This week's availability: the big farm's long-named products, and the board's farm
    # (whose member opens the one-minute form) beside it on the compared product's page.
    line = {"quantity": Decimal("1250.5"), "unit": "dozen", "price": Decimal("1234.56")}
    availability.save_week(
        farm, [{"product": p, **line} for p in [compared, *products[-4:]]], source="site"
    )
    availability.save_week(
        board["farm"],
        [{"product": compared, **line}, {"product": board["carrots"], **line}],
        source="site",
    )
    # Refused for quality, with a long reason and a photo (its link: no file needed).
    Delivery.objects.create(
        commitment=commitment,
        delivered_on=today - timedelta(days=1),
        quantity=Decimal("40"),
        conformity=Delivery.Conformity.REFUSED,
        reason="Carottes molles et terreuses dans la moitié des sacs. " + LONG_URL,
        photo="commitments/deliveries/0123456789abcdef.png",
        logged_by=board["cook"],
    )
    topic = fixture("topic_factory")(
        title="Qui a des carottes de conservation en mars pour une cuisine de 200 repas ?",
        posts=[
            (board["cook"], "Nous cherchons **40 kg par semaine**. Voir " + LONG_URL),
            (board["farmer"], "> Nous cherchons 40 kg\n\nNous en avons, à Sainte-Martine."),
            (board["colleague"], "```\ncarottes;kg;semaine;prix;livraison;organisme;notes\n```"),
        ],
        category=fixture("forum_category_factory")(
            name_fr="Approvisionnement et achats regroupés entre organismes"
        ),
    )

    # A project the kitchen leads, with a long plan: its timeline scrolls in its own box.
    project = fixture("project_factory")(
        kitchen,
        partners=[
            (board["farmer"].memberships.get().organisation, "farmer"),
            (other_kitchen, "ngo"),
        ],
        name="Relocalisons la restauration collective des écoles et des CPE du Grand Sud-Ouest",
        funders=["Ministère de l'Agriculture, des Pêcheries et de l'Alimentation du Québec"],
    )
    action = fixture("action_factory")
    for number in range(12):
        planned = action(
            project,
            title=f"Cartographie des fermes maraîchères à moins de 150 km, étape {number}",
            owner_person=board["cook"],
            starts_on=today - timedelta(days=60 - 10 * number),
            due_on=today + timedelta(days=-20 + 15 * number),
            status=["planned", "in_progress", "done"][number % 3],
        )
        if number % 4 == 0:
            Deliverable.objects.create(
                action=planned,
                title="Rapport de diagnostic des approvisionnements des cantines scolaires",
                owner=kitchen,
                due_on=planned.due_on,
                link=LONG_URL,
            )

    # The partners' commitments, one of them behind, and the project's public summary.
    farm_partner = project.partners.get(role="farmer")
    volume = PartnerCommitment.objects.create(
        partner=farm_partner,
        kind="volume",
        quantity=Decimal("12500"),
        unit="kg",
        due_on=project.ends_on,
        description="Légumes racines de conservation pour les cantines scolaires. " + LONG_URL,
    )
    for number in range(4):
        PartnerDelivery.objects.create(
            commitment=volume,
            delivered_on=today - timedelta(days=10 * number),
            quantity=Decimal("150.5"),
            note="Carottes nantaises et betteraves jaunes livrées à la cuisine centrale",
        )
    PartnerCommitment.objects.create(
        partner=project.partners.get(role="ngo"),
        kind="money",
        quantity=Decimal("125000"),
        due_on=today + timedelta(days=30),
    )
    summary = home.add_child(
        instance=ProjectSummaryPage(
            title="Relocaliser la restauration collective du Grand Sud-Ouest : où en sommes-nous ?",
            slug="projet-restauration-collective",
            intro="Le projet en bref. " + LONG_URL,
            project=project,
            shows_late_items=True,
        )
    )
    summary.save_revision().publish()
    # Its steering committee, with a meeting that decided actions, and one to come.
    group = ProjectGroup.objects.create(
        project=project, kind="steering", name="Comité de pilotage de la restauration collective"
    )
    group.members.set([board["cook"], board["farmer"]])
    ForumCategory.objects.create(project_group=group, name_fr=f"{group.name} · forum")
    met = Meeting.objects.create(
        group=group,
        starts_at=timezone.now() - timedelta(days=7),
        ends_at=timezone.now() - timedelta(days=7, hours=-2),
        place="Cuisine collective de Verdun, 5955 rue Bannantyne, salle communautaire du fond",
        video_link=LONG_URL,
        agenda="1. Bilan du diagnostic des approvisionnements\n2. Contrats de culture\n" * 3,
        minutes="Le comité a pris connaissance du rapport de diagnostic. " * 12,
        minutes_published_at=timezone.now(),
        attendance_recorded=True,
    )
    met.attendees.set([board["cook"], board["farmer"]])
    met.decisions.create(text="Le modèle de contrat de culture sera testé avec deux fermes. " * 3)
    for number in range(2):
        action(
            project,
            title=f"Demander un devis de location d'un camion réfrigéré {number}",
            owner_person=board["cook"],
            meeting=met,
        )
    Meeting.objects.create(
        group=group,
        starts_at=timezone.now() + timedelta(days=14),
        ends_at=timezone.now() + timedelta(days=14, hours=2),
        place="Centre communautaire de Pointe-Saint-Charles",
    )
    # The big farm was asked whether its entry is still right.
    freshness_token = freshness_rules.token_for(FreshnessCheck.objects.create(producer=farm))

    with translation.override("fr"):

        def url(name, *args):
            return reverse(name, args=args)

        public = {
            "home": "/fr/",
            "standard-page": standard.url,
            "untranslated": f"{standard.url}?untranslated=en",  # the switcher's notice
            "events": visit.get_parent().url,
            "events-month": f"{visit.get_parent().url}?month={month}",
            "event": visit.url,
            "resources": library.url,
            "resource": resource.url,
            "funding": funding.url,
            "funding-guide": guide.url,
            "carte": carte.url,
            "carte-print": f"{carte.url}?borough={boroughs[1].slug}&print=1",
            "search": url("search") + "?q=carotte",
            "producers": url("directory:producer_list"),
            "producers-filtered": url("directory:producer_list")
            + f"?q=verger&carte=on&area={boroughs[0].slug}",
            "producer": farm.get_absolute_url(),
            "market": market.get_absolute_url(),
            "product": compared.get_absolute_url(),
            "in-season": url("directory:in_season"),
            "figures": url("community:network_figures"),
            "sign-in": url("account_login"),
            "sign-up": url("account_signup"),
            "not-found": "/fr/cette-page-n-existe-pas/",
            "password-required": committee.url,
            "bad-request": url("search") + "?q=%00",
            "price-answer": url("community:price_answer", need.pk, price_rules.token_for(answered)),
            "price-link-refused": url("community:price_answer", need.pk, "pas-un-jeton"),
            "project-summary": summary.url,
            "availability-link": url(
                "community:availability_link", farm.pk, availability.token_for(farm)
            ),
            "availability-link-refused": url(
                "community:availability_link", farm.pk, "pas-un-jeton"
            ),
            "freshness-check": url("community:freshness_check", farm.pk, freshness_token),
            "freshness-change": url("community:freshness_change", farm.pk, freshness_token),
            "freshness-link-refused": url("community:freshness_check", farm.pk, "pas-un-jeton"),
        }
        members = {
            "my-space": url("community:my_space"),
            "my-space-producer": url("community:my_space"),
            "account": url("community:account"),
            "my-events": url("community:my_events"),
            "forums": url("community:forum_index"),
            "forum-category": url("community:forum_category", topic.category.pk),
            "forum-topic": url("community:forum_topic", topic.pk),
            "needs": url("community:need_list"),
            "need": url("community:need_detail", need.pk),
            "need-form": url("community:need_create"),
            "price-send": url("community:price_request_send", need.pk),
            "price-compare": url("community:price_request_compare", need.pk),
            "price-phone": url("community:price_request_phone", unanswered.pk),
            "buying-together": url("community:buying_together"),
            "surplus": url("community:surplus_list"),
            "surplus-lot": url("community:surplus_detail", lot.pk),
            "commitments": url("community:commitment_list"),
            "commitment": url("community:commitment_detail", commitment.pk),
            "commitments-producer": url("community:commitment_list"),
            "organisations": url("community:organisation_list"),
            "organisation": url("community:organisation_detail", kitchen.pk),
            "project": url("community:project_detail", project.pk),
            "project-action-form": url("community:project_action_edit", planned.pk),
            "project-commitment-form": url("community:project_commitment_create", project.pk),
            "project-delivery-form": url("community:project_delivery_create", volume.pk),
            "project-delete": url("community:work_package_delete", planned.work_package_id),
            "project-group": url("community:project_group", group.pk),
            "meeting": url("community:meeting_detail", met.pk),
            "meeting-minutes-form": url("community:meeting_minutes", met.pk),
            "project-report": url("community:project_report", project.pk),
            "forbidden": url("community:producer_entry"),  # the cook acts for no farm
            "availability": url("community:availability"),
            "cancel-registration": url("community:registration_cancel", waiting.pk),
        }
        not_members = {
            "not-a-member": url("community:forum_index"),
            "not-a-member-page": members_page.url,
        }
    cook, farmer = signed_in_session(board["cook"]), signed_in_session(board["farmer"])
    pages = {name: (path, None) for name, path in public.items()}
    pages.update({name: (path, cook) for name, path in members.items()})
    newcomer_session = signed_in_session(newcomer)
    pages.update({name: (path, newcomer_session) for name, path in not_members.items()})
    pages["commitments-producer"] = (members["commitments-producer"], farmer)  # weeks table
    pages["my-space-producer"] = (members["my-space-producer"], farmer)  # needs for the farm
    pages["availability"] = (members["availability"], farmer)  # the farm's week
    # The plan's forms are the lead organisation's coordinators'.
    coordinator = fixture("member_factory")(organisation=kitchen, role="admin", first_name="Inès")
    coordinator_session = signed_in_session(coordinator)
    for name in (
        "project-action-form",
        "project-commitment-form",
        "project-delivery-form",
        "project-delete",
        "meeting-minutes-form",
        "project-report",  # the coordinators' own: the other partners get the 403 page
    ):
        pages[name] = (members[name], coordinator_session)
    return pages


PUBLIC = [
    "home",
    "standard-page",
    "untranslated",
    "events",
    "events-month",
    "event",
    "resources",
    "resource",
    "funding",
    "funding-guide",
    "carte",
    "carte-print",
    "search",
    "producers",
    "producers-filtered",
    "producer",
    "market",
    "product",
    "in-season",
    "figures",
    "sign-in",
    "sign-up",
    "not-found",
    "bad-request",
    "password-required",
    "price-answer",
    "price-link-refused",
    "project-summary",
    "availability-link",
    "availability-link-refused",
    "freshness-check",
    "freshness-change",
    "freshness-link-refused",
]
MEMBERS = [
    "my-space",
    "my-space-producer",
    "account",
    "my-events",
    "forums",
    "forum-category",
    "forum-topic",
    "needs",
    "need",
    "need-form",
    "price-send",
    "price-compare",
    "price-phone",
    "buying-together",
    "surplus",
    "surplus-lot",
    "commitments",
    "commitment",
    "commitments-producer",
    "organisations",
    "organisation",
    "project",
    "project-action-form",
    "project-commitment-form",
    "project-delivery-form",
    "project-delete",
    "project-group",
    "meeting",
    "meeting-minutes-form",
    "project-report",
    "forbidden",
    "availability",
    "cancel-registration",
    "not-a-member",
    "not-a-member-page",
]


# The friendly error pages are pages too.
STATUS = {
    "not-found": 404,
    "bad-request": 400,
    "price-link-refused": 400,
    "availability-link-refused": 400,
    "freshness-link-refused": 400,
    "forbidden": 403,
    "not-a-member": 403,
    "not-a-member-page": 403,
}


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("name", PUBLIC + MEMBERS)
def test_the_page_fits_the_window_and_passes_axe(name, width, urls, browser, live_server, axe):
    path, session = urls[name]
    context = browser.new_context(
        base_url=live_server.url, locale="fr-CA", viewport={"width": width, "height": 900}
    )
    if session:
        context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        response = page.goto(path)
        assert response.status == STATUS.get(name, 200), path
        assert session is None or "/comptes/login/" not in page.url, "not signed in"
        if SHOTS:
            page.screenshot(path=Path(SHOTS) / f"{name}-{width}.png", full_page=True)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, (
            f"{path} is {scroll_width} px wide in a {width} px window: "
            + page.evaluate(WIDEST_SCRIPT)
        )
        axe(page)
        text = page.evaluate(READ_TEXT_SCRIPT)
        for wrong in WRONG_FRENCH:
            assert wrong not in text, f"{path} reads “{wrong}”"
    finally:
        context.close()


def test_the_month_grid_and_the_price_chart_read_on_a_phone(urls, browser, live_server):
    """At 390 px the twelve months of the grid fit beside the product names, and the price
    chart's labels keep a readable size (its box scrolls rather than shrinking them)."""
    context = browser.new_context(
        base_url=live_server.url, locale="fr-CA", viewport={"width": 390, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(urls["producer"][0])
        december = page.locator(".season-grid thead th").last
        assert december.bounding_box()["x"] + december.bounding_box()["width"] <= 390
        page.goto(urls["product"][0])
        label = page.locator(".price-chart__label").first
        assert label.bounding_box()["height"] >= 10, "the chart's labels are too small to read"
    finally:
        context.close()


# Units are written as people write them ("40 kg"), and French contracts its articles:
# a value slotted into "de %(x)s" must not read "de le producteur".
WRONG_FRENCH = ["kilogramme", "de le ", "à le ", "de les ", "à les "]
# The page's text without form fields (a unit's choices may name it in full).
READ_TEXT_SCRIPT = """() => {
    const main = document.querySelector("main").cloneNode(true);
    main.querySelectorAll("select, textarea, input").forEach((field) => field.remove());
    return main.textContent.replace(/\\s+/g, " ");
}"""


# Names what sticks out of the window (what a scrolling box clips does not count), to
# say what to fix.
WIDEST_SCRIPT = """() => {
    const fits = (element) => element.getBoundingClientRect().right <= window.innerWidth + 1;
    const clipped = (element) => {
        if (getComputedStyle(element).position === "absolute") return false;
        for (let box = element.parentElement; box; box = box.parentElement) {
            if (getComputedStyle(box).overflowX !== "visible" && fits(box)) return true;
        }
        return false;
    };
    const out = [];
    for (const element of document.querySelectorAll("body *")) {
        if (!fits(element) && !clipped(element) && (!element.parentElement || fits(element.parentElement) || element.children.length === 0)) {
            const right = Math.round(element.getBoundingClientRect().right);
            out.push(`${element.tagName.toLowerCase()}.${element.className} (${right} px)`);
            if (out.length === 6) break;
        }
    }
    return out.join(", ");
}"""
