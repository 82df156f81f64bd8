"""The demo's project: a region's collective catering relocalised, with its partners and a
plan in which some actions are late, coordinated by the demo member."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

import pytest

from community.models import Action, Deliverable, Meeting, PartnerDelivery, Project
from community.projects import rules
from community.projects.demo import NAME
from directory.collections import MEMBERS_COLLECTION


@pytest.mark.time_machine(
    datetime(2027, 3, 2, 9, 0, tzinfo=ZoneInfo("America/Montreal")), tick=False
)
def test_the_demo_project_has_partners_a_plan_and_late_actions(client, db, settings):
    settings.DEBUG = True
    call_command("load_demo_content", stdout=StringIO())
    call_command("load_demo_content", stdout=StringIO())  # again: nothing added twice
    project = Project.objects.get(name=NAME)
    assert 6 <= project.partners.count() <= 8
    actions = Action.objects.filter(work_package__project=project)
    assert 10 <= actions.count() <= 14
    assert 2 <= sum(action.is_late() for action in actions) <= 5
    document = Deliverable.objects.get(document__isnull=False).document
    assert document.collection.name == MEMBERS_COLLECTION
    users = get_user_model().objects
    coordinator = users.get(email="membre@salim.example")
    client.force_login(coordinator)
    page = client.get(reverse("community:project_detail", args=[project.pk])).content.decode()
    assert "Cartographie des fermes" in page and "Ajouter une action" in page
    assert page.count("project-status--late") >= 4  # in the list and in the table
    # The partners' commitments, entered through the coordinator's forms: the school's
    # purchases lag behind, the others are on track.
    behind = [standing for standing in rules.commitments_of(project) if standing.behind]
    assert [standing.commitment.partner.organisation.name for standing in behind] == [
        "École primaire des Berges"
    ]
    assert PartnerDelivery.objects.filter(commitment__partner__project=project).count() >= 4
    assert "1 engagement est en retard." in page
    # The funder report, over the whole project, has something in each section.
    report = reverse("community:project_report", args=[project.pk])
    assert report in page
    sections = {section.key: section for section in client.get(report).context["sections"]}
    assert len(sections["plan"].rows) >= 10
    assert {"Carotte", "Pomme"} <= {row[1] for row in sections["volumes"].rows}
    assert sections["local_supply"].recorded and sections["local_supply"].rows
    assert sections["events"].rows
    client.force_login(users.get(email="popote@salim.example"))  # not a partner
    assert client.get(reverse("community:project_detail", args=[project.pk])).status_code == 403
    # Its groups: a steering committee that met, with minutes whose actions joined the plan.
    assert list(project.groups.values_list("kind", flat=True)) == ["steering", "working", "working"]
    met = Meeting.objects.get(group__kind="steering", minutes_published_at__isnull=False)
    assert met.decisions.count() == 1 and met.attendees.count() == 4
    decided = Action.objects.filter(meeting=met)
    assert decided.count() == 2
    assert {action.work_package.title for action in decided} >= {"Décidé en réunion"}
    client.force_login(coordinator)
    page = client.get(reverse("community:meeting_detail", args=[met.pk])).content.decode()
    assert "Tester le contrat de culture" in page and "Rédiger le compte rendu" in page
    plan = client.get(reverse("community:project_detail", args=[project.pk])).content.decode()
    assert "Demander un devis de location" in plan and "Comité de pilotage" in plan
