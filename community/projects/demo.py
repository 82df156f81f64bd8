"""The demo's project: a region's collective catering relocalised, led by the Verdun
kitchen (whose admin, the demo member, coordinates it) with farms, a school, a daycare and
two community organisations. Called by community.demo.load. The staff's part (the project
and its partners) is saved as the admin saves it; the plan goes through the coordinator's
forms, as on the site, and so do the partners' commitments (the school's is behind). Dates
are counted from the day the demo is loaded: some actions are done, some under way, some
late."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from ..demo import day
from ..models import Organisation
from . import groups, rules
from .forms import (
    ActionForm,
    ActionItemFormSet,
    AttendanceForm,
    DeliverableForm,
    MeetingForm,
    MinutesForm,
    PartnerCommitmentForm,
    PartnerDeliveryForm,
    ProjectGroupForm,
    WorkPackageForm,
)
from .models import Funder, Partner, Project

NAME = "Relocalisons la restauration collective du Sud-Ouest"
OBJECTIVES = (
    "Porter à 40 % la part des produits locaux dans les repas servis par les cantines "
    "scolaires, les CPE et les organismes communautaires du Sud-Ouest d'ici deux ans.\n"
    "Signer des contrats de culture avec au moins trois fermes de la Montérégie, pour que "
    "les fermes puissent planifier leurs semis.\n"
    "Mutualiser la livraison entre organismes voisins et former les équipes de cuisine aux "
    "légumes de saison."
)
PARTNERS = [
    ("Cuisine collective de Verdun", Partner.Role.LEAD),
    ("Ferme Ménard-Daoust", Partner.Role.FARMER),
    ("Les Jardins Lavigueur et Filles", Partner.Role.FARMER),
    ("Verger des Collines de Hemmingford", Partner.Role.FARMER),
    ("École primaire des Berges", Partner.Role.OTHER),
    ("CPE Les Petits Pommiers", Partner.Role.OTHER),
    ("Centre communautaire de Pointe-Saint-Charles", Partner.Role.NGO),
    ("Banque alimentaire de LaSalle", Partner.Role.NGO),
]
FUNDERS = [
    "Ministère de l'Agriculture, des Pêcheries et de l'Alimentation du Québec (MAPAQ)",
    "Ville de Montréal",
]
COORDINATOR = "membre@salim.example"
# Work packages, their actions: (title, owner, person's email or None, start, due (days
# from today; start None for one day), status, deliverables: [(title, due, status, file)]).
PLAN = [
    (
        "Diagnostic des cantines et des approvisionnements",
        [
            (
                "Inventaire des menus et des volumes des cantines",
                "Cuisine collective de Verdun",
                "membre@salim.example",
                -140,
                -90,
                "done",
                [("Rapport de diagnostic", -90, "done", "rapport-diagnostic.pdf")],
            ),
            (
                "Entretiens avec les équipes de cuisine des écoles et des CPE",
                "École primaire des Berges",
                "ecole-berges@salim.example",
                -120,
                -60,
                "done",
                [],
            ),
            (
                "Cartographie des fermes à moins de 150 km",
                "Centre communautaire de Pointe-Saint-Charles",
                "centre-pointe@salim.example",
                -100,
                -20,
                "in_progress",
                [("Carte des fournisseurs possibles", -20, "planned", None)],
            ),
        ],
    ),
    (
        "Contrats de culture et logistique",
        [
            (
                "Rédaction d'un contrat de culture type",
                "Cuisine collective de Verdun",
                "membre@salim.example",
                -60,
                10,
                "in_progress",
                [("Modèle de contrat de culture", 10, "in_progress", None)],
            ),
            (
                "Plan de culture avec les fermes pour la saison prochaine",
                "Ferme Ménard-Daoust",
                "menard-daoust@salim.example",
                -30,
                25,
                "in_progress",
                [],
            ),
            (
                "Tournée de livraison partagée Pointe-Saint-Charles – LaSalle",
                "Centre communautaire de Pointe-Saint-Charles",
                "centre-pointe@salim.example",
                -45,
                -5,
                "planned",
                [],
            ),
            (
                "Livraison d'essai à l'école des Berges",
                "Les Jardins Lavigueur et Filles",
                "lavigueur@salim.example",
                None,
                45,
                "planned",
                [],
            ),
            (
                "Application de commande en ligne",
                "Cuisine collective de Verdun",
                None,
                -80,
                -30,
                "dropped",
                [],
            ),
        ],
    ),
    (
        "Cuisine et sensibilisation",
        [
            (
                "Menus de saison pour les CPE",
                "CPE Les Petits Pommiers",
                "cpe-pommiers@salim.example",
                -50,
                -10,
                "in_progress",
                [("Carnet de vingt recettes de saison", -10, "planned", None)],
            ),
            (
                "Formation des cuisiniers aux légumes de saison",
                "CPE Les Petits Pommiers",
                "cpe-pommiers@salim.example",
                20,
                60,
                "planned",
                [],
            ),
            (
                "Journée portes ouvertes au verger pour les équipes de cuisine",
                "Verger des Collines de Hemmingford",
                "verger-hemmingford@salim.example",
                None,
                120,
                "planned",
                [],
            ),
            (
                "Dons des surplus de récolte à la banque alimentaire",
                "Banque alimentaire de LaSalle",
                "banque-lasalle@salim.example",
                -90,
                200,
                "in_progress",
                [],
            ),
        ],
    ),
]
# Partners' commitments: (partner, kind, quantity, unit, due (days from today), what,
# deliveries [(days from today, quantity, note)]). The school is behind.
COMMITMENTS = [
    (
        "Cuisine collective de Verdun",
        "money",
        "15000",
        "",
        400,
        "Part de la cuisine au budget du projet",
        [(-120, "5000", "Premier versement"), (-30, "3000", "Deuxième versement")],
    ),
    (
        "Ferme Ménard-Daoust",
        "volume",
        "2000",
        "kg",
        200,
        "Légumes racines pour les cantines",
        [(-60, "450", "Carottes et betteraves"), (-14, "500", "Panais")],
    ),
    (
        "École primaire des Berges",
        "purchases",
        "12000",
        "",
        100,
        "Achats de produits locaux pour la cantine",
        [(-90, "1500", "Automne")],
    ),
    (
        "Centre communautaire de Pointe-Saint-Charles",
        "hours",
        "300",
        "",
        300,
        "Heures de bénévoles pour la tournée de livraison",
        [(-45, "120", "Tournées de l'été")],
    ),
]
# A small PDF, so that the done deliverable has its document in the members' collection.
REPORT = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def submitted(form):
    """The form, once valid (community.demo.submitted gives its unsaved instance)."""
    if not form.is_valid():
        raise ValueError(f"demo {type(form).__name__} refused: {form.errors.as_json()}")
    return form


def load(people):
    """people: {email: user} of the demo accounts. Nothing is done when the project is
    there already."""
    if Project.objects.filter(name=NAME).exists():
        return None
    project = Project(name=NAME, objectives=OBJECTIVES, starts_on=day(-150), ends_on=day(580))
    project.partners = [
        Partner(organisation=Organisation.objects.get(name=name), role=role)
        for name, role in PARTNERS
    ]
    project.funders = [Funder(name=name) for name in FUNDERS]
    project.save()
    coordinator = people[COORDINATOR]
    owners = {partner.organisation.name: partner.organisation for partner in project.partners.all()}
    for number, (package_title, actions) in enumerate(PLAN, start=1):
        package = submitted(
            WorkPackageForm(project, {"number": number, "title": package_title})
        ).save()
        for title, owner, email, start, due, status, deliverables in actions:
            form = submitted(
                ActionForm(
                    project,
                    {
                        "title": title,
                        "owner": owners[owner].pk,
                        "owner_person": people[email].pk if email else "",
                        "starts_on": day(start).isoformat() if start is not None else "",
                        "due_on": day(due).isoformat(),
                        "status": status,
                    },
                )
            )
            action = form.save(commit=False)
            action.work_package = package
            action.save()
            for deliverable_title, deliverable_due, deliverable_status, filename in deliverables:
                files = (
                    {"file": SimpleUploadedFile(filename, REPORT, "application/pdf")}
                    if filename
                    else {}
                )
                form = submitted(
                    DeliverableForm(
                        project,
                        {
                            "title": deliverable_title,
                            "owner": owners[owner].pk,
                            "owner_person": people[email].pk if email else "",
                            "due_on": day(deliverable_due).isoformat(),
                            "status": deliverable_status,
                            "link": "",
                        },
                        files,
                    )
                )
                rules.save_deliverable(form, action, coordinator)
    load_commitments(project, coordinator)
    load_groups(project, people)
    return project


def load_commitments(project, coordinator):
    """The partners' commitments, through the coordinator's forms."""
    partners = {partner.organisation.name: partner for partner in project.partners.all()}
    for name, kind, quantity, unit, due, what, deliveries in COMMITMENTS:
        commitment = submitted(
            PartnerCommitmentForm(
                project,
                {
                    "partner": partners[name].pk,
                    "kind": kind,
                    "quantity": quantity,
                    "unit": unit,
                    "due_on": day(due).isoformat(),
                    "description": what,
                },
            )
        ).save()
        for delivered, amount, note in deliveries:
            form = PartnerDeliveryForm(
                commitment,
                {"delivered_on": day(delivered).isoformat(), "quantity": amount, "note": note},
            )
            rules.log_delivery(submitted(form), commitment, coordinator)


# The project's groups: (kind, name, members' emails). The steering committee met three
# weeks ago (agenda, minutes with a decision and two actions that joined the plan, who
# came) and meets again in two weeks.
GROUPS = [
    (
        "steering",
        "Comité de pilotage",
        [
            "membre@salim.example",
            "ecole-berges@salim.example",
            "centre-pointe@salim.example",
            "menard-daoust@salim.example",
            "banque-lasalle@salim.example",
        ],
    ),
    (
        "working",
        "Groupe de travail menus de saison",
        [
            "membre@salim.example",
            "cpe-pommiers@salim.example",
            "ecole-berges@salim.example",
            "lavigueur@salim.example",
        ],
    ),
    (
        "working",
        "Groupe de travail logistique",
        [
            "membre@salim.example",
            "centre-pointe@salim.example",
            "banque-lasalle@salim.example",
            "menard-daoust@salim.example",
        ],
    ),
]
COPIL_AGENDA = (
    "1. Bilan du diagnostic des cantines\n"
    "2. Contrats de culture : où en sommes-nous ?\n"
    "3. Tournée de livraison partagée\n"
    "4. Prochaine réunion"
)
COPIL_MINUTES = (
    "Le comité a pris connaissance du rapport de diagnostic : les cantines servent environ "
    "2 400 repas par semaine, dont 18 % de produits locaux.\n"
    "Le modèle de contrat de culture est presque prêt ; la Ferme Ménard-Daoust accepte de "
    "le tester sur les carottes et les courges.\n"
    "La tournée partagée Pointe-Saint-Charles – LaSalle prend du retard faute de camion "
    "réfrigéré : le centre communautaire demandera un devis de location."
)
COPIL_DECISION = "Le modèle de contrat de culture sera testé avec la Ferme Ménard-Daoust."


def _at(days, hour):
    return f"{day(days).isoformat()}T{hour:02d}:00"


def load_groups(project, people):
    """The groups, their forums and the steering committee's meetings, through the
    coordinator's forms."""
    made = {}
    for kind, name, emails in GROUPS:
        form = ProjectGroupForm(
            project, {"kind": kind, "name": name, "members": [people[e].pk for e in emails]}
        )
        made[name] = groups.save_group(submitted(form))
    copil = made["Comité de pilotage"]
    place = "Cuisine collective de Verdun, salle du fond"
    past = groups.schedule(
        submitted(
            MeetingForm(
                copil,
                {
                    "starts_at": _at(-21, 14),
                    "ends_at": _at(-21, 16),
                    "place": place,
                    "video_link": "https://visio.example.org/copil-sud-ouest",
                    "agenda": COPIL_AGENDA,
                },
            )
        )
    )
    owners = {p.organisation.name: p.organisation for p in project.partners.all()}
    logistics = project.work_packages.get(number=2)
    data = {
        "minutes": COPIL_MINUTES,
        "decisions": COPIL_DECISION,
        "publish": "on",
        "action-TOTAL_FORMS": "2",
        "action-INITIAL_FORMS": "0",
        "action-0-title": "Tester le contrat de culture sur les carottes et les courges",
        "action-0-owner": owners["Ferme Ménard-Daoust"].pk,
        "action-0-owner_person": people["menard-daoust@salim.example"].pk,
        "action-0-due_on": day(40).isoformat(),
        "action-0-work_package": logistics.pk,
        "action-1-title": "Demander un devis de location d'un camion réfrigéré",
        "action-1-owner": owners["Centre communautaire de Pointe-Saint-Charles"].pk,
        "action-1-owner_person": people["centre-pointe@salim.example"].pk,
        "action-1-due_on": day(14).isoformat(),
        "action-1-work_package": "",
    }
    minutes = submitted(MinutesForm(past, data))
    items = ActionItemFormSet(data, prefix="action", form_kwargs={"project": project})
    if not items.is_valid():
        raise ValueError(f"demo action items refused: {items.errors}")
    with translation.override("fr"):  # the "Decided in meetings" work package's title
        groups.save_minutes(past, minutes, items)
    came = [people[e] for e in GROUPS[0][2][:4]]
    attendance = submitted(AttendanceForm(past, {"attendees": [person.pk for person in came]}))
    groups.record_attendance(past, attendance.cleaned_data["attendees"])
    groups.schedule(
        submitted(
            MeetingForm(
                copil,
                {
                    "starts_at": _at(14, 14),
                    "ends_at": _at(14, 16),
                    "place": place,
                    "video_link": "",
                    "agenda": "1. Suivi des actions décidées\n2. Premières livraisons d'essai",
                },
            )
        )
    )
