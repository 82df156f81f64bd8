"""Demo pages for the Grand Sud-Ouest network, in French and English (see the
load_demo_content command)."""

from datetime import datetime, time, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, PageViewRestriction, Site

from directory.demo_pictures import wagtail_image
from directory.models import Area, Producer

from .models import (
    CarteDistributor,
    CarteProximitePage,
    EventIndexPage,
    EventPage,
    FooterText,
    FundingDeadline,
    FundingGuidePage,
    FundingIndexPage,
    HomePage,
    NavigationLink,
    NavigationSettings,
    ResourceDocument,
    ResourceIndexPage,
    ResourcePage,
    StandardPage,
)


def paragraphs(*texts):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


HOME = {
    "fr": {
        "title": "Manger local, ensemble",
        "slug": "accueil",
        "intro": (
            "SALIM relie les organismes communautaires du Grand Sud-Ouest de Montréal aux "
            "productrices et producteurs d'ici : trouver qui cultive quoi, acheter ensemble, "
            "apprendre les uns des autres."
        ),
        "body": [
            {"type": "heading", "value": {"text": "Ce que le réseau offre", "level": "h2"}},
            *paragraphs(
                "Un répertoire public des fermes, transformateurs et marchés de la région, "
                "avec leurs saisons, leurs prix et leurs façons de commander.",
                "Des ateliers et des visites de fermes pour la communauté de pratique des "
                "banques alimentaires, cuisines collectives, garderies et écoles.",
                "Des tableaux de besoins où les organismes disent ce qu'ils veulent acheter, "
                "pour être mis en lien avec les producteurs et regrouper leurs achats.",
            ),
            {
                "type": "quote",
                "value": {
                    "text": "Acheter local, c'est aussi bâtir des liens durables entre la ville et la campagne.",
                    "attribution": "Une cuisine collective de Verdun",
                },
            },
        ],
    },
    "en": {
        "title": "Eating local, together",
        "slug": "home",
        "intro": (
            "SALIM connects community organisations in Montréal's Grand Sud-Ouest with local "
            "farmers and food producers: find who grows what, buy together, learn from each other."
        ),
        "body": [
            {"type": "heading", "value": {"text": "What the network offers", "level": "h2"}},
            *paragraphs(
                "A public directory of the region's farms, processors and markets, with their "
                "seasons, prices and ways to order.",
                "Workshops and farm visits for the community of practice of food banks, "
                "community kitchens, daycares and schools.",
                "Needs boards where organisations say what they want to buy, to be connected "
                "with producers and pool their purchases.",
            ),
            {
                "type": "quote",
                "value": {
                    "text": "Buying local also builds lasting ties between the city and the countryside.",
                    "attribution": "A community kitchen in Verdun",
                },
            },
        ],
    },
}

PAGES = [
    {
        "fr": {
            "title": "À propos du réseau",
            "slug": "a-propos",
            "intro": "Un réseau territorial pour un approvisionnement alimentaire local, juste et durable.",
            "body": paragraphs(
                "SALIM réunit des organismes communautaires de Verdun, LaSalle, Lachine, du "
                "Sud-Ouest et de Côte-Saint-Paul autour d'une même idée : nourrir les "
                "familles avec des aliments d'ici.",
                "Notre spécialiste en approvisionnement tient à jour l'information sur les "
                "fournisseurs et les besoins, et anime une communauté de pratique. Les "
                "organismes gardent le contrôle de leurs achats : le réseau informe, relie et "
                "mutualise, il ne commande jamais à leur place.",
            ),
        },
        "en": {
            "title": "About the network",
            "slug": "about",
            "intro": "A territorial network for local, fair and sustainable food supply.",
            "body": paragraphs(
                "SALIM brings together community organisations from Verdun, LaSalle, Lachine, "
                "the Sud-Ouest and Côte-Saint-Paul around one idea: feeding families with "
                "food grown close to home.",
                "Our procurement specialist keeps supplier and needs information up to date "
                "and animates a community of practice. Organisations keep control of their "
                "own purchasing: the network informs, connects and pools, and never orders "
                "on anyone's behalf.",
            ),
        },
    },
    {
        "fr": {
            "title": "Devenir membre",
            "slug": "devenir-membre",
            "intro": "Organismes communautaires et producteurs de la région : joignez-vous au réseau.",
            "body": paragraphs(
                "Créez un compte avec votre adresse courriel, puis demandez à rejoindre votre "
                "organisme. Une fois votre adhésion approuvée, vous pourrez vous inscrire aux "
                "ateliers, lire les ressources réservées aux membres et participer aux forums.",
            ),
        },
        "en": {
            "title": "Become a member",
            "slug": "become-a-member",
            "intro": "Community organisations and local producers: join the network.",
            "body": paragraphs(
                "Create an account with your email address, then ask to join your "
                "organisation. Once your membership is approved, you can register for "
                "workshops, read members-only resources and take part in the forums.",
            ),
        },
    },
    {
        "fr": {
            "title": "Nous joindre",
            "slug": "nous-joindre",
            "intro": "Une question sur le réseau, un produit à proposer, un besoin à partager ?",
            "body": paragraphs(
                "Écrivez à notre spécialiste en approvisionnement : "
                '<a href="mailto:approvisionnement@salim.example">approvisionnement@salim.example</a>.',
                "Nous répondons du lundi au jeudi, de 9 h à 17 h.",
            ),
        },
        "en": {
            "title": "Contact us",
            "slug": "contact",
            "intro": "A question about the network, a product to offer, a need to share?",
            "body": paragraphs(
                "Write to our procurement specialist: "
                '<a href="mailto:approvisionnement@salim.example">approvisionnement@salim.example</a>.',
                "We answer Monday to Thursday, 9 a.m. to 5 p.m.",
            ),
        },
    },
]

