"""The procurement specialist's workspace in the admin: interactions, follow-ups, outcomes
and learnings; each producer's and organisation's timeline from every source; the triage
of new needs; the weekly digest; and nothing of it for anyone but the network's staff."""

import csv
import io
import zoneinfo
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest
import time_machine

from cms.models import ResourcePage
from community.figures.rules import network_figures
from community.models import (
    Answer,
    Claim,
    Commitment,
    FollowUp,
    Interaction,
    Learning,
    Need,
    Outcome,
    PriceRequest,
    PriceRound,
    Registration,
)
from community.needs import rules as needs_rules
from community.outbox.tasks import RETRY_DELAYS
from community.workspace import timeline as timeline_module
from community.workspace import triage
from community.workspace.contacting import contact_candidates
from community.workspace.follow_ups import follow_ups_of, send_follow_up_digests
from community.workspace.timeline import SOURCES, timeline, timeline_page
from community.workspace.triage import TRIAGE_SECTIONS, needs_to_triage
from community.workspace.views import TIMELINE_PAGE_SIZE
from directory.models import Producer

from ..helpers import DATABASE_TASKS, make_need, run_due_tasks, unused_port

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)

ADMIN = "/admin/community"
# The triage page from the cache: the session, the user, Wagtail's admin, the needs and
# the interactions about them, however many there are.
WARM_TRIAGE_QUERIES = 13
MONTREAL = zoneinfo.ZoneInfo("America/Montreal")


def interaction_form(**fields):
    return {
        "kind": "call",
        "happened_on": timezone.localdate().isoformat(),
        "producer": "",
        "organisation": "",
        "people": "Julie Lebeau",
        "notes": "Plan de culture 2027 : carottes et betteraves en plus.",
        "tags": "plan de culture, prix",
        "follow_up": "",
        "follow_up_on": "",
        **fields,
    }


def follow_up(board, user, days, **fields):
    return FollowUp.objects.create(
        what=fields.pop("what", f"Rappeler dans {days} jours"),
        due_on=timezone.localdate() + timedelta(days=days),
        producer=fields.pop("producer", board["farm"]),
        assigned_to=user,
        **fields,
    )


# Logging, and bad input -------------------------------------------------------------------


def test_an_interaction_is_logged_with_a_follow_up_and_shows_on_the_timeline(client, editor, board):
    client.force_login(editor)
    due = timezone.localdate() + timedelta(days=30)
    response = client.post(
        f"{ADMIN}/interaction/create/?producer={board['farm'].pk}",
        interaction_form(
            producer=board["farm"].pk,
            products=[board["carrots"].pk],
            follow_up="Rappeler après le plan de culture",
            follow_up_on=due.isoformat(),
        ),
    )
    assert response.status_code == 302
    assert response.url == f"/admin/workspace/producers/{board['farm'].pk}/"
    interaction = Interaction.objects.get()
    assert interaction.logged_by == editor
    assert list(interaction.products.all()) == [board["carrots"]]
    assert sorted(tag.name for tag in interaction.tags.all()) == ["plan de culture", "prix"]
    follow = FollowUp.objects.get()
    assert (follow.what, follow.due_on, follow.producer, follow.assigned_to) == (
        "Rappeler après le plan de culture",
        due,
        board["farm"],
        editor,
    )
    page = client.get(response.url).content.decode()
    assert "Appel téléphonique" in page and "Plan de culture 2027" in page
    assert "Avec : Julie Lebeau" in page and "Carotte" in page
    assert "Rappeler après le plan de culture" in page  # among the open follow-ups


def test_an_interaction_without_a_counterpart_is_refused_and_nothing_is_lost(client, editor, board):
    client.force_login(editor)
    response = client.post(f"{ADMIN}/interaction/create/", interaction_form())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choisissez le producteur ou l’organisme (ou les deux) dont il s’agit." in page
    assert "Plan de culture 2027 : carottes et betteraves en plus." in page  # still typed
    assert not Interaction.objects.exists()


def test_an_interaction_to_come_is_refused(client, editor, board):
    client.force_login(editor)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        f"{ADMIN}/interaction/create/",
        interaction_form(organisation=board["kitchen"].pk, happened_on=tomorrow.isoformat()),
    )
    assert "Un échange se consigne une fois qu’il a eu lieu" in response.content.decode()
    assert not Interaction.objects.exists()


def test_a_follow_up_in_the_past_is_refused_and_nothing_is_lost(client, editor, board):
    client.force_login(editor)
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        f"{ADMIN}/followup/create/",
        {
            "what": "Vérifier la liste de prix en mars",
            "due_on": yesterday.isoformat(),
            "assigned_to": editor.pk,
            "producer": board["farm"].pk,
            "organisation": "",
            "notes": "",
        },
    )
    page = response.content.decode()
    assert "Ce jour est passé : choisissez aujourd’hui ou un jour à venir." in page
    assert "Vérifier la liste de prix en mars" in page
    assert not FollowUp.objects.exists()
    # Nor through an interaction's follow-up.
    response = client.post(
        f"{ADMIN}/interaction/create/",
        interaction_form(
            producer=board["farm"].pk, follow_up="Rappeler", follow_up_on=yesterday.isoformat()
        ),
    )
    assert "Ce jour est passé" in response.content.decode()
    assert not Interaction.objects.exists() and not FollowUp.objects.exists()


