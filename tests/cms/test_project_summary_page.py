"""A project's public summary: objectives, partners, funders and progress read from the
project, no person named, what is late only when the editor decides so."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from wagtail.test.utils.form_data import nested_form_data

import pytest

from cms.models import HomePage, ProjectSummaryPage
from community.models import Deliverable, Partner

NOW = datetime(2027, 4, 13, 10, 0, tzinfo=ZoneInfo("America/Montreal"))
TODAY = date(2027, 4, 13)


@pytest.fixture
def project(board, project_factory, action_factory, user_factory):
    project = project_factory(
        board["kitchen"],
        partners=[(board["farmer"].memberships.get().organisation, Partner.Role.FARMER)],
        name="Cantines du Sud-Ouest",
        objectives="Passer à 40 % de produits locaux.",
        starts_on=date(2027, 1, 1),
        ends_on=date(2028, 6, 30),
        funders=("MAPAQ",),
    )
    cook = board["cook"]
    cook.first_name, cook.last_name = "Josée", "Tremblay"
    cook.save()
    done = action_factory(project, title="Diagnostic", status="done", owner_person=cook)
    action_factory(project, title="Menus d'hiver", due_on=TODAY - timedelta(days=2))
    action_factory(project, title="Contrat type", due_on=TODAY + timedelta(days=20))
    action_factory(project, title="Ancienne idée", status="dropped")
    Deliverable.objects.create(
        action=done,
        title="Rapport",
        owner=done.owner,
        due_on=TODAY - timedelta(days=5),
        status="done",
        owner_person=cook,
    )
    Deliverable.objects.create(
        action=done, title="Carte", owner=done.owner, due_on=TODAY + timedelta(days=5)
    )
    return project


def summary_page(home_pages, project, **fields):
    page = home_pages["fr"].add_child(
        instance=ProjectSummaryPage(
            title="Le projet des cantines", slug="projet-cantines", project=project, **fields
        )
    )
    page.save_revision().publish()
    return page


@pytest.mark.time_machine(NOW, tick=False)
def test_the_public_reads_objectives_partners_and_progress_but_no_names(
    client, home_pages, project, django_assert_max_num_queries
):
    page = summary_page(home_pages, project)
    with django_assert_max_num_queries(30):
        response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Passer à 40 % de produits locaux." in html and "MAPAQ" in html
    assert "Ferme Lebeau inc." in html and "agriculteur" in html
    # Three actions kept (the dropped one aside), one done.
    assert "1 sur 3 (33\xa0%)" in html
    assert "Réalisés : 1 sur 2 prévus" in html
    assert "Réalisés : 1 sur 1 attendu à ce jour" in html
    assert "Tremblay" not in html and "Josée" not in html
    assert "Menus d&#x27;hiver" not in html and "Menus d'hiver" not in html


@pytest.mark.time_machine(NOW, tick=False)
def test_what_is_late_shows_only_when_the_editor_decides_so(client, home_pages, project):
    page = summary_page(home_pages, project, shows_late_items=True)
    html = client.get(page.url).content.decode()
    assert "Menus d&#x27;hiver" in html and "Cuisine collective de Verdun" in html
    assert "Contrat type" not in html and "Tremblay" not in html


def test_a_draft_summary_is_not_served(client, home_pages, project):
    page = summary_page(home_pages, project)
    page.unpublish()
    assert client.get(f"/fr/{page.slug}/").status_code == 404


def test_an_editor_creates_the_page_under_the_home_page(admin_client, home_pages, project):
    home = home_pages["fr"]
    response = admin_client.post(
        f"/admin/pages/add/cms/projectsummarypage/{home.pk}/",
        nested_form_data(
            {
                "title": "Le projet des cantines",
                "slug": "projet-cantines",
                "intro": "",
                "project": project.pk,
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ProjectSummaryPage.objects.get().project == project
    assert HomePage.objects.get(pk=home.pk).get_children().count() == 1