EVENTS_INDEX = {
    "fr": {
        "title": "Ateliers et visites",
        "slug": "ateliers-et-visites",
        "intro": "Ateliers, visites de fermes et rencontres de la communauté de pratique.",
    },
    "en": {
        "title": "Workshops and visits",
        "slug": "workshops-and-visits",
        "intro": "Workshops, farm visits and community-of-practice meetings.",
    },
}

# (days from today, start hour, hours, kind, audience, capacity, producer slug, fr, en)
EVENTS = [
    (
        14,
        9,
        6,
        "farm_visit",
        "public",
        20,
        "ferme-menard-daoust",
        {
            "title": "Visite de la Ferme Ménard-Daoust",
            "slug": "visite-ferme-menard-daoust",
            "intro": "Une journée à Saint-Rémi : champs de légumes racines, entreposage d'hiver et discussion sur les achats en volume.",
            "place_name": "Ferme Ménard-Daoust, Saint-Rémi",
        },
        {
            "title": "Visit of Ferme Ménard-Daoust",
            "slug": "visit-ferme-menard-daoust",
            "intro": "A day in Saint-Rémi: root-vegetable fields, winter storage and a talk about buying in volume.",
            "place_name": "Ferme Ménard-Daoust, Saint-Rémi",
        },
    ),
    (
        21,
        13,
        3,
        "workshop",
        "public",
        6,
        None,
        {
            "title": "Atelier : cuisiner les légumes déclassés",
            "slug": "atelier-legumes-declasses",
            "intro": "Transformer les légumes de deuxième choix en soupes et conserves, avec une cuisine collective de Verdun.",
            "place_name": "Cuisine collective de Verdun",
        },
        {
            "title": "Workshop: cooking cosmetic seconds",
            "slug": "workshop-cosmetic-seconds",
            "intro": "Turning second-grade vegetables into soups and preserves, with a Verdun community kitchen.",
            "place_name": "Verdun community kitchen",
        },
    ),
    (
        10,
        10,
        2,
        "peer_session",
        "members",
        25,
        None,
        {
            "title": "Communauté de pratique : acheter ensemble",
            "slug": "cdp-acheter-ensemble",
            "intro": "Rencontre des membres : regrouper les achats de légumes d'hiver entre organismes.",
            "place_name": "Centre communautaire de Pointe-Saint-Charles",
        },
        {
            "title": "Community of practice: buying together",
            "slug": "cop-buying-together",
            "intro": "Members' meeting: pooling winter vegetable purchases between organisations.",
            "place_name": "Pointe-Saint-Charles community centre",
        },
    ),
    (
        -30,
        9,
        3,
        "workshop",
        "public",
        12,
        None,
        {
            "title": "Atelier conserves d'automne",
            "slug": "atelier-conserves-automne",
            "intro": "Mettre en conserve les surplus de tomates et de pommes.",
            "place_name": "Cuisine collective de LaSalle",
        },
        {
            "title": "Autumn preserves workshop",
            "slug": "autumn-preserves-workshop",
            "intro": "Canning surplus tomatoes and apples.",
            "place_name": "LaSalle community kitchen",
        },
    ),
    (
        -60,
        10,
        4,
        "farm_visit",
        "public",
        20,
        "verger-des-collines-de-hemmingford",
        {
            "title": "Visite du Verger des Collines de Hemmingford",
            "slug": "visite-verger-hemmingford",
            "intro": "La récolte des pommes d'automne, le tri des pommes déclassées et les prix en volume pour les organismes.",
            "place_name": "Verger des Collines, Hemmingford",
        },
        {
            "title": "Visit of Verger des Collines de Hemmingford",
            "slug": "visit-verger-hemmingford",
            "intro": "The autumn apple harvest, sorting cosmetic seconds and volume prices for organisations.",
            "place_name": "Verger des Collines, Hemmingford",
        },
    ),
]

