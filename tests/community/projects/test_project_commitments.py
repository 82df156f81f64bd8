"""Partners' commitments on a project's page: what each partner promised (money, hours,
volumes, purchases) and delivered, who is behind; kept by the coordinators and the staff,
read by the partners. And deleting plan items after a confirmation listing what goes."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

import pytest

from community.models import (
    Action,
    Deliverable,
    Partner,
    PartnerCommitment,
    PartnerDelivery,
    WorkPackage,
)
from community.projects import rules

pytestmark = pytest.mark.clock

MONTREAL = ZoneInfo("America/Montreal")
NOW = datetime(2027, 4, 13, 10, 0, tzinfo=MONTREAL)
TODAY = date(2027, 4, 13)


@pytest.fixture
def project(board, organisation_factory, project_factory, member_factory):
    """Verdun's kitchen leads from January 1st (its coordinator an admin); the farm's
    business and a school take part."""
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
    )
    project.coordinator = member_factory(organisation=board["kitchen"], role="admin")
    project.school = project.partners.get(organisation=school)
    project.farm = project.partners.get(role=Partner.Role.FARMER)
    return project


def url(name, *args, language="fr"):
    with translation.override(language):
        return reverse(f"community:{name}", args=args)


def commit(partner, kind="money", quantity="1000", unit="", due_on=date(2027, 12, 31), **fields):
    return PartnerCommitment.objects.create(
        partner=partner, kind=kind, quantity=Decimal(quantity), unit=unit, due_on=due_on, **fields
    )


def deliver(commitment, quantity, on=date(2027, 3, 1), note=""):
    return PartnerDelivery.objects.create(
        commitment=commitment, quantity=Decimal(quantity), delivered_on=on, note=note
    )


@pytest.mark.time_machine(NOW, tick=False)
def test_the_coordinator_records_commitments_and_deliveries_and_partners_read_who_is_behind(
    client, home_pages, board, project
):
    client.force_login(project.coordinator)
    response = client.post(
        url("project_commitment_create", project.pk),
        {
            "partner": project.farm.pk,
            "kind": "volume",
            "quantity": "2000",
            "unit": "kg",
            "due_on": "2027-12-31",
            "description": "Légumes racines pour les cantines",
        },
    )
    assert response.status_code == 302
    volume = PartnerCommitment.objects.get()
    response = client.post(
        url("project_delivery_create", volume.pk),
        {"delivered_on": "2027-03-20", "quantity": "150,5", "note": "Carottes"},
    )
    assert response.status_code == 302
    assert PartnerDelivery.objects.get().logged_by == project.coordinator
    # The school promised $12,000 of purchases by June and delivered nothing.
    client.post(
        url("project_commitment_create", project.pk),
        {
            "partner": project.school.pk,
            "kind": "purchases",
            "quantity": "12000",
            "unit": "kg",  # left from another choice: dropped, purchases are in dollars
            "due_on": "2027-06-30",
        },
    )
    assert PartnerCommitment.objects.get(kind="purchases").unit == ""
    client.force_login(board["farmer"])  # a partner reads
    page = client.get(url("project_detail", project.pk)).content.decode()
    assert "Engagements des partenaires" in page
    assert "2\xa0000\xa0kg" in page and "150,5\xa0kg" in page and "Carottes" in page
    assert "12\xa0000,00\xa0$" in page and "0,00\xa0$" in page
    # 150.5 of 2,000 kg (8 %) after 102 of 364 days (28 %): behind; so is the school.
    assert "8\xa0%" in page
    assert page.count("project-commitment--behind") == 2
    assert "2 engagements sont en retard." in page
    assert "Enregistrer une réalisation" not in page  # partners read, coordinators edit


@pytest.mark.time_machine(NOW, tick=False)
def test_behind_is_read_from_the_share_delivered_and_the_share_of_the_period_gone_by(project):
    """Jan 1 → Dec 31 2027: on April 13, 102 of 364 days (28 %) have gone by."""
    on_track = commit(project.farm)
    deliver(on_track, "300")  # 30 %
    lagging = commit(project.farm)
    deliver(lagging, "250")  # 25 %
    overdue = commit(project.school, due_on=date(2027, 4, 1))
    deliver(overdue, "999")
    done = commit(project.school, due_on=date(2027, 4, 1))
    deliver(done, "600")
    deliver(done, "400")
    hours = commit(project.school, kind="hours", quantity="40")
    states = {
        standing.commitment.pk: standing.state for standing in rules.commitments_of(project, TODAY)
    }
    assert states == {
        on_track.pk: "on_track",
        lagging.pk: "behind",
        overdue.pk: "behind",
        done.pk: "done",
        hours.pk: "behind",
    }
    standing = rules.commitment_standing(hours, project, date(2027, 1, 1))
    assert standing.state == "on_track"  # nothing is expected on the first day
    assert rules.written(hours, Decimal("1")) == "1 heure"
    assert rules.written(hours, Decimal("40")) == "40 heures"


@pytest.mark.time_machine(NOW, tick=False)
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kind": "volume", "unit": ""}, "unit", "Indiquez l'unité du volume."),
        ({"due_on": "2028-09-01"}, "due_on", "Indiquez une date comprise dans le projet"),
        ({"quantity": "0"}, "quantity", "Indiquez une quantité supérieure à zéro."),
        ({"partner": "other"}, "partner", "Sélectionnez un choix valide."),
    ],
)
def test_a_bad_commitment_is_explained_and_nothing_is_saved(
    client, home_pages, board, project, project_factory, fields, field, message
):
    if fields.get("partner") == "other":  # a partner of another project
        other = project_factory(board["farmer"].memberships.get().organisation)
        fields["partner"] = other.partners.get().pk
    data = {
        "partner": project.farm.pk,
        "kind": "money",
        "quantity": "1000",
        "unit": "",
        "due_on": "2027-12-31",
        "description": "",
    }
    client.force_login(project.coordinator)
    response = client.post(url("project_commitment_create", project.pk), {**data, **fields})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert escape(message) in response.content.decode(), response.context["form"].errors
    assert not PartnerCommitment.objects.exists()


@pytest.mark.time_machine(NOW, tick=False)
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"delivered_on": "2027-04-14"}, "Ce qui a été réalisé ne peut pas être dans le futur."),
        ({"delivered_on": "2026-12-31"}, "Le projet a commencé le 1er janvier 2027"),
        ({"quantity": "-5"}, "Indiquez une quantité supérieure à zéro."),
    ],
)
def test_a_bad_delivery_is_explained_and_nothing_is_saved(
    client, home_pages, project, fields, message
):
    commitment = commit(project.farm)
    client.force_login(project.coordinator)
    data = {"delivered_on": "2027-04-01", "quantity": "10", "note": "", **fields}
    response = client.post(url("project_delivery_create", commitment.pk), data)
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert not PartnerDelivery.objects.exists()


def test_a_partner_who_is_not_a_coordinator_cannot_record_a_commitment(
    client, home_pages, board, project
):
    client.force_login(board["farmer"])
    response = client.post(
        url("project_commitment_create", project.pk),
        {"partner": project.farm.pk, "kind": "money", "quantity": "99", "due_on": "2027-12-31"},
    )
    assert response.status_code == 403
    assert not PartnerCommitment.objects.exists()


@pytest.mark.time_machine(NOW, tick=False)
def test_the_page_asks_the_same_queries_for_3_commitments_as_for_30(
    client, home_pages, board, project, django_assert_num_queries
):
    client.force_login(board["farmer"])
    client.get(url("project_detail", project.pk))  # what pages create on first use

    def commitments(count):
        PartnerCommitment.objects.all().delete()
        for number in range(count):
            commitment = commit(
                [project.farm, project.school][number % 2], quantity=f"{number + 1}00"
            )
            deliver(commitment, "10", note=f"Versement {number}")
            deliver(commitment, "5")

    commitments(3)
    client.get(url("project_detail", project.pk))  # the menu, kept until a change, is built
    with django_assert_num_queries(14) as small:  # with the groups the person may open
        assert client.get(url("project_detail", project.pk)).status_code == 200
    few = len(small.captured_queries)  # a request empties the log
    commitments(30)
    client.get(url("project_detail", project.pk))
    with django_assert_num_queries(few):
        page = client.get(url("project_detail", project.pk)).content.decode()
    assert page.count('class="project-commitments__row ') == 30


# Deleting plan items -----------------------------------------------------------------


@pytest.fixture
def plan(project, action_factory):
    package = WorkPackage.objects.create(project=project, number=1, title="Diagnostic")
    kept = WorkPackage.objects.create(project=project, number=2, title="Logistique")
    inventory = action_factory(project, work_package=package, title="Inventaire des menus")
    Deliverable.objects.create(
        action=inventory,
        title="Rapport de diagnostic",
        owner=inventory.owner,
        due_on=inventory.due_on,
    )
    action_factory(project, work_package=package, title="Entretiens en cuisine")
    action_factory(project, work_package=kept, title="Tournée partagée")
    return package


def test_deleting_a_work_package_lists_its_actions_and_deliverables_then_deletes_them(
    client, home_pages, project, plan
):
    client.force_login(project.coordinator)
    confirm = url("work_package_delete", plan.pk)
    response = client.get(confirm)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Supprimer le volet 1. Diagnostic ?" in page
    assert "Ceci supprime définitivement ces 4 éléments" in page
    for title in ("Inventaire des menus", "Rapport de diagnostic", "Entretiens en cuisine"):
        assert escape(title) in page
    assert "Tournée partagée" not in page
    assert WorkPackage.objects.filter(pk=plan.pk).exists()  # showing deletes nothing
    response = client.post(confirm, {"contents": response.context["form"]["contents"].value()})
    assert response.status_code == 302
    assert not WorkPackage.objects.filter(pk=plan.pk).exists()
    assert list(Action.objects.values_list("title", flat=True)) == ["Tournée partagée"]
    assert not Deliverable.objects.exists()
    page = client.get(response.url).content.decode()
    assert "Le volet est supprimé, avec ses actions et leurs livrables." in page


def test_an_action_added_after_the_confirmation_was_shown_is_not_deleted_unseen(
    client, home_pages, project, plan, action_factory
):
    client.force_login(project.coordinator)
    confirm = url("work_package_delete", plan.pk)
    shown = client.get(confirm).context["form"]["contents"].value()
    action_factory(project, work_package=plan, title="Visite de ferme")
    response = client.post(confirm, {"contents": shown})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Le plan a changé depuis l'affichage de cette page." in page
    assert "Visite de ferme" in page
    assert Action.objects.filter(work_package=plan).count() == 3
    response = client.post(confirm, {"contents": response.context["form"]["contents"].value()})
    assert response.status_code == 302 and not Action.objects.filter(title="Visite de ferme")


def test_deleting_an_action_takes_its_deliverables_and_a_deliverable_only_itself(
    client, home_pages, project, plan
):
    client.force_login(project.coordinator)
    inventory = Action.objects.get(title="Inventaire des menus")
    confirm = url("project_action_delete", inventory.pk)
    key = client.get(confirm).context["form"]["contents"].value()
    assert client.post(confirm, {"contents": key}).status_code == 302
    assert not Deliverable.objects.exists()
    assert Action.objects.count() == 2
    other = Action.objects.get(title="Entretiens en cuisine")
    deliverable = Deliverable.objects.create(
        action=other, title="Compte rendu", owner=other.owner, due_on=other.due_on
    )
    confirm = url("deliverable_delete", deliverable.pk)
    key = client.get(confirm).context["form"]["contents"].value()
    assert client.post(confirm, {"contents": key}).status_code == 302
    assert Action.objects.filter(pk=other.pk).exists() and not Deliverable.objects.exists()


def test_a_partner_cannot_delete_and_a_post_without_confirmation_deletes_nothing(
    client, home_pages, board, project, plan
):
    client.force_login(board["cook"])  # of the lead, not an admin
    assert client.post(url("work_package_delete", plan.pk), {"contents": "x"}).status_code == 403
    client.force_login(project.coordinator)
    response = client.post(url("work_package_delete", plan.pk), {})
    assert response.status_code == 200
    assert WorkPackage.objects.filter(pk=plan.pk).exists()


@pytest.mark.time_machine(NOW, tick=False)
def test_deleting_a_commitment_takes_what_was_delivered_against_it(client, home_pages, project):
    commitment = commit(project.farm)
    deliver(commitment, "100", note="Premier versement")
    kept = deliver(commit(project.school), "5")
    client.force_login(project.coordinator)
    confirm = url("project_commitment_delete", commitment.pk)
    response = client.get(confirm)
    assert "Premier versement" in response.content.decode()
    client.post(confirm, {"contents": response.context["form"]["contents"].value()})
    assert list(PartnerDelivery.objects.all()) == [kept]
    confirm = url("project_delivery_delete", kept.pk)
    client.post(confirm, {"contents": client.get(confirm).context["form"]["contents"].value()})
    assert not PartnerDelivery.objects.exists() and PartnerCommitment.objects.count() == 1


# The account menu --------------------------------------------------------------------


def test_the_account_menu_leads_partners_to_their_projects(
    client, home_pages, board, project, member_factory, organisation_factory
):
    projects = url("project_list")
    client.force_login(board["farmer"])
    assert f'href="{projects}"' in client.get("/fr/").content.decode()
    client.force_login(member_factory(organisation=organisation_factory(name="Popote")))
    page = client.get("/fr/").content.decode()
    assert f'href="{projects}"' not in page
    assert 'href="' + url("need_list") + '"' in page  # still a member
