"""The coordinators' weekly digest: what slips in each project (late items, items due
within 7 and 30 days, partners' commitments behind), to the lead organisation's admins in
their language; nothing when nothing slips, one a week however often it runs."""

import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command

import pytest

from community.models import Partner, PartnerCommitment, Project
from community.projects.digest import send_project_digests

MONTREAL = ZoneInfo("America/Montreal")
MONDAY = date(2027, 4, 12)
NOW = datetime(2027, 4, 12, 7, 0, tzinfo=MONTREAL)


@pytest.fixture
def project(board, project_factory, member_factory, organisation_factory):
    """Verdun's kitchen leads, with a French and an English coordinator; the cook (no
    admin) and the farm's member are partners, not coordinators."""
    project = project_factory(
        board["kitchen"],
        partners=[(board["farmer"].memberships.get().organisation, Partner.Role.FARMER)],
        name="Cantines du Sud-Ouest",
        starts_on=date(2027, 1, 1),
        ends_on=date(2028, 6, 30),
    )
    project.coordinators = [
        member_factory(organisation=board["kitchen"], role="admin", language="fr"),
        member_factory(organisation=board["kitchen"], role="admin", language="en"),
    ]
    # An admin of the farm's business coordinates nothing.
    member_factory(organisation=board["farmer"].memberships.get().organisation, role="admin")
    return project


def slipping_plan(project, action_factory):
    action_factory(project, title="Inventaire des menus", due_on=MONDAY - timedelta(days=3))
    action_factory(project, title="Visite de ferme", due_on=MONDAY + timedelta(days=5))
    action_factory(project, title="Bilan de saison", due_on=MONDAY + timedelta(days=25))
    action_factory(project, title="Plus tard", due_on=MONDAY + timedelta(days=45))
    action_factory(project, title="Fait", due_on=MONDAY - timedelta(days=9), status="done")
    PartnerCommitment.objects.create(
        partner=project.partners.get(role=Partner.Role.FARMER),
        kind="volume",
        quantity=Decimal("2000"),
        unit="kg",
        due_on=date(2027, 12, 31),
    )


@pytest.mark.time_machine(NOW, tick=False)
def test_each_coordinator_reads_what_slips_in_their_language(home_pages, project, action_factory):
    slipping_plan(project, action_factory)
    call_command("send_project_digests", stdout=io.StringIO())
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        person.email for person in project.coordinators
    )
    french, english = (
        next(message for message in mail.outbox if message.to == [person.email])
        for person in project.coordinators
    )
    assert "Cantines du Sud-Ouest : 4 points à surveiller cette semaine" in french.subject
    body = french.body
    late, week, month = (
        body.index("En retard :"),
        body.index("d'ici 7 jours"),
        body.index("d'ici 30 jours"),
    )
    assert late < body.index("Inventaire des menus") < week < body.index("Visite de ferme")
    assert month < body.index("Bilan de saison")
    assert "Plus tard" not in body and "Fait" not in body
    assert "Engagements des partenaires en retard :" in body
    assert "Ferme Lebeau inc. · volumes d'aliments : 0\xa0kg sur 2\xa0000\xa0kg" in body
    assert f"/fr/projets/{project.pk}/" in body
    assert "Cantines du Sud-Ouest: 4 things to watch this week" in english.subject
    assert "Partners' commitments behind:" in english.body
    assert f"/en/projects/{project.pk}/" in english.body


@pytest.mark.time_machine(NOW, tick=False)
def test_nothing_is_sent_when_nothing_slips_and_never_twice_a_week(
    home_pages, project, action_factory, time_machine
):
    action_factory(project, title="Plus tard", due_on=MONDAY + timedelta(days=45))
    action_factory(project, title="Fait", due_on=MONDAY - timedelta(days=9), status="done")
    assert send_project_digests() == 0
    assert not mail.outbox
    assert Project.objects.get(pk=project.pk).digest_sent_on is None
    slipping_plan(project, action_factory)
    assert send_project_digests() == 1
    assert send_project_digests() == 0  # the same day
    time_machine.move_to(NOW + timedelta(days=3))
    assert send_project_digests() == 0  # the same week
    time_machine.move_to(NOW + timedelta(days=7))
    assert send_project_digests() == 1  # the next Monday
    assert len(mail.outbox) == 2 * len(project.coordinators)


@pytest.mark.time_machine(NOW, tick=False)
def test_a_project_over_for_long_is_left_alone(home_pages, project, action_factory):
    slipping_plan(project, action_factory)
    Project.objects.filter(pk=project.pk).update(
        starts_on=date(2025, 1, 1), ends_on=date(2026, 12, 31)
    )
    assert send_project_digests() == 0