FOOTER = {
    "fr": (
        "<p><b>SALIM</b> — Système alimentaire local et inclusif de Montréal, Grand Sud-Ouest<br>"
        '<a href="mailto:approvisionnement@salim.example">approvisionnement@salim.example</a></p>'
    ),
    "en": (
        "<p><b>SALIM</b> — Local and inclusive food system, Montréal's Grand Sud-Ouest<br>"
        '<a href="mailto:approvisionnement@salim.example">approvisionnement@salim.example</a></p>'
    ),
}


# The pictures drawn for the demo (directory.demo_pictures), first in the body of these
# pages (by French slug): (scene, alternative text in French, in English).
PICTURES = {
    "a-propos": (
        "kitchen",
        "Illustration : une marmite de soupe, des carottes et des bocaux sur une table de cuisine.",
        "Illustration: a pot of soup, carrots and jars on a kitchen table.",
    ),
    "visite-ferme-menard-daoust": (
        "field",
        "Illustration : des rangs de carottes devant une grange rouge.",
        "Illustration: rows of carrots in front of a red barn.",
    ),
    "visite-verger-hemmingford": (
        "orchard",
        "Illustration : des pommiers chargés de pommes rouges et des caisses de récolte.",
        "Illustration: apple trees laden with red apples and harvest crates.",
    ),
    "atelier-conserves-automne": (
        "kitchen",
        "Illustration : des bocaux de conserves à côté d'une marmite.",
        "Illustration: jars of preserves beside a pot.",
    ),
    "carte-proximite": (
        "market",
        "Illustration : un étal de marché sous un auvent rayé, avec des caisses de fruits et légumes.",
        "Illustration: a market stall under a striped awning, with crates of fruit and vegetables.",
    ),
}


def with_picture(content, slug, language):
    """The page's content with its demo picture first in its body, as an editor adds an
    image block; the translations show the same image."""
    if slug not in PICTURES:
        return content
    scene, *alt_texts = PICTURES[slug]
    image = wagtail_image(f"Illustration de démonstration : {slug}", scene, seed=len(slug))
    alt_text = alt_texts[0] if language == "fr" else alt_texts[1]
    block = {"type": "image", "value": {"image": image.pk, "alt_text": alt_text, "caption": ""}}
    return {**content, "body": [block, *content.get("body", [])]}


def publish(page, content):
    for field, value in content.items():
        setattr(page, field, value)
    page.save_revision().publish()
    return page