def test_a_follow_up_half_given_is_refused(client, editor, board):
    client.force_login(editor)
    response = client.post(
        f"{ADMIN}/interaction/create/",
        interaction_form(producer=board["farm"].pk, follow_up="Rappeler après la récolte"),
    )
    assert "Donnez le jour où le suivi est dû." in response.content.decode()
    assert not Interaction.objects.exists()


def test_an_overdue_follow_up_can_still_be_edited(client, editor, board):
    overdue = follow_up(board, editor, -3)
    client.force_login(editor)
    response = client.post(
        f"{ADMIN}/followup/edit/{overdue.pk}/",
        {
            "what": "Rappeler Julie",
            "due_on": overdue.due_on.isoformat(),
            "assigned_to": editor.pk,
            "producer": board["farm"].pk,
            "organisation": "",
            "notes": "Elle était aux champs.",
            "done_on": "",
        },
    )
    assert response.status_code == 302
    overdue.refresh_from_db()
    assert overdue.what == "Rappeler Julie"


def test_an_outcome_takes_a_comma_and_refuses_a_volume_without_unit(client, editor, board):
    client.force_login(editor)
    form = {
        "kind": "first_purchase",
        "happened_on": timezone.localdate().isoformat(),
        "producer": board["farm"].pk,
        "organisation": board["kitchen"].pk,
        "product": board["carrots"].pk,
        "quantity": "120,5",
        "unit": "",
        "value": "241,00",
        "notes": "",
    }
    response = client.post(f"{ADMIN}/outcome/create/", form)
    assert "Donnez le volume au-dessus de zéro, avec son unité." in response.content.decode()
    assert not Outcome.objects.exists()
    response = client.post(f"{ADMIN}/outcome/create/", {**form, "unit": "kg"})
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert (outcome.quantity, outcome.value, outcome.recorded_by) == (
        Decimal("120.5"),
        Decimal("241"),
        editor,
    )


# Timelines --------------------------------------------------------------------------------


@pytest.fixture
def history(board, editor, lot_factory, event_factory, client):
    """One record of each kind about the farm and the kitchen."""
    today = timezone.localdate()
    interaction = Interaction.objects.create(
        kind="farm_visit", producer=board["farm"], notes="Visite des champs", logged_by=editor
    )
    interaction.products.add(board["carrots"])
    follow_up(board, editor, 10, what="Envoyer la liste de prix")
    Outcome.objects.create(
        kind="connection", producer=board["farm"], organisation=board["kitchen"], value=100
    )
    Learning.objects.create(
        title="Les caisses consignées",
        topic="logistics",
        text="La ferme reprend les caisses vides.",
        producer=board["farm"],
        written_by=editor,
    )
    need = make_need(board)
    Answer.objects.create(
        need=need, producer=board["farm"], unit_price=Decimal("2.20"), quantity=Decimal("40")
    )
    price_round = PriceRound.objects.create(need=need, sent_by=board["cook"])
    PriceRequest.objects.create(
        round=price_round,
        producer=board["farm"],
        status="declined",
        decline_reason="no_stock",
        answered_at=timezone.now(),
    )
    lot = lot_factory()
    Claim.objects.create(lot=lot, organisation=board["kitchen"], quantity=Decimal("10"))
    Commitment.objects.create(
        organisation=board["kitchen"],
        producer=board["farm"],
        product=board["carrots"],
        quantity=Decimal("40"),
        basis="week",
        starts_on=today,
        ends_on=today + timedelta(days=27),
        status="accepted",
        decided_at=timezone.now(),
    )
    held = event_factory(title="Visite à la ferme Lebeau", starts_in=timedelta(days=-2))
    Registration.objects.create(event=held, user=board["cook"], status="confirmed", attended=True)
    Registration.objects.create(event=held, user=board["farmer"], status="confirmed")
    client.force_login(editor)
    client.post(f"/admin/directory/verify/{board['farm'].pk}/")  # a directory change
    return need


def test_the_producer_timeline_gathers_every_source(client, editor, board, history):
    entries = timeline(producer=board["farm"])
    sources = {entry.source for entry in entries}
    assert sources == {key for key, _label in SOURCES} - {"needs"}
    titles = "\n".join(f"{entry.title} {entry.detail}" for entry in entries)
    assert "Visite des champs" in titles and "Envoyer la liste de prix" in titles
    assert "Les caisses consignées" in titles
    assert "Ferme Lebeau a répondu à Cuisine collective de Verdun : Carotte, 40\xa0kg" in titles
    assert "Lot de surplus publié" in titles
    assert "Prix demandé à Ferme Lebeau par Cuisine collective de Verdun" in titles
    assert "Ferme Lebeau a répondu à la demande de prix" in titles and "pas de stock" in titles
    assert "Absent à Visite à la ferme Lebeau" in titles  # the farmer registered, did not come
    assert "Ferme Lebeau: Information vérifiée" in titles
    assert entries == sorted(entries, key=lambda entry: entry.when, reverse=True)

    page = client.get(f"/admin/workspace/producers/{board['farm'].pk}/").content.decode()
    for label in (
        "Visite de ferme",
        "Réponses",
        "Surplus",
        "Engagements",
        "Modifications du répertoire",
    ):
        assert label in page


