"""A project's page for its partners: objectives, partners and their roles, the action
plan as a table and a timeline, what is late or due soon; the plan kept from the site by
the lead organisation's coordinators and the staff."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

import pytest

from community.models import Action, Deliverable, Partner, WorkPackage
from directory.collections import MEMBERS_COLLECTION

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)

MONTREAL = ZoneInfo("America/Montreal")
# A Tuesday in spring, mid-project.
NOW = datetime(2027, 4, 13, 10, 0, tzinfo=MONTREAL)
TODAY = date(2027, 4, 13)


@pytest.fixture
def project(board, organisation_factory, project_factory, member_factory):
    """Verdun's kitchen leads (the cook is a member; its coordinator an admin); the farm's
    business and a school take part."""
    school = organisation_factory(name="École des Berges", kind="school")
    project = project_factory(
        board["kitchen"],
        partners=[
            (board["farmer"].memberships.get().organisation, Partner.Role.FARMER),
            (school, Partner.Role.OTHER),
        ],
        name="Relocalisons les cantines du Sud-Ouest",
        objectives="Passer à 40 % de produits locaux dans les cantines d'ici 2028.",
        starts_on=date(2027, 1, 1),
        ends_on=date(2028, 6, 30),
        funders=("Ville de Montréal", "MAPAQ"),
    )
    project.coordinator = member_factory(organisation=board["kitchen"], role="admin")
    project.school = school
    return project


def page_of(project, language="fr"):
    with translation.override(language):
        return reverse("community:project_detail", args=[project.pk])


@pytest.mark.time_machine(NOW, tick=False)
def test_a_partner_reads_objectives_partners_plan_and_timeline(
    client, home_pages, board, project, action_factory
):
    action_factory(project, title="Inventaire des menus", starts_on=date(2027, 2, 1))
    client.force_login(board["farmer"])
    response = client.get(page_of(project))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Passer à 40 % de produits locaux" in page
    assert "École des Berges" in page and "agriculteur" in page.lower()
    assert "Ville de Montréal" in page and "MAPAQ" in page
    assert "Inventaire des menus" in page
    assert "<svg" in page and 'id="timeline-title"' in page


def test_someone_signed_out_is_sent_to_sign_in(client, home_pages, project):
    response = client.get(page_of(project))
    assert response.status_code == 302 and "/comptes/login/" in response.url


def test_a_partner_of_another_project_gets_the_friendly_refusal(
    client, home_pages, project, project_factory, organisation_factory, member_factory
):
    lachine = organisation_factory(name="Banque alimentaire de Lachine", kind="food_bank")
    project_factory(lachine, name="Cantines de Lachine")
    client.force_login(member_factory(organisation=lachine, role="admin"))
    response = client.get(page_of(project))
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()
    listed = client.get(reverse("community:project_list")).content.decode()
    assert "Cantines de Lachine" in listed and project.name not in listed


@pytest.mark.time_machine(NOW, tick=False)
def test_late_is_read_from_the_due_date_and_the_watch_list_looks_30_days_ahead(
    client, home_pages, board, project, action_factory
):
    """Still expected past its due date: late, whatever was typed; done or dropped: not.
    Due within 30 days: in the list; beyond: not."""
    action_factory(project, title="Menus d'hiver", due_on=TODAY - timedelta(days=1))
    action_factory(
        project, title="Cahier des charges", due_on=TODAY - timedelta(days=3), status="in_progress"
    )
    action_factory(project, title="Appel d'offres", due_on=TODAY - timedelta(days=5), status="done")
    action_factory(
        project, title="Ancien projet", due_on=TODAY - timedelta(days=5), status="dropped"
    )
    action_factory(project, title="Visite de ferme", due_on=TODAY + timedelta(days=30))
    action_factory(project, title="Bilan de saison", due_on=TODAY + timedelta(days=31))
    client.force_login(board["cook"])
    response = client.get(page_of(project))
    watch = [item.title for item in response.context["watch"]]
    assert watch == ["Cahier des charges", "Menus d'hiver", "Visite de ferme"]
    page = response.content.decode()
    assert page.count("project-status--late") == 2 * 2  # in the list and in the table
    assert "En retard ou attendu d'ici 30 jours" in page


def plan_form(project, **fields):
    data = {
        "title": "Inventaire des menus",
        "owner": project.partners.get(role="lead").organisation_id,
        "owner_person": "",
        "starts_on": "2027-02-01",
        "due_on": "2027-05-31",
        "status": "planned",
    }
    return {**data, **fields}


@pytest.mark.time_machine(NOW, tick=False)
def test_the_coordinator_builds_the_plan_and_partners_read_it(
    client, home_pages, board, project, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(project.coordinator)
    response = client.post(
        reverse("community:work_package_create", args=[project.pk]),
        {"number": "1", "title": "Diagnostic des cantines"},
    )
    assert response.status_code == 302
    package = WorkPackage.objects.get(project=project)
    response = client.post(
        reverse("community:project_action_create", args=[package.pk]),
        plan_form(project, owner_person=board["cook"].pk),
    )
    assert response.status_code == 302
    action = Action.objects.get(work_package=package)
    assert action.owner_person == board["cook"]
    report = SimpleUploadedFile("diagnostic.pdf", b"%PDF-1.4 rapport", "application/pdf")
    response = client.post(
        reverse("community:deliverable_create", args=[action.pk]),
        {
            "title": "Rapport de diagnostic",
            "owner": action.owner_id,
            "due_on": "2027-05-31",
            "status": "done",
            "link": "",
            "file": report,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    deliverable = Deliverable.objects.get(action=action)
    assert deliverable.document.collection.name == MEMBERS_COLLECTION
    # The partners read it; the document is Wagtail's, refused to the public.
    client.force_login(board["farmer"])
    page = client.get(page_of(project)).content.decode()
    assert "Rapport de diagnostic" in page and deliverable.document.url in page
    assert "Ajouter une action" not in page  # a partner reads, the coordinator edits
    client.logout()
    assert client.get(deliverable.document.url).status_code == 302  # to sign in


@pytest.mark.time_machine(NOW, tick=False)
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"due_on": "2028-09-01"}, "due_on", "Indiquez une date comprise dans le projet"),
        ({"due_on": "2027-01-15"}, "due_on", "L'échéance vient avant le début."),
        ({"owner_person": "farmer"}, "owner_person", "n'est pas membre de l'organisme"),
        ({"title": ""}, "title", "Champ requis."),
    ],
)
def test_bad_plan_input_is_explained_and_nothing_is_saved(
    client, home_pages, board, project, action_factory, fields, field, message
):
    package = action_factory(project, title="Déjà là").work_package
    if fields.get("owner_person") == "farmer":
        fields["owner_person"] = board["farmer"].pk  # of the farm, not of the lead
    client.force_login(project.coordinator)
    response = client.post(
        reverse("community:project_action_create", args=[package.pk]), plan_form(project, **fields)
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert escape(message) in response.content.decode(), response.context["form"].errors
    assert list(Action.objects.values_list("title", flat=True)) == ["Déjà là"]


def test_a_file_that_is_not_what_its_name_says_is_refused(
    client, home_pages, project, action_factory
):
    action = action_factory(project)
    client.force_login(project.coordinator)
    response = client.post(
        reverse("community:deliverable_create", args=[action.pk]),
        {
            "title": "Rapport",
            "owner": action.owner_id,
            "due_on": action.due_on.isoformat(),
            "status": "planned",
            "file": SimpleUploadedFile("rapport.pdf", b"<html>not a pdf</html>"),
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not Deliverable.objects.exists()


def test_a_member_of_the_lead_who_is_no_admin_reads_but_does_not_edit(
    client, home_pages, board, project, action_factory
):
    action = action_factory(project)
    client.force_login(board["cook"])
    assert client.get(page_of(project)).status_code == 200
    edit = reverse("community:project_action_edit", args=[action.pk])
    assert client.post(edit, plan_form(project, title="Changé")).status_code == 403
    action.refresh_from_db()
    assert action.title != "Changé"


def test_the_page_reads_in_english(client, home_pages, board, project, action_factory):
    action_factory(project, title="Inventaire des menus")
    client.force_login(board["cook"])
    page = client.get(page_of(project, "en")).content.decode()
    assert "Action plan" in page and "Lead organisation" in page and "farmer" in page


@pytest.mark.time_machine(NOW, tick=False)
def test_the_page_asks_the_same_queries_for_3_actions_as_for_30(
    client, home_pages, board, project, action_factory, django_assert_num_queries
):
    client.force_login(board["farmer"])
    client.get(page_of(project))  # the session and settings pages create on first use

    def plan_of(count):
        Action.objects.all().delete()
        for number in range(count):
            action = action_factory(
                project,
                title=f"Action {number}",
                owner_person=board["cook"],
                starts_on=TODAY - timedelta(days=number),
                due_on=TODAY + timedelta(days=number),
            )
            Deliverable.objects.create(
                action=action,
                title=f"Livrable {number}",
                owner=action.owner,
                owner_person=board["cook"],
                due_on=action.due_on,
                link="https://example.org/livrable",
            )

    plan_of(3)
    client.get(page_of(project))  # the menu, kept until a change, is built
    with django_assert_num_queries(15) as small:  # with its commitments and the groups one may open
        assert client.get(page_of(project)).status_code == 200
    few = len(small.captured_queries)  # a request empties the log
    plan_of(30)
    client.get(page_of(project))
    with django_assert_num_queries(few):
        response = client.get(page_of(project))
    assert response.content.decode().count('class="project-timeline__row ') == 31  # + package


def test_my_space_leads_partners_to_their_projects(
    client, home_pages, board, project, project_factory, organisation_factory
):
    project_factory(organisation_factory(name="Popote de Lachine"), name="Cantines de Lachine")
    client.force_login(board["farmer"])
    page = client.get(reverse("community:my_space")).content.decode()
    assert reverse("community:project_detail", args=[project.pk]) in page
    assert "Cantines de Lachine" not in page
