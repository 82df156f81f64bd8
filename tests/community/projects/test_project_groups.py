"""A project's groups (steering committee, working groups): the coordinator creates them
with people of the partners, who alone (with the coordinators and the staff) read the
group's page, its meetings and its forum; meetings are scheduled (members invited by
email with an .ics), get an agenda, minutes with decisions and actions that join the plan
(members emailed once published), and the attendance the funder's report counts."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

import pytest

from community.models import Action, Decision, ForumCategory, Meeting, Partner, ProjectGroup
from community.projects import groups, report
from community.projects.forms import ProjectGroupForm

MONTREAL = ZoneInfo("America/Montreal")
NOW = datetime(2027, 4, 13, 10, 0, tzinfo=MONTREAL)  # a Tuesday, mid-project
at_now = pytest.mark.time_machine(NOW, tick=False)


@pytest.fixture
def project(board, organisation_factory, project_factory, member_factory):
    """Verdun's kitchen leads (its admin coordinates); the farm's business and a school
    take part. The school's head reads English."""
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
    project.coordinator = member_factory(
        organisation=board["kitchen"], role="admin", first_name="Claire", last_name="Roy"
    )
    project.school = school
    project.head = member_factory(
        organisation=school, first_name="Sam", last_name="Lee", language="en"
    )
    project.farmer = board["farmer"]
    return project


def url(name, *args, language="fr"):
    with translation.override(language):
        return reverse(f"community:{name}", args=args)


def make_group(project, members, name="Comité de pilotage", kind="steering"):
    form = ProjectGroupForm(
        project, {"kind": kind, "name": name, "members": [m.pk for m in members]}
    )
    assert form.is_valid(), form.errors
    return groups.save_group(form)


def make_meeting(group, starts_at, **fields):
    return Meeting.objects.create(
        group=group,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        place=fields.pop("place", "Cuisine collective de Verdun"),
        **fields,
    )


@at_now
def test_the_coordinator_creates_a_group_whose_forum_only_its_members_read(
    client, home_pages, project, board
):
    client.force_login(project.coordinator)
    response = client.post(
        url("project_group_create", project.pk),
        {"kind": "working", "name": "Groupe menus", "members": [project.head.pk]},
    )
    group = ProjectGroup.objects.get(name="Groupe menus")
    assert response.url == url("project_group", group.pk)
    assert group.category.name_fr.startswith("Groupe menus")
    assert "Groupe menus" in client.get(url("project_detail", project.pk)).content.decode()
    # The head of the school, a member, reads the group and posts in its forum.
    client.force_login(project.head)
    page = client.get(url("project_group", group.pk)).content.decode()
    assert "Sam Lee" in page and "École des Berges" in page
    assert url("forum_category", group.category.pk) in page
    assert client.get(url("forum_category", group.category.pk)).status_code == 200
    assert "Groupe menus" in client.get(url("forum_index")).content.decode()
    # The farmer, a partner but not in the group, is refused its page and its forum.
    client.force_login(project.farmer)
    for address in (url("project_group", group.pk), url("forum_category", group.category.pk)):
        response = client.get(address)
        assert response.status_code == 403 and "Accès refusé" in response.content.decode()
    assert "Groupe menus" not in client.get(url("forum_index")).content.decode()
    assert "Groupe menus" not in client.get(url("project_detail", project.pk)).content.decode()


@at_now
def test_a_topic_of_a_group_stays_out_of_others_search_and_emails(
    client, home_pages, project, topic_factory, mailoutbox, django_capture_on_commit_callbacks
):
    from community.forums import rules as forums

    group = make_group(project, [project.head])
    topic = topic_factory(
        title="Menus automnaux", category=group.category, posts=[(project.head, "Brouillon")]
    )
    for person in (project.farmer, project.head):  # the farmer followed it before, say
        forums.follow(person, category=group.category)
    get_user_model().objects.update(forum_emails="each")
    client.force_login(project.farmer)
    assert client.get(url("forum_topic", topic.pk)).status_code == 404
    found = client.get(url("forum_search") + "?q=Brouillon").content.decode()
    assert "Menus automnaux" not in found
    client.force_login(project.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("forum_topic", topic.pk), {"body": "Réponse du coordinateur."})
    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [[project.head.email]]