def test_the_organisation_timeline_gathers_its_needs_claims_and_events(
    client, editor, board, history
):
    entries = timeline(organisation=board["kitchen"])
    sources = {entry.source for entry in entries}
    assert {"needs", "answers", "surplus", "commitments", "events", "outcomes"} <= sources
    titles = "\n".join(entry.title for entry in entries)
    assert "Présent à Visite à la ferme Lebeau" in titles
    assert "A réservé 10\xa0kg" in titles
    assert "Les caisses consignées" not in titles  # the farm's learning, not the kitchen's


def test_a_producer_and_its_business_share_one_timeline(board, history):
    farm = [entry.title for entry in timeline(producer=board["farm"])]
    business = board["farmer"].memberships.get().organisation
    assert [entry.title for entry in timeline(organisation=business)] == farm


def test_the_timeline_can_be_filtered_and_exported(client, editor, board, history):
    url = f"/admin/workspace/producers/{board['farm'].pk}/"
    page = client.get(url, {"source": "interactions"}).content.decode()
    assert "Visite des champs" in page and "Suivi : Envoyer la liste de prix" not in page
    response = client.get(url, {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Date", "Type", "Quoi", "Détails", "Par"]
    assert any("Visite des champs" in row[3] for row in rows[1:])
    assert len(rows) - 1 == len(timeline(producer=board["farm"]))


def test_the_timeline_query_count_does_not_grow_with_records(client, editor, board, history):
    url = f"/admin/workspace/organisations/{board['kitchen'].pk}/"
    # One of each kind added below: a page reads the kinds of record it shows.
    Interaction.objects.create(kind="call", organisation=board["kitchen"], logged_by=editor)
    follow_up(board, editor, 3, organisation=board["kitchen"], producer=None)
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    for number in range(5):
        interaction = Interaction.objects.create(
            kind="call", organisation=board["kitchen"], notes=f"Appel {number}", logged_by=editor
        )
        interaction.products.add(board["carrots"])
        make_need(board)
        follow_up(board, editor, 3, organisation=board["kitchen"], producer=None)
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before)


def many_interactions(board, editor, count):
    """`count` calls with the farm today: on a timeline, newer than any other record."""
    Interaction.objects.bulk_create(
        Interaction(kind="call", producer=board["farm"], notes=f"Appel {number}", logged_by=editor)
        for number in range(count)
    )


def test_a_timeline_page_reads_its_own_records_alone(client, editor, board, history, monkeypatch):
    """However long the timeline, a page costs the same queries and builds its own
    entries only; the pages together are the whole timeline, in its order."""
    built = []
    entry_class = timeline_module.Entry
    monkeypatch.setattr(
        timeline_module,
        "Entry",
        lambda *args, **kwargs: built.append(1) or entry_class(*args, **kwargs),
    )
    url = f"/admin/workspace/producers/{board['farm'].pk}/"
    size = TIMELINE_PAGE_SIZE
    many_interactions(board, editor, size + 10)  # the last page: ten calls, then the rest
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as last:
        assert "Page 2 sur 2" in client.get(url, {"page": 2}).content.decode()
    many_interactions(board, editor, 10 * size)
    built.clear()
    with CaptureQueriesContext(connection) as first_of_more:
        page = client.get(url).content.decode()
    assert len(built) == size
    assert "Page 1 sur 12" in page
    with CaptureQueriesContext(connection) as last_of_more:
        page = client.get(url, {"page": 12}).content.decode()
    assert "Absent à Visite à la ferme Lebeau" in page  # the oldest, two days ago
    assert (len(first_of_more), len(last_of_more)) == (len(first), len(last))

    everything = timeline(producer=board["farm"])
    paged = [
        entry
        for number in range(1, 13)
        for entry in timeline_page(producer=board["farm"], number=number, per_page=size)
    ]
    assert paged == everything
    response = client.get(url, {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == len(everything) + 1  # the export is complete


def test_a_filtered_timeline_is_paged_the_same(client, editor, board, history):
    many_interactions(board, editor, 3)
    for sources in (["interactions"], ["surplus", "events"], ["directory", "interactions"]):
        assert list(
            timeline_page(producer=board["farm"], sources=sources, per_page=500)
        ) == timeline(producer=board["farm"], sources=sources)


def test_the_workspace_finds_producers_and_organisations(client, editor, board):
    client.force_login(editor)
    page = client.get("/admin/workspace/", {"q": "lebeau"}).content.decode()
    assert f"/admin/workspace/producers/{board['farm'].pk}/" in page
    assert "Ferme Lebeau inc." in page
    assert "Cuisine collective de Verdun" not in page


# Follow-ups and the weekly digest -----------------------------------------------------------


def test_my_follow_ups_come_overdue_first_and_can_be_done(client, editor, board, user_factory):
    later = follow_up(board, editor, 20, what="Plus tard")
    overdue = follow_up(board, editor, -5, what="En retard")
    soon = follow_up(board, editor, 2, what="Bientôt")
    colleague = user_factory(groups=["Editors"])
    follow_up(board, colleague, -1, what="Pas le mien")
    client.force_login(editor)
    page = client.get("/admin/workspace/follow-ups/").content.decode()
    assert "Pas le mien" not in page
    assert page.index("En retard") < page.index("Bientôt") < page.index("Plus tard")
    groups = follow_ups_of(editor)
    assert (groups["overdue"], groups["this_week"], groups["later"]) == ([overdue], [soon], [later])

    response = client.post(f"/admin/workspace/follow-ups/{overdue.pk}/done/")
    assert response.status_code == 302
    overdue.refresh_from_db()
    assert overdue.done_on == timezone.localdate()
    assert follow_ups_of(editor)["overdue"] == []
    assert follow_ups_of(editor)["done"] == [overdue]


def test_the_admin_home_counts_my_follow_ups(client, editor, board, member):
    follow_up(board, editor, -1)
    follow_up(board, editor, -3)
    follow_up(board, editor, 2)
    follow_up(board, editor, 30)
    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    assert "2 en retard" in page and "1 prévu cette semaine" in page


# Monday 8 June 2026, 07:00 in Montréal: the digest's morning.
@pytest.mark.time_machine(datetime(2026, 6, 8, 7, tzinfo=MONTREAL), tick=False)
def test_the_weekly_digest_goes_once_a_week(board, editor, user_factory, mailoutbox):
    follow_up(board, editor, -2, what="Rappeler la ferme")
    follow_up(board, editor, 3, what="Envoyer le bon de commande")
    follow_up(board, editor, 30, what="Dans un mois")
    FollowUp.objects.create(
        what="Déjà fait",
        due_on=timezone.localdate(),
        producer=board["farm"],
        assigned_to=editor,
        done_on=timezone.localdate(),
    )
    monday = date(2026, 6, 8)
    assert send_follow_up_digests(today=monday) == 1
    assert send_follow_up_digests(today=monday) == 0
    assert send_follow_up_digests(today=monday + timedelta(days=4)) == 0
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [editor.email]
    assert "Vos suivis : 2 à faire cette semaine" in message.subject
    assert message.body.index("En retard") < message.body.index("Rappeler la ferme")
    assert "Envoyer le bon de commande" in message.body
    assert "Dans un mois" not in message.body and "Déjà fait" not in message.body
    assert "/admin/workspace/follow-ups/" in message.body
    assert send_follow_up_digests(today=monday + timedelta(days=7)) == 1


def test_the_digest_is_in_the_persons_language_and_only_for_staff(board, user_factory, mailoutbox):
    english = user_factory(groups=["Editors"], language="en")
    former = user_factory()  # no longer on the staff
    follow_up(board, english, 1, what="Call back")
    follow_up(board, former, 1, what="Forgotten")
    assert send_follow_up_digests() == 1
    assert mailoutbox[0].to == [english.email]
    assert "Your follow-ups: 1 to do this week" in mailoutbox[0].subject


def test_the_digest_command_reports_what_it_sent(board, editor, mailoutbox):
    from django.core.management import call_command

    follow_up(board, editor, 1)
    output = io.StringIO()
    call_command("send_follow_up_digests", stdout=output)
    call_command("send_follow_up_digests", stdout=output)
    assert output.getvalue().splitlines() == [
        "1 digest(s) in the outbox.",
        "0 digest(s) in the outbox.",
    ]
    assert len(mailoutbox) == 1


# Triage ---------------------------------------------------------------------------------------


@pytest.fixture
def triage_board(board, product_factory, producer_factory, offer_factory):
    today = timezone.localdate()
    kale = product_factory(name_fr="Chou frisé", name_en="Kale")
    old_farm = producer_factory(
        name="Ferme Oubliée", last_verified_on=today - timedelta(days=400), email=""
    )
    offer_factory(producer=old_farm, product=kale, unit="kg", months=list(range(1, 13)))
    saffron = product_factory(name_fr="Safran", name_en="Saffron")
    honey = product_factory(name_fr="Miel", name_en="Honey")
    summer = producer_factory(name="Rucher d’été", email="rucher@ete.example")
    # In season whenever the needs below are not (they run from today for 20 days).
    needed = {today.month, (today + timedelta(days=20)).month}
    offer_factory(
        producer=summer, product=honey, unit="kg", months=sorted(set(range(1, 13)) - needed)
    )
    return {"kale": kale, "saffron": saffron, "honey": honey, "old_farm": old_farm}


def test_triage_sorts_needs_by_what_they_lack(board, triage_board, editor):
    winter = {
        "wanted_from": timezone.localdate(),
        "wanted_until": timezone.localdate() + timedelta(days=20),
    }
    nobody = make_need(board, product=triage_board["saffron"], **winter)
    out_of_season = make_need(board, product=triage_board["honey"], **winter)
    stale = make_need(board, product=triage_board["kale"], **winter)
    waiting = make_need(board)  # carrots: Ferme Lebeau fits and is verified
    fresh = make_need(board)
    answered = make_need(board)
    Answer.objects.create(
        need=answered, producer=board["farm"], unit_price=Decimal("2"), quantity=Decimal("40")
    )
    four_days_ago = timezone.now() - timedelta(days=4)
    Need.objects.filter(pk__in=[waiting.pk, answered.pk]).update(created_at=four_days_ago)

    sections = needs_to_triage(unanswered_after_days=3)
    found = {key: [item.need for item in items] for key, items in sections.items()}
    assert found == {
        "unmatched": [nobody, out_of_season],
        "stale_only": [stale],
        "unanswered": [waiting],
    }
    assert fresh not in found["unanswered"]
    unmatched = {item.need: item for item in sections["unmatched"]}
    assert unmatched[nobody].candidates == []
    # Out of season, the honey maker is no fit, but sells honey: someone to ask.
    assert [name for _pk, name in unmatched[out_of_season].candidates] == ["Rucher d’été"]
    assert unmatched[out_of_season].fits is False
    assert [name for _pk, name in sections["stale_only"][0].candidates] == ["Ferme Oubliée"]
    # With a longer wait, the carrots need is not yet the specialist's.
    assert needs_to_triage(unanswered_after_days=5)["unanswered"] == []


def test_the_triage_page_shows_each_section(client, editor, board, triage_board):
    make_need(board, product=triage_board["saffron"])
    client.force_login(editor)
    page = client.get("/admin/workspace/triage/", {"days": "3"}).content.decode()
    assert "Aucun producteur du répertoire ne convient (1)" in page
    assert "Personne ne vend ce produit dans le répertoire." in page
    assert client.get("/admin/workspace/triage/", {"days": "abc"}).status_code == 200


def test_the_triage_exports_to_csv(client, editor, board, triage_board):
    make_need(board, product=triage_board["kale"], wanted_from=timezone.localdate())
    client.force_login(editor)
    response = client.get("/admin/workspace/triage/", {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Section", "Besoin", "Organisme"]
    assert rows[1][0] == "Seules des fiches non vérifiées récemment conviennent"
    assert rows[1][4] == "Ferme Oubliée"


def test_one_click_writes_to_the_candidates_and_logs_it(
    client, editor, board, triage_board, mailoutbox, django_capture_on_commit_callbacks
):
    need = make_need(board)
    Need.objects.filter(pk=need.pk).update(created_at=timezone.now() - timedelta(days=4))
    stale = make_need(
        board,
        product=triage_board["kale"],
        wanted_from=timezone.localdate(),
        wanted_until=timezone.localdate() + timedelta(days=20),
    )
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/workspace/needs/{need.pk}/contact/")
    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [["farmer@lebeau.example"]]
    message = mailoutbox[0]
    assert message.reply_to == [editor.email]
    assert "Pourriez-vous fournir Carotte à Cuisine collective de Verdun ?" in message.subject
    assert f"/fr/besoins/{need.pk}/" in message.body
    logged = Interaction.objects.get()
    assert (logged.kind, logged.producer, logged.need, logged.logged_by) == (
        "email",
        board["farm"],
        need,
        editor,
    )
    page = client.get("/admin/workspace/triage/").content.decode()
    assert "Camille" in page  # contacted, by whom

    # A producer with no email and no member on the site: call them instead.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/workspace/needs/{stale.pk}/contact/", follow=True)
    assert "Aucune adresse courriel pour : Ferme Oubliée" in response.content.decode()
    assert len(mailoutbox) == 1
    assert Interaction.objects.count() == 1


def test_a_second_click_writes_to_nobody_twice(
    client, editor, board, mailoutbox, django_capture_on_commit_callbacks
):
    Producer.objects.filter(name="Ferme Lointaine").update(email="info@lointaine.example")
    need = make_need(board)
    Need.objects.filter(pk=need.pk).update(created_at=timezone.now() - timedelta(days=4))
    client.force_login(editor)
    for _click in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/admin/workspace/needs/{need.pk}/contact/", follow=True)
    assert sorted(message.to[0] for message in mailoutbox) == [
        "farmer@lebeau.example",
        "info@lointaine.example",
    ]
    assert Interaction.objects.count() == 2
    assert "Tous les candidats ont déjà reçu un courriel." in response.content.decode()
    page = client.get("/admin/workspace/triage/").content.decode()
    assert "(courriel envoyé)" in page and "Écrire à ce producteur" not in page


def test_the_rule_itself_writes_to_a_candidate_once_and_logs_the_product(
    editor, board, mailoutbox, django_capture_on_commit_callbacks
):
    """The rule checks, under its lock, who was already written to: two clicks that both
    got past the page (at the same moment) still write once."""
    need = make_need(board)
    with django_capture_on_commit_callbacks(execute=True):
        first = contact_candidates(need, editor, [board["farm"].pk])
        second = contact_candidates(need, editor, [board["farm"].pk])
    assert first == ([board["farm"]], [])
    assert second == ([], [])
    assert len(mailoutbox) == 1
    logged = Interaction.objects.get()
    assert list(logged.products.all()) == [need.product]


@pytest.mark.mail_fails
def test_when_the_mail_server_fails_the_emails_go_out_once_it_is_back(
    client, editor, board, settings, mailoutbox, django_capture_on_commit_callbacks
):
    """The page says who was written to, the timeline logs it, and the outbox delivers
    the introductions when the mail server answers again."""
    settings.TASKS = DATABASE_TASKS
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", unused_port()
    need = make_need(board)
    Need.objects.filter(pk=need.pk).update(created_at=timezone.now() - timedelta(days=4))
    client.force_login(editor)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/admin/workspace/needs/{need.pk}/contact/", follow=True)
        assert "Courriel envoyé à : Ferme Lebeau" in response.content.decode()
        assert Interaction.objects.filter(producer=board["farm"], kind="email").exists()
        assert run_due_tasks() == 1 and mailoutbox == []
        settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        clock.shift(timedelta(minutes=RETRY_DELAYS[0]))
        assert run_due_tasks() == 1
    [introduction] = mailoutbox
    assert introduction.to == ["farmer@lebeau.example"]
    assert introduction.reply_to == [editor.email]


@pytest.mark.mail_fails
def test_a_digest_that_fails_goes_out_once_the_mail_server_is_back(
    board, editor, settings, mailoutbox
):
    follow_up(board, editor, 1)
    settings.TASKS = DATABASE_TASKS
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", unused_port()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert send_follow_up_digests() == 1
        assert run_due_tasks() == 1  # refused: the outbox tries again later
        assert send_follow_up_digests() == 0  # the week is taken: no second digest
        settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        clock.shift(timedelta(minutes=RETRY_DELAYS[0]))
        assert run_due_tasks() == 1
    assert len(mailoutbox) == 1


def test_the_timeline_csv_never_carries_a_formula(client, editor, board):
    Interaction.objects.create(
        kind="call", producer=board["farm"], notes='=HYPERLINK("http://x")', logged_by=editor
    )
    client.force_login(editor)
    response = client.get(f"/admin/workspace/producers/{board['farm'].pk}/", {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][3] == '\'=HYPERLINK("http://x")'


def test_a_need_with_an_answer_is_not_written_about(client, editor, board, mailoutbox):
    need = make_need(board)
    Answer.objects.create(
        need=need, producer=board["farm"], unit_price=Decimal("2"), quantity=Decimal("40")
    )
    client.force_login(editor)
    client.post(f"/admin/workspace/needs/{need.pk}/contact/")
    assert mailoutbox == [] and not Interaction.objects.exists()


def triage_sections(client, days=3):
    """Section key → that section of the triage page, as HTML."""
    page = client.get("/admin/workspace/triage/", {"days": days}).content.decode()
    sections = {}
    for key, _label in TRIAGE_SECTIONS:
        start = page.index(f'id="triage-{key}"')
        sections[key] = page[start : page.index("</section>", start)]
    return sections


def placed(client, need, days=3):
    """The section of the triage page that shows the need, or None."""
    found = [
        key for key, html in triage_sections(client, days).items() if f"/besoins/{need.pk}/" in html
    ]
    assert len(found) <= 1
    return found[0] if found else None


def test_the_triage_page_shows_each_change_at_once(
    client,
    editor,
    board,
    triage_board,
    area_factory,
    producer_factory,
    offer_factory,
    django_capture_on_commit_callbacks,
):
    """Its ranking is cached: whatever changes what it reads shows on the next view."""
    carrots = make_need(board)
    saffron = make_need(board, product=triage_board["saffron"])
    kale = make_need(board, product=triage_board["kale"])
    Need.objects.filter(pk__in=[carrots.pk, saffron.pk, kale.pk]).update(
        created_at=timezone.now() - timedelta(days=4)
    )
    client.force_login(editor)
    assert [placed(client, need) for need in (carrots, saffron, kale)] == [
        "unanswered",
        "unmatched",
        "stale_only",
    ]
    farm_timeline = reverse("community_producer_timeline", args=[board["farm"].pk])
    assert f'href="{farm_timeline}"' in triage_sections(client)["unanswered"]

    # An offer: the saffron has a fitting producer now.
    grower = producer_factory(name="Safranière du Lac", email="safran@lac.example")
    offer_factory(producer=grower, product=triage_board["saffron"], unit="kg")
    assert placed(client, saffron) == "unanswered"
    assert "Safranière du Lac" in triage_sections(client)["unanswered"]

    # A producer contacted from the page: marked as written to.
    assert "(courriel envoyé)" not in triage_sections(client)["unanswered"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/workspace/needs/{carrots.pk}/contact/")
    assert "(courriel envoyé)" in triage_sections(client)["unanswered"]

    # An answer takes the need off the page; withdrawn (an update()), it comes back.
    answer = Answer.objects.create(
        need=carrots, producer=board["farm"], unit_price=Decimal("2"), quantity=Decimal("40")
    )
    assert placed(client, carrots) is None
    needs_rules.withdraw(answer)
    assert placed(client, carrots) == "unanswered"

    # The stale entry verified (an update() too): the kale is simply unanswered.
    client.post(f"/admin/directory/verify/{triage_board['old_farm'].pk}/")
    assert placed(client, kale) == "unanswered"

    # The kitchen moves to a borough that another grower delivers to: that one comes first.
    lachine = area_factory(name="Lachine")
    rival = producer_factory(name="Safran de Lachine", delivery_areas=[lachine])
    offer_factory(producer=rival, product=triage_board["saffron"], unit="kg", price="5.00")

    def growers():
        html = triage_sections(client)["unanswered"]
        return sorted(["Safranière du Lac", "Safran de Lachine"], key=html.index)

    assert growers() == ["Safranière du Lac", "Safran de Lachine"]  # the lower price
    board["kitchen"].borough = lachine
    board["kitchen"].save()
    assert growers() == ["Safran de Lachine", "Safranière du Lac"]


def test_the_triage_writes_names_as_text(client, editor, board):
    board["farm"].name = "<b>Ferme</b> & fils"
    board["farm"].save()
    need = make_need(board)
    Need.objects.filter(pk=need.pk).update(created_at=timezone.now() - timedelta(days=4))
    client.force_login(editor)
    html = triage_sections(client)["unanswered"]
    assert "&lt;b&gt;Ferme&lt;/b&gt; &amp; fils" in html and "<b>" not in html


def test_the_triage_ranks_once_until_something_changes(
    client, editor, board, triage_board, monkeypatch, django_assert_num_queries
):
    ranked = []
    real_rank = triage.rank
    monkeypatch.setattr(
        triage, "rank", lambda *args, **kwargs: ranked.append(1) or real_rank(*args, **kwargs)
    )
    four_days_ago = timezone.now() - timedelta(days=4)
    client.force_login(editor)
    for _round in range(2):
        for product in (board["carrots"], triage_board["kale"]):
            need = make_need(board, product=product)
            Interaction.objects.create(
                kind="call", producer=board["farm"], need=need, logged_by=editor
            )
        Need.objects.update(created_at=four_days_ago)
        client.get("/admin/workspace/triage/")
        assert ranked  # ranked afresh: needs were posted
        ranked.clear()
        with django_assert_num_queries(WARM_TRIAGE_QUERIES):
            page = client.get("/admin/workspace/triage/").content.decode()
        assert ranked == []
        assert "Ferme Oubliée" in page and "Ferme Lebeau" in page


def test_the_triage_caches_plain_data(board, triage_board):
    make_need(board)
    make_need(board, product=triage_board["saffron"])
    placements = triage._cached_placements(timezone.localdate())
    assert placements == triage._cached_placements(timezone.localdate())

    def plain(value):
        if isinstance(value, (list, tuple)):
            return all(plain(item) for item in value)
        return isinstance(value, (int, str, bool))

    assert placements and plain(placements)


def test_the_triage_follows_the_clock(client, editor, board, time_machine, settings):
    """Sections count in days: a need waits its days to the hour, and an entry goes
    stale at midnight, the ranking cached or not."""
    today = timezone.localdate()
    time_machine.move_to(timezone.make_aware(datetime.combine(today, time(10))), tick=False)
    need = make_need(board, wanted_from=today, wanted_until=today + timedelta(days=400))
    Need.objects.filter(pk=need.pk).update(
        created_at=timezone.now() - timedelta(days=3) + timedelta(hours=1)
    )
    # Every candidate's entry is verified for one more day.
    Producer.objects.update(
        last_verified_on=today - timedelta(days=settings.DIRECTORY_STALE_AFTER_DAYS)
    )
    client.force_login(editor)
    assert placed(client, need) is None  # fitting producers have an hour left to answer
    time_machine.shift(timedelta(hours=2))
    assert placed(client, need) == "unanswered"
    tomorrow = timezone.make_aware(datetime.combine(today + timedelta(days=1), time(0, 30)))
    time_machine.move_to(tomorrow, tick=False)
    assert placed(client, need) == "stale_only"


# Outcomes, learnings --------------------------------------------------------------------------


def test_outcomes_reach_the_network_dashboard(client, editor, board):
    today = timezone.localdate()
    month = today.replace(day=1)
    Outcome.objects.create(kind="connection", producer=board["farm"], organisation=board["kitchen"])
    Outcome.objects.create(
        kind="first_purchase",
        producer=board["farm"],
        quantity=Decimal("100"),
        unit="lb",
        value=Decimal("150"),
    )
    Outcome.objects.create(
        kind="pooled_order", organisation=board["kitchen"], quantity=Decimal("20"), unit="kg"
    )
    Outcome.objects.create(
        kind="connection",
        producer=board["farm"],
        happened_on=today - timedelta(days=500),  # outside the twelve months
    )
    figures = network_figures()
    assert figures.by_month["connections"][month] == 1
    assert figures.by_month["first_purchases"][month] == 1
    assert figures.by_month["pooled_orders"][month] == 1
    assert figures.by_month["outcome_kg"][month] == Decimal("65.4")  # 100 lb + 20 kg
    assert figures.by_month["outcome_value"][month] == Decimal("150.0")
    client.force_login(editor)
    page = client.get("/admin/network-figures/").content.decode()
    assert "Mises en relation" in page and "Premiers achats" in page


def test_a_learning_becomes_a_members_resource_in_one_step(client, editor, library, board):
    learning = Learning.objects.create(
        title="Les caisses consignées",
        topic="logistics",
        text="La ferme Lebeau reprend les caisses vides à chaque livraison.",
        written_by=editor,
    )
    client.force_login(editor)
    url = f"/admin/workspace/learnings/{learning.pk}/resource/"
    assert "Créer la ressource pour les membres" in client.get(url).content.decode()
    response = client.post(url)
    page = ResourcePage.objects.get()
    assert response.url == f"/admin/pages/{page.pk}/edit/"
    assert page.live and page.get_parent().specific == library
    assert (page.title, page.topic, page.summary) == (
        "Les caisses consignées",
        "logistics",
        learning.text,
    )
    restriction = PageViewRestriction.objects.get(page=page)
    assert set(restriction.groups.values_list("name", flat=True)) == {
        "Members",
        "Editors",
        "Moderators",
    }
    learning.refresh_from_db()
    assert learning.resource.pk == page.pk
    client.logout()
    assert "login" in client.get(page.url).url  # members only
    # Once only.
    client.force_login(editor)
    assert client.post(url).url == f"/admin/pages/{page.pk}/edit/"
    assert ResourcePage.objects.count() == 1


def test_workspace_lists_export_to_csv(client, editor, board):
    Interaction.objects.create(
        kind="meeting", organisation=board["kitchen"], notes="Rencontre budget", logged_by=editor
    )
    client.force_login(editor)
    response = client.get(f"{ADMIN}/interaction/", {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "Rencontre budget" in body and "Cuisine collective de Verdun" in body


# Privacy and languages ------------------------------------------------------------------------


WORKSPACE_PAGES = [
    "/admin/workspace/",
    "/admin/workspace/follow-ups/",
    "/admin/workspace/triage/",
    f"{ADMIN}/interaction/",
    f"{ADMIN}/followup/",
    f"{ADMIN}/outcome/",
    f"{ADMIN}/learning/",
]


@pytest.mark.parametrize("url", WORKSPACE_PAGES)
def test_members_and_admin_users_without_the_permission_are_refused(client, board, url, home_pages):
    client.force_login(board["cook"])
    assert "/comptes/login/" in client.get(url).url  # no admin at all
    writers = Group.objects.create(name="Writers")
    writers.permissions.add(Permission.objects.get(codename="access_admin"))
    board["cook"].groups.add(writers)
    assert client.get(url).url == "/admin/"  # the admin, but not the workspace


def test_timelines_and_actions_are_refused_to_non_staff(client, board, home_pages):
    need = make_need(board)
    item = follow_up(board, board["farmer"], 3)
    client.force_login(board["farmer"])
    for url in (
        f"/admin/workspace/producers/{board['farm'].pk}/",
        f"/admin/workspace/organisations/{board['kitchen'].pk}/",
    ):
        assert client.get(url).status_code == 302
    client.post(f"/admin/workspace/needs/{need.pk}/contact/")
    client.post(f"/admin/workspace/follow-ups/{item.pk}/done/")
    item.refresh_from_db()
    assert item.done_on is None and not Interaction.objects.exists()


def test_nothing_of_the_workspace_shows_on_the_site(client, editor, board, history):
    Interaction.objects.create(
        kind="call", producer=board["farm"], notes="Confidentiel : marge serrée", logged_by=editor
    )
    client.force_login(board["farmer"])
    for url in (
        reverse("directory:producer_detail", args=[board["farm"].slug]),
        reverse("community:need_detail", args=[history.pk]),
        reverse("community:account"),
    ):
        page = client.get(url).content.decode()
        assert "marge serrée" not in page and "Envoyer la liste de prix" not in page


def test_the_workspace_speaks_english_to_those_who_chose_it(client, editor, board):
    from wagtail.users.models import UserProfile

    client.force_login(editor)
    assert "Nouveaux besoins à trier" in client.get("/admin/workspace/triage/").content.decode()
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    assert "New needs to triage" in client.get("/admin/workspace/triage/").content.decode()
