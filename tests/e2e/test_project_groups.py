"""A project's coordinator runs its steering committee in a real browser: creates the
committee, records a meeting with its agenda, writes the minutes with a decision and two
actions, finds the actions in the project's plan and, once one of them is late, in the
weekly digest and the funder report."""

import re
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import time_machine
from playwright.sync_api import expect

from tests.conftest import PASSWORD


def test_a_coordinator_runs_a_steering_committee(
    page, home_pages, board, project_factory, member_factory, axe, mailoutbox
):
    kitchen = board["kitchen"]
    farm_business = board["farmer"].memberships.get().organisation
    project_factory(kitchen, partners=[(farm_business, "farmer")], name="Cantines du Sud-Ouest")
    member_factory(
        organisation=kitchen,
        role="admin",
        email="coordination@verdun.example",
        first_name="Claire",
        last_name="Roy",
    )
    member_factory(organisation=farm_business, first_name="Paul", last_name="Lebeau")
    page.goto("/fr/comptes/login/")
    page.get_by_label("E-mail").fill("coordination@verdun.example")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.goto("/fr/projets/")
    page.get_by_role("link", name="Cantines du Sud-Ouest").click()
    page.get_by_role("link", name="Créer un groupe").click()
    page.get_by_label("Type").select_option("steering")
    page.get_by_label(re.compile("^Nom")).fill("Comité de pilotage")
    page.get_by_label("Claire Roy").check()
    page.get_by_label("Paul Lebeau").check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comité de pilotage")
    axe(page)

    # The meeting took place this morning: recorded with its agenda.
    started = timezone.localtime() - timedelta(hours=3)
    page.get_by_role("link", name="Planifier une réunion").click()
    page.get_by_label("Début").fill(started.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Fin").fill((started + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Lieu").fill("Cuisine collective de Verdun")
    page.get_by_label("Ordre du jour").fill("1. Bilan du diagnostic\n2. Contrats de culture")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text("La réunion est enregistrée.")
    expect(page.get_by_text("1. Bilan du diagnostic")).to_be_visible()

    page.get_by_role("link", name="Rédiger le compte rendu").click()
    page.get_by_label(re.compile("^Compte rendu")).fill("Le comité valide le diagnostic.")
    page.get_by_label("Décisions").fill("Tester le contrat de culture avec la ferme")
    page.get_by_label("Publier le compte rendu").check()
    due = (timezone.localdate() + timedelta(days=5)).isoformat()
    for number, (title, owner, person) in enumerate(
        [
            ("Écrire le contrat type", "Cuisine collective de Verdun", "Claire Roy"),
            ("Préparer les parcelles", "Ferme Lebeau inc.", "Paul Lebeau"),
        ],
        start=1,
    ):
        item = page.get_by_role("group", name=f"Nouvelle action {number}")
        item.get_by_label("Titre").fill(title)
        item.get_by_label("Responsable (un organisme partenaire)").select_option(label=owner)
        item.get_by_label("Personne responsable").select_option(label=person)
        item.get_by_label("Prévu le").fill(due)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text("Le compte rendu est publié")
    decided = page.locator("h2:has-text('Actions décidées') + ul")
    expect(decided).to_contain_text("Écrire le contrat type")
    expect(decided).to_contain_text("Préparer les parcelles")
    axe(page)

    # In the plan, in the "Decided in meetings" work package, linked to the meeting.
    page.get_by_role("link", name="Cantines du Sud-Ouest").click()
    plan = page.locator("table.project-plan")
    expect(plan).to_contain_text("Décidé en réunion")
    expect(plan).to_contain_text("Préparer les parcelles")
    plan.get_by_role("link", name="Décidée en réunion (Préparer les parcelles)").click()
    expect(page.get_by_text("Le comité valide le diagnostic.")).to_be_visible()

    # A week on (the session still open), both actions are late: the coordinators' weekly
    # digest lists them, and the funder report shows them late, with the meeting held.
    with time_machine.travel(timezone.now() + timedelta(days=7)):
        mailoutbox.clear()
        call_command("send_project_digests", stdout=StringIO())
        [digest] = [m for m in mailoutbox if m.to == ["coordination@verdun.example"]]
        late = digest.body.split("En retard :", 1)[1]
        assert "Préparer les parcelles" in late and "Écrire le contrat type" in late
        page.get_by_role("link", name="Cantines du Sud-Ouest").first.click()
        page.get_by_role("link", name="Rapport aux bailleurs de fonds").click()
        page.get_by_role("button", name="Afficher le rapport").click()
        expect(page.locator("body")).to_contain_text("Préparer les parcelles")
        late_row = page.locator("tr", has_text="Préparer les parcelles")
        expect(late_row).to_contain_text("en retard")
        expect(page.locator("body")).to_contain_text("Comité de pilotage")
        axe(page)