def translated(page, parent, locale, content):
    """The page's translation in `locale` under `parent`, created and published when
    missing. Built directly (not copied then renamed) so that no redirect from a
    temporary slug is left behind."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing
    translation = page.specific_class(
        locale=locale, translation_key=page.translation_key, **content
    )
    return publish(parent.add_child(instance=translation), {})


@transaction.atomic
def load(stdout, style):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    english = Locale.objects.get_or_create(language_code="en")[0]
    home = home_page(french)
    at_configured_address()
    english_home = translated(home, Page.get_first_root_node(), english, HOME["en"])

    children = []
    for page in PAGES:
        child = home.get_children().filter(slug=page["fr"]["slug"]).first()
        if child is None:
            content = with_picture(page["fr"], page["fr"]["slug"], "fr")
            child = publish(home.add_child(instance=StandardPage(**content)), {})
        translated(child, english_home, english, with_picture(page["en"], child.slug, "en"))
        children.append(child)

    children.append(load_events(home, english_home, english))
    children.extend(load_library_and_guides(home, english_home, english))

    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    if not navigation.links.exists():
        navigation.links = [
            NavigationLink(page=child, sort_order=order) for order, child in enumerate(children)
        ]
        navigation.save()

    footer = FooterText.objects.filter(locale=french).first()
    if footer is None:
        footer = FooterText.objects.create(locale=french, body=FOOTER["fr"])
    if footer.get_translation_or_none(english) is None:
        english_footer = footer.copy_for_translation(english)
        english_footer.body = FOOTER["en"]
        english_footer.save()
    stdout.write(style.SUCCESS("Pages, menu and footer in French and English."))


def load_events(home, english_home, english):
    """The events section and a few events, one of them past, one for members only."""
    index = home.get_children().filter(slug=EVENTS_INDEX["fr"]["slug"]).first()
    if index is None:
        index = publish(home.add_child(instance=EventIndexPage(**EVENTS_INDEX["fr"])), {})
    english_index = translated(index, english_home, english, EVENTS_INDEX["en"])
    today = timezone.localdate()
    for (
        days,
        hour,
        hours,
        kind,
        audience,
        capacity,
        producer_slug,
        french,
        english_content,
    ) in EVENTS:
        starts_at = timezone.make_aware(datetime.combine(today + timedelta(days=days), time(hour)))
        shared = {
            "kind": kind,
            "audience": audience,
            "capacity": capacity,
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=hours),
            "producer": Producer.objects.filter(slug=producer_slug).first()
            if producer_slug
            else None,
        }
        event = index.get_children().filter(slug=french["slug"]).first()
        if event is None:
            content = with_picture(french, french["slug"], "fr")
            event = publish(index.add_child(instance=EventPage(**content, **shared)), {})
        english_content = with_picture(english_content, french["slug"], "en")
        translated(event, english_index, english, {**english_content, **shared})
    return index


RESOURCES_INDEX = {
    "fr": {
        "title": "Ressources",
        "slug": "ressources",
        "intro": "Guides, gabarits, études et comparaisons de prix.",
    },
    "en": {
        "title": "Resources",
        "slug": "resources",
        "intro": "Guides, templates, studies and price comparisons.",
    },
}
FUNDING_INDEX = {
    "fr": {
        "title": "Financement",
        "slug": "financement",
        "intro": "Les programmes qui aident les organismes à acheter local.",
    },
    "en": {
        "title": "Funding",
        "slug": "funding",
        "intro": "Programmes that help organisations buy local.",
    },
}
CARTE = {
    "fr": {
        "title": "La Carte proximité",
        "slug": "carte-proximite",
        "intro": "Une carte prépayée que des organismes remettent aux ménages, à dépenser dans les marchés participants.",
        "body": paragraphs(
            "Pendant la saison des marchés, les ménages reçoivent un montant mensuel selon leur taille.",
            "La carte s'utilise pour des aliments locaux : fruits, légumes, lait, œufs et autres aliments achetés "
            "directement à des producteurs québécois.",
        ),
    },
    "en": {
        "title": "The Carte proximité",
        "slug": "carte-proximite",
        "intro": "A prepaid card that organisations give to households, to spend at participating markets.",
        "body": paragraphs(
            "During the market season, households receive a monthly amount according to their size.",
            "The card buys local food: fruits, vegetables, milk, eggs and other foods bought directly from "
            "Québec producers.",
        ),
    },
}
ORDER_TEMPLATE = (
    "produit;unité;quantité;organisme;semaine\n"
    "Carotte;kg;40;Cuisine collective de Verdun;2026-12-07\n"
    "Pomme;kg;25;Cuisine collective de Verdun;2026-12-07\n"
).encode()


CARTE_DISTRIBUTORS = [
    ("Cuisine collective de Verdun", "verdun"),
    ("Table de quartier de LaSalle", "lasalle"),
    ("Centre communautaire de Pointe-Saint-Charles", "le-sud-ouest"),
]


def load_library_and_guides(home, english_home, english):
    """The resource library (one resource for members only), funding guides with
    deadlines, and the Carte proximité guide with its distributing organisations."""

    def section(model, content):
        page = home.get_children().filter(slug=content["fr"]["slug"]).specific().first()
        if page is None:
            french = with_picture(content["fr"], content["fr"]["slug"], "fr")
            page = publish(home.add_child(instance=model(**french)), {})
        english_content = with_picture(content["en"], page.slug, "en")
        return page, translated(page, english_home, english, english_content)

    # Inline records (documents, deadlines, distributors) are set on the page before it
    # is published, as in the page editor, so that its revision holds them: publishing
    # the page again from the admin keeps them.
    library, _english_library = section(ResourceIndexPage, RESOURCES_INDEX)
    if not library.get_children().exists():
        document = get_document_model()(title="Gabarit de commande groupée")
        document.file.save("gabarit-commande-groupee.csv", ContentFile(ORDER_TEMPLATE), save=True)
        guide = ResourcePage(
            title="Gabarit de commande groupée",
            slug="gabarit-commande-groupee",
            kind="template",
            topic="procurement",
            summary="Un tableur pour additionner les besoins de plusieurs organismes avant d'appeler un producteur.",
        )
        guide.documents = [ResourceDocument(document=document, sort_order=0)]
        publish(library.add_child(instance=guide), {})
        publish(
            library.add_child(
                instance=ResourcePage(
                    title="Comparer les prix locaux et importés",
                    slug="comparer-les-prix",
                    kind="guide",
                    topic="prices",
                    summary="Comment lire la comparaison de prix du répertoire et négocier un prix juste.",
                )
            ),
            {},
        )
        members = publish(
            library.add_child(
                instance=ResourcePage(
                    title="Relevé de prix des membres, automne 2026",
                    slug="releve-prix-membres-automne-2026",
                    kind="price_comparison",
                    topic="prices",
                    summary="Les prix payés par les organismes membres cet automne, produit par produit.",
                )
            ),
            {},
        )
        restriction = PageViewRestriction.objects.create(
            page=members, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=["Members", "Editors", "Moderators"]))

    funding, _english_funding = section(FundingIndexPage, FUNDING_INDEX)
    if not funding.get_children().exists():
        today = timezone.localdate()
        for title, funder, kind, amounts, days in (
            (
                "Fonds d'achat local en alimentation",
                "Ville de Montréal",
                "local_purchasing",
                "jusqu'à 15 000 $",
                [18],
            ),
            (
                "Programme d'équipement frigorifique",
                "Fondation fictive pour la sécurité alimentaire",
                "equipment",
                "jusqu'à 40 000 $",
                [75, 160],
            ),
            (
                "Soutien aux cuisines collectives 2026",
                "Ministère (exemple)",
                "grant",
                "5 000 $ à 20 000 $",
                [-20],
            ),
        ):
            page = FundingGuidePage(
                title=title,
                funder=funder,
                support_kind=kind,
                amounts=amounts,
                summary="Programme d'exemple pour la démonstration du site.",
            )
            page.deadlines = [
                FundingDeadline(date=today + timedelta(days=day), sort_order=order)
                for order, day in enumerate(days)
            ]
            publish(funding.add_child(instance=page), {})

    carte, _english_carte = section(CarteProximitePage, CARTE)
    if not carte.distributors.exists():
        carte.distributors = [
            CarteDistributor(
                name=name, area=Area.objects.filter(slug=area_slug).first(), sort_order=order
            )
            for order, (name, area_slug) in enumerate(CARTE_DISTRIBUTORS)
        ]
        publish(carte, {})
    return [library, funding, carte]


def home_page(locale):
    """The French home page at the root of the default site; Wagtail's placeholder
    "Welcome" page goes."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(locale=locale, **HOME["fr"]))
    home.save_revision().publish()
    placeholder = site.root_page if site is not None else None
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = "SALIM"
    site.save()
    if placeholder is not None and placeholder.specific_class is Page:
        placeholder.delete()
    return home


def at_configured_address():
    """The default Site answers at the address that links are written with
    (WAGTAILADMIN_BASE_URL, which `make run` sets from PORT), so that Wagtail's own
    links (the admin's "View live", page previews) agree with the emails' links."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site.hostname = address.hostname
    site.port = address.port or (443 if address.scheme == "https" else 80)
    site.save()
