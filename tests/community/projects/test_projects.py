"""A project's page for its partners: objectives, partners and their roles, the action
plan as a table and a timeline, what is late or due soon; the plan kept from the site by
the lead organisation's coordinators and the staff."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from community.models import Action, Deliverable, Partner, Project, WorkPackage

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
    from django.utils import translation

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