@at_now
def test_bad_group_input_is_explained_and_nothing_is_saved(client, home_pages, project):
    make_group(project, [project.head], name="Comité technique", kind="technical")
    client.force_login(project.coordinator)
    response = client.post(
        url("project_group_create", project.pk),
        {"kind": "working", "name": "comité technique", "members": []},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Un autre groupe de ce projet porte ce nom." in page
    assert "Choisissez au moins un membre." in page
    assert 'value="comité technique"' in page
    assert ProjectGroup.objects.count() == 1 and ForumCategory.objects.count() == 1


@at_now
def test_scheduling_invites_each_member_in_their_language_with_the_meeting_attached(
    client, home_pages, project, mailoutbox, django_capture_on_commit_callbacks
):
    group = make_group(project, [project.head, project.coordinator])
    client.force_login(project.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("meeting_create", group.pk),
            {
                "starts_at": "2027-04-20T14:00",
                "ends_at": "2027-04-20T16:00",
                "place": "",
                "video_link": "https://visio.example.org/copil",
                "agenda": "1. Bilan du diagnostic\n2. Contrats de culture",
            },
        )
    meeting = Meeting.objects.get()
    assert response.url == url("meeting_detail", meeting.pk)
    by_person = {message.to[0]: message for message in mailoutbox}
    assert set(by_person) == {project.head.email, project.coordinator.email}
    english, french = by_person[project.head.email], by_person[project.coordinator.email]
    assert english.subject.startswith("[SALIM] Invitation: Comité de pilotage")
    assert "You are invited to a meeting" in english.body and "/en/" in english.body
    assert "Vous êtes invité·e à une réunion" in french.body and "/fr/" in french.body
    assert "Bilan du diagnostic" in french.body
    [(filename, ics, mimetype)] = french.attachments
    ics = ics if isinstance(ics, str) else ics.decode()
    assert filename == "meeting.ics" and mimetype == "text/calendar"
    assert "DTSTART:20270420T180000Z" in ics  # 14 h in Montréal
    assert "https://visio.example.org/copil" in ics


@at_now
def test_bad_meeting_input_is_explained_nothing_is_saved_nor_sent(
    client, home_pages, project, mailoutbox, django_capture_on_commit_callbacks
):
    group = make_group(project, [project.head])
    client.force_login(project.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("meeting_create", group.pk),
            {
                "starts_at": "2027-04-20T14:00",
                "ends_at": "2027-04-20T13:00",
                "place": "",
                "video_link": "",
                "agenda": "Ordre du jour à garder",
            },
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert "La réunion se termine après son début." in page
    assert "Indiquez un lieu ou un lien de visioconférence." in page
    assert "Ordre du jour à garder" in page
    # (Callbacks run: the page's first render may store the site's navigation settings.)
    assert not Meeting.objects.exists() and mailoutbox == []


@at_now
def test_the_agenda_is_written_before_and_kept_once_the_minutes_are_out(
    client, home_pages, project
):
    group = make_group(project, [project.head])
    meeting = make_meeting(group, NOW + timedelta(days=7))
    client.force_login(project.coordinator)
    response = client.post(url("meeting_agenda", meeting.pk), {"agenda": ""})
    assert "Champ requis." in response.content.decode()
    response = client.post(url("meeting_agenda", meeting.pk), {"agenda": "1. Budget"})
    assert response.url == url("meeting_detail", meeting.pk)
    client.force_login(project.head)
    assert "1. Budget" in client.get(url("meeting_detail", meeting.pk)).content.decode()
    Meeting.objects.filter(pk=meeting.pk).update(minutes_published_at=NOW)
    client.force_login(project.coordinator)
    response = client.post(url("meeting_agenda", meeting.pk), {"agenda": "Autre chose"})
    assert escape("Le compte rendu est publié : l'ordre du jour reste") in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).agenda == "1. Budget"


def minutes_data(project, **changes):
    data = {
        "minutes": "Le comité valide le diagnostic.",
        "decisions": "Valider le diagnostic\n\nLancer l'appel aux fermes",
        "publish": "on",
        "action-TOTAL_FORMS": "3",
        "action-INITIAL_FORMS": "0",
        "action-MIN_NUM_FORMS": "0",
        "action-MAX_NUM_FORMS": "5",
        "action-0-title": "Écrire aux fermes",
        "action-0-owner": project.farmer.memberships.get().organisation.pk,
        "action-0-owner_person": project.farmer.pk,
        "action-0-due_on": "2027-05-15",
        "action-0-work_package": "",
        "action-1-title": "Chiffrer les menus",
        "action-1-owner": project.school.pk,
        "action-1-owner_person": project.head.pk,
        "action-1-due_on": "2027-06-01",
        "action-1-work_package": getattr(project.work_packages.first(), "pk", ""),
    }
    data.update(changes)
    return data


@at_now
def test_minutes_with_a_decision_and_two_actions_join_the_plan_and_reach_the_members(
    client, home_pages, project, action_factory, mailoutbox, django_capture_on_commit_callbacks
):
    action_factory(project, title="Inventaire des menus")  # work package 1
    group = make_group(project, [project.head, project.coordinator])
    meeting = make_meeting(group, NOW - timedelta(days=2))
    client.force_login(project.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("meeting_minutes", meeting.pk), minutes_data(project))
    assert response.url == url("meeting_detail", meeting.pk)
    assert list(Decision.objects.values_list("text", flat=True)) == [
        "Valider le diagnostic",
        "Lancer l'appel aux fermes",
    ]
    farms, menus = Action.objects.filter(meeting=meeting).order_by("due_on")
    assert farms.work_package.title == "Décidé en réunion" and farms.work_package.number == 2
    assert menus.work_package.number == 1 and menus.owner_person == project.head
    # Shown both ways: the plan links to the meeting, the meeting to the plan.
    plan = client.get(url("project_detail", project.pk)).content.decode()
    assert "Écrire aux fermes" in plan and url("meeting_detail", meeting.pk) in plan
    page = client.get(url("meeting_detail", meeting.pk)).content.decode()
    assert "Chiffrer les menus" in page and "Valider le diagnostic" in page
    assert "dans le plan : volet 1. Diagnostic des cantines" in page
    # Each member, in their language.
    by_person = {message.to[0]: message for message in mailoutbox}
    english = by_person[project.head.email]
    assert english.subject.startswith("[SALIM] Minutes: Comité de pilotage")
    assert "Decisions:" in english.body and "Chiffrer les menus" in english.body
    assert "Décisions :" in by_person[project.coordinator.email].body
    # Saved again: not sent twice, the decisions as written now.
    mailoutbox.clear()
    again = minutes_data(project, decisions="Valider le diagnostic", **{"action-0-title": ""})
    for key in [k for k in again if k.startswith("action-0") or k.startswith("action-1")]:
        again[key] = ""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("meeting_minutes", meeting.pk), again)
    assert mailoutbox == [] and Decision.objects.count() == 1
    assert Action.objects.filter(meeting=meeting).count() == 2


