"""The staff create a project in the admin, with its partners (one of them the lead) and
its funders."""

from django.utils.html import escape

import pytest

from community.models import Project

CREATE = "/admin/community/project/create/"


def project_form(partners, funders=("Ville de Montréal",), **fields):
    data = {
        "name": "Relocalisons les cantines du Sud-Ouest",
        "starts_on": "2027-01-01",
        "ends_on": "2028-06-30",
        "objectives": "Passer à 40 % de produits locaux.",
        "partners-TOTAL_FORMS": str(len(partners)),
        "partners-INITIAL_FORMS": "0",
        "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "60",
        "funders-TOTAL_FORMS": str(len(funders)),
        "funders-INITIAL_FORMS": "0",
        "funders-MIN_NUM_FORMS": "0",
        "funders-MAX_NUM_FORMS": "20",
    }
    for number, (organisation, role) in enumerate(partners):
        data[f"partners-{number}-organisation"] = organisation.pk
        data[f"partners-{number}-role"] = role
        data[f"partners-{number}-id"] = ""
    for number, name in enumerate(funders):
        data[f"funders-{number}-name"] = name
        data[f"funders-{number}-ORDER"] = str(number + 1)
        data[f"funders-{number}-id"] = ""
    return {**data, **fields}


@pytest.mark.time_machine("2027-01-10 15:00:00+00:00", tick=False)
def test_the_staff_create_a_project_with_its_lead_partners_and_funders(
    client, home_pages, editor, board
):
    client.force_login(editor)
    farm = board["farmer"].memberships.get().organisation
    response = client.post(CREATE, project_form([(board["kitchen"], "lead"), (farm, "farmer")]))
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.partners.get(role="lead").organisation == board["kitchen"]
    assert [funder.name for funder in project.funders.all()] == ["Ville de Montréal"]


@pytest.mark.time_machine("2027-01-10 15:00:00+00:00", tick=False)
@pytest.mark.parametrize("roles", [("farmer", "farmer"), ("lead", "lead")])
def test_a_project_needs_one_lead_and_only_one(client, home_pages, editor, board, roles):
    client.force_login(editor)
    farm = board["farmer"].memberships.get().organisation
    partners = list(zip([board["kitchen"], farm], roles, strict=True))
    response = client.post(CREATE, project_form(partners))
    assert response.status_code == 200
    assert escape("Désignez un organisme porteur parmi les partenaires, et un seul.") in (
        response.content.decode()
    )
    assert not Project.objects.exists()


@pytest.mark.time_machine("2027-01-10 15:00:00+00:00", tick=False)
def test_partners_left_out_of_an_edit_still_count(client, home_pages, editor, board):
    """A form that does not show the saved partners (an outdated or tampered form count)
    posting the same lead again is told so, instead of a server error."""
    client.force_login(editor)
    farm = board["farmer"].memberships.get().organisation
    partners = [(board["kitchen"], "lead"), (farm, "farmer")]
    client.post(CREATE, project_form(partners))
    project = Project.objects.get()
    response = client.post(f"/admin/community/project/edit/{project.pk}/", project_form(partners))
    assert response.status_code == 200
    assert escape("Désignez un organisme porteur parmi les partenaires, et un seul.") in (
        response.content.decode()
    )
    assert project.partners.count() == 2


def test_members_do_not_reach_the_projects_admin(client, home_pages, board):
    client.force_login(board["cook"])
    assert client.get(CREATE).status_code == 302
