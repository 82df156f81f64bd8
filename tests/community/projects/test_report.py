"""The funder report of a project, for its coordinators and the staff: for a period and a
funder, what was due and done in the action plan, the partners' contracted and delivered
volumes, the share of local supply, the events the partners took part in; on a page, in
an XLSX workbook and in a PDF, all read from the records."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from community.models import Commitment, Deliverable, Delivery, Partner, Registration

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)

MONTREAL = ZoneInfo("America/Montreal")
# A Tuesday in April: the first quarter is the last one ended.
NOW = datetime(2027, 4, 13, 10, 0, tzinfo=MONTREAL)
Q1 = {"starts_on": "2027-01-01", "ends_on": "2027-03-31"}


@pytest.fixture
def project(board, organisation_factory, project_factory, member_factory):
    """Verdun's kitchen leads (the cook is a member; its coordinator an admin); the farm's
    business and a school take part; the city and the MAPAQ fund it."""
    school = organisation_factory(name="École des Berges", kind="school")
    project = project_factory(
        board["kitchen"],
        partners=[
            (board["farmer"].memberships.get().organisation, Partner.Role.FARMER),
            (school, Partner.Role.OTHER),
        ],
        name="Relocalisons les cantines du Sud-Ouest",
        starts_on=date(2027, 1, 1),
        ends_on=date(2028, 6, 30),
        funders=("Ville de Montréal", "MAPAQ"),
    )
    project.coordinator = member_factory(organisation=board["kitchen"], role="admin")
    project.school = school
    return project


def commitment(organisation, producer, product, quantity, unit, basis, starts, ends, price, **kw):
    return Commitment.objects.create(
        organisation=organisation,
        producer=producer,
        product=product,
        quantity=Decimal(quantity),
        unit=unit,
        basis=basis,
        starts_on=starts,
        ends_on=ends,
        price_per_unit=Decimal(price) if price else None,
        status=kw.get("status", Commitment.Status.ACCEPTED),
    )


def deliver(commitment, *days_and_quantities):
    for day, quantity in days_and_quantities:
        Delivery.objects.create(commitment=commitment, delivered_on=day, quantity=Decimal(quantity))


@pytest.fixture
def records(board, project, action_factory, product_factory, producer_factory, event_factory):
    """A small quarter of the project. The plan: an action and its deliverable done in
    February, an action and a deliverable still expected in March (late now), an action due
    in May. Commitments: the kitchen's carrots from the farm (regional), 14 kg a week from
    January 4 to June 27 at $2.50 (delivered January 11, March 1 and April 5 — the last
    outside the quarter); the school's apple juice from an importer, 100 L in February at
    $3.00 (50 L delivered); a non-partner's and a declined commitment, not counted. Events:
    a workshop in March with two partners' members confirmed (one attended), someone else's
    and a cancelled one; a visit of the partner's farm in February nobody registered for; a
    workshop nobody of the partners attended; one in April."""
    with translation.override("fr"):
        done = action_factory(
            project, title="Inventaire des menus", due_on=date(2027, 2, 15), status="done"
        )
        Deliverable.objects.create(
            action=done,
            title="Rapport de diagnostic",
            owner=done.owner,
            owner_person=project.coordinator,
            due_on=date(2027, 2, 15),
            status="done",
        )
        open_action = action_factory(
            project,
            title="Contrat de culture type",
            due_on=date(2027, 3, 20),
            status="in_progress",
            owner=project.school,
        )
        Deliverable.objects.create(
            action=open_action,
            title="Modèle de contrat signé",
            owner=project.school,
            due_on=date(2027, 3, 31),
        )
        action_factory(project, title="Formation des cuisiniers", due_on=date(2027, 5, 10))

    carrots = commitment(
        board["kitchen"],
        board["farm"],
        board["carrots"],
        "14",
        "kg",
        "week",
        date(2027, 1, 4),
        date(2027, 6, 27),
        "2.50",
    )
    deliver(carrots, (date(2027, 1, 11), 14), (date(2027, 3, 1), 14), (date(2027, 4, 5), 14))
    # Refused for quality: sent back, so not delivered (commitments.models.delivered_total).
    Delivery.objects.create(
        commitment=carrots,
        delivered_on=date(2027, 2, 8),
        quantity=Decimal("14"),
        conformity=Delivery.Conformity.REFUSED,
        reason="Carottes molles",
    )
    importer = producer_factory(name="Importations Nord-Sud", distance_class="imported")
    juice = product_factory(name_fr="Jus de pomme", name_en="Apple juice")
    school_juice = commitment(
        project.school,
        importer,
        juice,
        "100",
        "l",
        "total",
        date(2027, 2, 1),
        date(2027, 3, 2),
        "3",
    )
    deliver(school_juice, (date(2027, 2, 15), 50))
    other = board["other"].memberships.get().organisation
    deliver(
        commitment(
            other,
            board["farm"],
            board["carrots"],
            "500",
            "kg",
            "total",
            date(2027, 1, 4),
            date(2027, 3, 28),
            "2",
        ),
        (date(2027, 2, 1), 400),
    )
    commitment(
        board["kitchen"],
        importer,
        juice,
        "900",
        "l",
        "total",
        date(2027, 1, 4),
        date(2027, 3, 28),
        "3",
        status=Commitment.Status.DECLINED,
    )

    workshop = event_factory(
        title="Atelier conserves d'hiver", starts_in=date(2027, 3, 4) - NOW.date()
    )
    for person, status, attended in (
        (board["cook"], "confirmed", True),
        (board["farmer"], "confirmed", False),
        (board["other"], "confirmed", True),
        (board["colleague"], "cancelled", False),
    ):
        Registration.objects.create(event=workshop, user=person, status=status, attended=attended)
    event_factory(
        title="Visite de la ferme Lebeau",
        starts_in=date(2027, 2, 10) - NOW.date(),
        producer=board["farm"],
    )
    elsewhere = event_factory(title="Atelier à Lachine", starts_in=date(2027, 3, 10) - NOW.date())
    Registration.objects.create(event=elsewhere, user=board["other"], status="confirmed")
    later = event_factory(title="Atelier d'avril", starts_in=timedelta(days=5))
    Registration.objects.create(event=later, user=board["cook"], status="confirmed")
    return project


def report_url(project, language="fr", **query):
    with translation.override(language):
        url = reverse("community:project_report", args=[project.pk])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def section(response, key):
    return next(s for s in response.context["sections"] if s.key == key)


@pytest.mark.time_machine(NOW, tick=False)
def test_the_report_reads_the_quarter_from_the_records(client, home_pages, records):
    """Due and done, late, volumes by product and by producer, the local share, the events:
    a delivery of April and what non-partners bought are not counted."""
    client.force_login(records.coordinator)
    response = client.get(report_url(records, **Q1))
    page = response.content.decode()
    assert response.status_code == 200
    assert "1er janvier 2027 – 31 mars 2027" in page

    plan = section(response, "plan")
    assert plan.figures == [
        ("Livrables", "À échéance : 2 · terminés : 1 · en retard : 1"),
        ("Actions", "À échéance : 2 · terminés : 1 · en retard : 1"),
    ]
    titles = [row[1] for row in plan.rows]
    assert titles == [
        "Inventaire des menus",
        "Rapport de diagnostic",
        "Contrat de culture type",
        "Modèle de contrat signé",
    ]
    assert "Formation des cuisiniers" not in page
    assert plan.rows[3] == [
        "Livrable",
        "Modèle de contrat signé",
        "École des Berges",
        "31 mars 2027",
        "en retard",
    ]
    assert f"Cuisine collective de Verdun ({records.coordinator.public_name})" in plan.rows[1][2]

    volumes = section(response, "volumes")
    # 2 kg a day for the 87 days from January 4; 28 kg delivered (not April's 14 kg).
    assert [
        "Produit",
        "Carotte",
        "174\xa0kg",
        "28\xa0kg",
        "435,00\xa0$",
        "70,00\xa0$",
    ] in volumes.rows
    assert [
        "Produit",
        "Jus de pomme",
        "100\xa0L",
        "50\xa0L",
        "300,00\xa0$",
        "150,00\xa0$",
    ] in volumes.rows
    assert [
        "Producteur",
        "Ferme Lebeau",
        "174\xa0kg",
        "28\xa0kg",
        "435,00\xa0$",
        "70,00\xa0$",
    ] in volumes.rows
    assert len(volumes.rows) == 4  # not the non-partner's 400 kg, not the declined juice
    assert dict(volumes.figures)["Valeur livrée"] == "220,00\xa0$"
    assert dict(volumes.figures)["Valeur contractée"] == "735,00\xa0$"

    local = section(response, "local_supply")
    assert local.recorded
    assert dict(local.figures) == {"Approvisionnement local": "31,82\xa0%"}  # 70 of 220

    events = section(response, "events")
    assert events.rows == [
        ["Visite de la ferme Lebeau", "10 février 2027", "0", "0", "0"],
        ["Atelier conserves d'hiver", "4 mars 2027", "2", "1", "3"],
    ]
    assert "Atelier à Lachine" not in page and "Atelier d&#x27;avril" not in page
    assert "Atelier conserves d&#x27;hiver" in page and "31,82" in page


@pytest.mark.time_machine(NOW, tick=False)
def test_the_workbook_has_a_sheet_per_section_with_numbers(client, home_pages, records):
    client.force_login(records.coordinator)
    response = client.get(
        report_url(records, format="xlsx", funder=records.funders.get(name="MAPAQ").pk, **Q1)
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == [
        "Rapport",
        "Plan d'action",
        "Réunions",
        "Volumes",
        "Approvisionnement local",
        "Événements",
    ]
    cover = list(workbook["Rapport"].iter_rows(values_only=True))
    assert cover[0] == ("Rapport", "Rapport pour MAPAQ")
    volumes = list(workbook["Volumes"].iter_rows(values_only=True))
    assert volumes[0] == (
        "Par",
        "Nom",
        "Unité",
        "Contracté",
        "Livré",
        "Valeur contractée",
        "Valeur livrée",
    )
    assert ("Produit", "Carotte", "kg", 174, 28, 435, 70) in volumes
    plan = list(workbook["Plan d'action"].iter_rows(values_only=True))
    assert plan[4][1:] == (
        "Modèle de contrat signé",
        "École des Berges",
        None,
        datetime(2027, 3, 31),
        "en retard",
    )
    events = list(workbook["Événements"].iter_rows(values_only=True))
    assert events[2] == ("Atelier conserves d'hiver", datetime(2027, 3, 4), 2, 1, 3)


@pytest.mark.time_machine(NOW, tick=False)
def test_the_pdf_has_the_title_period_and_each_section_with_accents(client, home_pages, records):
    client.force_login(records.coordinator)
    response = client.get(
        report_url(
            records, format="pdf", funder=records.funders.get(name="Ville de Montréal").pk, **Q1
        )
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF-")
    reader = PdfReader(BytesIO(content))
    # Table cells wrap their text onto several lines: read it as words.
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Rapport pour Ville de Montréal" in text
    assert "1er janvier 2027 – 31 mars 2027" in text
    for heading in (
        "Plan d'action : à échéance dans la période",
        "Réunions tenues et participation",
        "Volumes contractés et livrés",
        "Part de l'approvisionnement local",
        "Événements et participants",
    ):
        assert heading in text
    assert "Modèle de contrat signé" in text and "École des Berges" in text
    assert "435,00 $" in text and "31,82 %" in text


@pytest.mark.time_machine(NOW, tick=False)
def test_without_a_priced_delivery_local_supply_is_not_recorded(client, home_pages, project):
    client.force_login(project.coordinator)
    response = client.get(report_url(project, **Q1))
    local = section(response, "local_supply")
    assert not local.recorded
    assert "Non consigné : aucune livraison avec un prix" in response.content.decode()
    assert (
        "Aucun partenaire n&#x27;a d&#x27;engagement saisonnier accepté"
        in response.content.decode()
    )


@pytest.mark.time_machine(NOW, tick=False)
def test_the_period_defaults_to_the_project_and_offers_the_last_quarter(
    client, home_pages, records
):
    client.force_login(records.coordinator)
    response = client.get(report_url(records))
    assert response.context["period"].starts_on == date(2027, 1, 1)
    assert response.context["period"].ends_on == date(2028, 6, 30)
    assert "Formation des cuisiniers" in response.content.decode()
    assert "Rapport aux bailleurs de fonds" in response.content.decode()
    assert "?starts_on=2027-01-01&amp;ends_on=2027-03-31" in response.content.decode()


@pytest.mark.parametrize(
    "query, field, message",
    [
        (
            {"starts_on": "2027-03-31", "ends_on": "2027-01-01"},
            "ends_on",
            "La fin de la période précède son début.",
        ),
        ({"starts_on": "2028-07-01"}, "ends_on", "La fin de la période précède son début."),
        ({"starts_on": "2027-02-30"}, "starts_on", "Saisissez une date valide."),
        ({"funder": "9999"}, "funder", "Sélectionnez un choix valide."),
    ],
)
@pytest.mark.time_machine(NOW, tick=False)
def test_a_bad_period_is_explained_and_no_report_is_made(
    client, home_pages, project, query, field, message
):
    client.force_login(project.coordinator)
    for export in ("", "pdf"):
        response = client.get(
            report_url(project, **query, **({"format": export} if export else {}))
        )
        assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
        assert response.context["form"].errors[field]
        page = response.content.decode()
        assert escape(message) in page or message[:20] in page
        assert "sections" not in response.context


def test_only_the_coordinators_and_the_staff_see_the_report(
    client, home_pages, board, project, editor
):
    url = report_url(project)
    response = client.get(url)
    assert response.status_code == 302 and "/comptes/login/" in response.url
    for person in (board["cook"], board["farmer"], board["other"]):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 403 and "Accès refusé" in response.content.decode()
        detail = client.get(reverse("community:project_detail", args=[project.pk]))
        assert url not in detail.content.decode()
    for person in (project.coordinator, editor):
        client.force_login(person)
        assert client.get(url).status_code == 200
        detail = client.get(reverse("community:project_detail", args=[project.pk]))
        assert url in detail.content.decode()


@pytest.mark.time_machine(NOW, tick=False)
def test_the_report_reads_in_english(client, home_pages, records):
    client.force_login(records.coordinator)
    response = client.get(report_url(records, "en", **Q1))
    page = response.content.decode()
    assert "Report to the funders" in page and "Share of local supply" in page
    assert ["Product", "Carrot", "174\xa0kg", "28\xa0kg", "$435.00", "$70.00"] in section(
        response, "volumes"
    ).rows
    assert "Jan 1, 2027 – Mar 31, 2027" in page


@pytest.mark.time_machine(NOW, tick=False)
def test_the_report_asks_the_same_queries_for_more_records(
    client, home_pages, board, records, django_assert_max_num_queries
):
    client.force_login(records.coordinator)
    client.get(report_url(records, **Q1))  # the session and settings pages create on first use
    with django_assert_max_num_queries(100) as small:
        client.get(report_url(records, **Q1))
    few = len(small.captured_queries)  # a request empties the log
    action = records.work_packages.first().actions.first()
    for number in range(20):
        Deliverable.objects.create(
            action=action,
            title=f"Livrable {number}",
            owner=action.owner,
            owner_person=records.coordinator,
            due_on=date(2027, 2, 1) + timedelta(days=number),
        )
        deliver(
            commitment(
                board["kitchen"],
                board["farm"],
                board["carrots"],
                "10",
                "kg",
                "total",
                date(2027, 1, 4),
                date(2027, 3, 28),
                "2",
            ),
            (date(2027, 2, 1), 5),
        )
    client.get(report_url(records, **Q1))  # the menu, kept until a change, built again
    with django_assert_max_num_queries(few):
        response = client.get(report_url(records, **Q1))
    assert len(section(response, "plan").rows) == 24