@at_now
def test_bad_minutes_are_explained_and_nothing_is_lost(client, home_pages, project):
    group = make_group(project, [project.head])
    past = make_meeting(group, NOW - timedelta(days=1))
    client.force_login(project.coordinator)
    data = minutes_data(
        project,
        **{"action-0-owner_person": project.head.pk, "action-1-owner_person": ""},
    )
    data["action-1-work_package"] = ""
    response = client.post(url("meeting_minutes", past.pk), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sam Lee n&#x27;est pas membre de l&#x27;organisme Ferme" in page
    assert "Champ requis." in page
    assert "Le comité valide le diagnostic." in page and "Écrire aux fermes" in page
    assert not Action.objects.exists() and not Decision.objects.exists()
    assert Meeting.objects.get(pk=past.pk).minutes == ""
    # Minutes of a meeting still to come are refused.
    coming = make_meeting(group, NOW + timedelta(days=3))
    response = client.post(url("meeting_minutes", coming.pk), minutes_data(project))
    assert escape("La réunion n'a pas encore eu lieu.") in response.content.decode()
    assert not Action.objects.exists()


@at_now
def test_attendance_is_recorded_after_the_meeting_and_counted_for_the_report(
    client, home_pages, project
):
    group = make_group(project, [project.head, project.coordinator])
    past = make_meeting(group, NOW - timedelta(days=1))
    coming = make_meeting(group, NOW + timedelta(days=1))
    client.force_login(project.coordinator)
    response = client.post(url("meeting_attendance", coming.pk), {"attendees": [project.head.pk]})
    assert escape("La réunion n'a pas encore eu lieu.") in response.content.decode()
    response = client.post(url("meeting_attendance", past.pk), {"attendees": [project.farmer.pk]})
    assert "Sélectionnez un choix valide." in response.content.decode()
    response = client.post(url("meeting_attendance", past.pk), {"attendees": [project.head.pk]})
    assert response.url == url("meeting_detail", past.pk)
    assert "1 personne est venue" in client.get(url("meeting_detail", past.pk)).content.decode()
    # The funder report counts the meeting held (not the one to come) and who came.
    with translation.override("en"):
        sections = report.build(project, report.default_period(project), NOW.date())
    meetings = next(section for section in sections if section.key == "meetings")
    assert [row[:5] for row in meetings.sheet_rows] == [
        [group.name, timezone.localtime(past.starts_at).date(), 1, 2, 0]
    ]
    assert meetings.figures[0][1] == "1"
    assert meetings.figures[1][1] == "1 of 2 members (50%)"


@at_now
def test_group_and_meeting_pages_ask_the_same_queries_for_more_meetings_and_actions(
    client, home_pages, project, action_factory, django_assert_max_num_queries
):
    group = make_group(project, [project.head, project.coordinator])
    client.force_login(project.head)

    def meetings_of(count):
        for number in range(count):
            meeting = make_meeting(group, NOW - timedelta(days=number + 1), minutes="Vu.")
            meeting.attendees.set([project.head, project.coordinator])
            meeting.decisions.create(text=f"Décision {number}")
            for _ in range(2):
                action_factory(project, meeting=meeting, owner_person=project.coordinator)
        return meeting

    meeting = meetings_of(2)
    client.get(url("project_group", group.pk))  # the session, settings made on first use
    with django_assert_max_num_queries(60) as small:
        client.get(url("project_group", group.pk))
        client.get(url("meeting_detail", meeting.pk))
    meeting = meetings_of(10)
    Action.objects.filter(meeting__isnull=False).update(meeting=meeting)
    with django_assert_max_num_queries(len(small.captured_queries)):
        group_page = client.get(url("project_group", group.pk)).content.decode()
        meeting_page = client.get(url("meeting_detail", meeting.pk)).content.decode()
    assert group_page.count("/reunions/") >= 12
    assert meeting_page.count("project-status--") == 24


@at_now
@pytest.mark.mail_fails
def test_a_failing_mail_server_neither_fails_nor_undoes_scheduling(
    client, home_pages, project, settings, django_capture_on_commit_callbacks
):
    from tests.community.helpers import unused_port

    group = make_group(project, [project.head])
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", unused_port()
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    client.force_login(project.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("meeting_create", group.pk),
            {
                "starts_at": "2027-04-20T14:00",
                "ends_at": "2027-04-20T16:00",
                "place": "Salle du conseil",
            },
        )
    meeting = Meeting.objects.get()
    assert response.url == url("meeting_detail", meeting.pk)
    assert meeting.place == "Salle du conseil"
