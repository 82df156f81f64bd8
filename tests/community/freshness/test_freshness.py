"""The directory's freshness check: an entry not verified for a while is emailed "Is
this still right?" once a period, with its offers; its producer answers through a signed
link, without an account: "Still right" stamps it verified by the producer, "Something
changed" saves the corrections too; the staff follow the campaign in the workspace."""

import io
import re
import zoneinfo
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest
import time_machine

from community.freshness import rules
from community.models import FreshnessCheck
from directory.models import Producer

from ..helpers import DATABASE_TASKS, deliveries, run_due_tasks, unused_port

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)

MONTREAL = zoneinfo.ZoneInfo("America/Montreal")
ASKED_AT = datetime(2026, 10, 5, 10, tzinfo=MONTREAL)
LINK = re.compile(r"https://salim\.example:8443(/(?:fr|en)/[^\s]+/)")


def days_before(days):
    return timezone.localdate() - timedelta(days=days)


@pytest.fixture
def entries(board, producer_factory, offer_factory, user_factory):
    """Ferme Lebeau (a member on the site, in English), not verified for 200 days;
    Ferme Roy (its entry's address), 151 days; Ferme Fraîche, 149 days (not due);
    Ferme Muette, stale but nobody to write to."""
    farm = board["farm"]
    Producer.objects.filter(pk=farm.pk).update(last_verified_on=days_before(200))
    farmer = board["farmer"]
    farmer.language = "en"
    farmer.save()
    roy = producer_factory(
        name="Ferme Roy",
        email="roy@ferme.example",
        last_verified_on=days_before(151),
        delivery_days="mardi",
        orders_by_phone=True,
    )
    offer_factory(producer=roy, product=board["carrots"], price="1.10", unit="lb", months=[9, 10])
    producer_factory(
        name="Ferme Fraîche", email="fraiche@ferme.example", last_verified_on=days_before(149)
    )
    producer_factory(name="Ferme Muette", last_verified_on=days_before(400))
    Producer.objects.filter(name="Ferme Lointaine").update(last_verified_on=days_before(10))
    return {**board, "roy": roy}


def ask():
    call_command("send_freshness_checks", stdout=io.StringIO())


def links(mailoutbox):
    return {message.to[0]: LINK.search(message.body).group(1) for message in mailoutbox}


def roy_link(entries, mailoutbox):
    ask()
    return links(mailoutbox)["roy@ferme.example"]


def change(**fields):
    """The "Something changed" form of Ferme Roy's entry (its one offer), as it is."""
    check = FreshnessCheck.objects.get(producer__name="Ferme Roy")
    offer = check.producer.offers.get()
    return {
        "offers-TOTAL_FORMS": "1",
        "offers-INITIAL_FORMS": "1",
        "offers-MIN_NUM_FORMS": "0",
        "offers-MAX_NUM_FORMS": "100",
        "offers-0-id": str(offer.pk),
        "offers-0-producer": str(check.producer_id),
        "offers-0-price": "1,10",
        "offers-0-months": ["9", "10"],
        "entry-orders_by_phone": "on",
        "entry-delivery_days": "mardi",
        **fields,
    }


@pytest.mark.time_machine(ASKED_AT, tick=False)
def test_only_stale_entries_are_asked_and_only_once_a_period(entries, mailoutbox):
    """Entries not verified for 150 days are asked, through their members or their
    entry's address; running the task again writes to nobody; a period later, those
    still not verified are asked again."""
    ask()
    assert sorted(m.to[0] for m in mailoutbox) == ["farmer@lebeau.example", "roy@ferme.example"]
    assert set(FreshnessCheck.objects.values_list("producer__name", flat=True)) == {
        "Ferme Lebeau",
        "Ferme Roy",
    }
    ask()
    assert len(mailoutbox) == 2 and FreshnessCheck.objects.count() == 2
    mailoutbox.clear()
    with time_machine.travel(ASKED_AT + timedelta(days=149), tick=False):
        ask()  # the fresh farm's turn; the others were asked 149 days ago
        assert [m.to[0] for m in mailoutbox] == ["fraiche@ferme.example"]
        rules.confirm(FreshnessCheck.objects.get(producer__name="Ferme Lebeau"))
    mailoutbox.clear()
    with time_machine.travel(ASKED_AT + timedelta(days=151), tick=False):
        ask()
    # Roy never answered: asked again a period later; Lebeau has confirmed since.
    assert [m.to[0] for m in mailoutbox] == ["roy@ferme.example"]


@pytest.mark.time_machine(ASKED_AT, tick=False)
def test_the_email_is_in_each_recipients_language_with_the_entry_and_a_working_link(
    entries, mailoutbox, home_pages
):
    ask()
    by_address = {message.to[0]: message for message in mailoutbox}
    french = by_address["roy@ferme.example"]  # an entry's address: in French
    assert "Votre fiche du répertoire : est-ce toujours exact ? (Ferme Roy)" in french.subject
    assert "- Carotte : 1,10\xa0$/lb, sept.–oct." in french.body
    assert "/fr/verification-fiche/" in french.body
    english = by_address["farmer@lebeau.example"]  # its member chose English
    assert "Your directory entry: is this still right? (Ferme Lebeau)" in english.subject
    assert "- Carrot: $1.00/lb" in english.body and "/en/entry-check/" in english.body
    page = Client().get(links(mailoutbox)["roy@ferme.example"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "Ferme Roy : est-ce toujours exact ?" in text and "1,10\xa0$/lb" in text
    assert "Toujours exact" in text and "Quelque chose a changé" in text


@pytest.mark.time_machine(ASKED_AT, tick=False)
def test_still_right_stamps_the_entry_verified_by_its_producer(entries, mailoutbox, home_pages):
    """Opening the link (an email scanner does) stamps nothing; the button does."""
    link = roy_link(entries, mailoutbox)
    producer = Client()
    producer.get(link)
    roy = Producer.objects.get(pk=entries["roy"].pk)
    assert roy.last_verified_on == days_before(151) and roy.last_verified_kind == ""
    response = producer.post(link)
    assert response.status_code == 302 and response.url == link
    roy.refresh_from_db()
    assert roy.last_verified_on == timezone.localdate()
    assert roy.last_verified_kind == "producer" and roy.last_verified_by is None
    assert roy.offers.get().price_seen_on == timezone.localdate()
    assert FreshnessCheck.objects.get(producer=roy).answer == "confirmed"
    assert ModelLogEntry.objects.filter(action="directory.confirm", object_id=str(roy.pk)).exists()
    thanks = producer.get(link).content.decode()
    assert "Merci : votre fiche est confirmée par vous aujourd" in thanks
    public = Client().get(roy.get_absolute_url()).content.decode()
    assert "Information confirmée par le producteur le" in public


@pytest.mark.time_machine(ASKED_AT, tick=False)
def test_something_changed_saves_the_changes_and_the_history_shows_them(
    entries, mailoutbox, home_pages, client, editor
):
    link = roy_link(entries, mailoutbox)
    producer = Client()
    form = producer.get(link + "modifications/")
    assert form.status_code == 200 and "Carotte" in form.content.decode()
    response = producer.post(
        link + "modifications/",
        change(**{"offers-0-price": "1,25", "entry-delivery_days": "mardi et vendredi"}),
    )
    assert response.status_code == 302 and response.url == link
    roy = Producer.objects.get(pk=entries["roy"].pk)
    assert roy.delivery_days == "mardi et vendredi"
    assert roy.offers.get().price == Decimal("1.25")
    assert roy.last_verified_kind == "producer" and roy.last_verified_on == timezone.localdate()
    assert FreshnessCheck.objects.get(producer=roy).answer == "changed"
    client.force_login(editor)
    timeline = client.get(f"/admin/workspace/producers/{roy.pk}/").content.decode()
    assert (
        "Ferme Roy: Modifiée et confirmée par le producteur : jours de livraison; offres : Carotte"
        in timeline
    )


@pytest.mark.time_machine(ASKED_AT, tick=False)
def test_bad_input_is_explained_and_nothing_is_lost(entries, mailoutbox, home_pages):
    link = roy_link(entries, mailoutbox)
    response = Client().post(
        link + "modifications/",
        change(**{"offers-0-price": "beaucoup", "entry-delivery_days": "vendredi"}),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Veuillez corriger les champs indiqués ci-dessous." in text
    assert "Saisissez un nombre." in text
    assert 'value="vendredi"' in text and 'value="beaucoup"' in text  # as typed
    roy = Producer.objects.get(pk=entries["roy"].pk)
    assert roy.delivery_days == "mardi" and roy.last_verified_kind == ""
    assert FreshnessCheck.objects.get(producer=roy).answer == "waiting"


@pytest.mark.time_machine(ASKED_AT, tick=False)
def test_an_offer_of_another_entry_cannot_be_changed_through_the_link(
    entries, mailoutbox, home_pages
):
    link = roy_link(entries, mailoutbox)
    other = entries["farm"].offers.get()
    response = Client().post(
        link + "modifications/", change(**{"offers-0-id": str(other.pk), "offers-0-price": "9"})
    )
    assert response.status_code == 200
    other.refresh_from_db()
    assert other.price == Decimal("1.00")


@pytest.mark.time_machine(ASKED_AT, tick=False)
def test_expired_tampered_and_other_entry_links_are_refused(entries, mailoutbox, home_pages):
    link = roy_link(entries, mailoutbox)
    token = link.rstrip("/").rsplit("/", 1)[1]
    roy, farm = entries["roy"], entries["farm"]
    tampered = Client().get(link[:-2] + "x/")
    assert tampered.status_code == 400
    assert "aucune fiche du répertoire" in tampered.content.decode()
    other = Client().post(link.replace(f"/{roy.pk}/", f"/{farm.pk}/"))
    assert other.status_code == 400
    farm.refresh_from_db()
    assert farm.last_verified_kind == ""
    asked_at = ASKED_AT.astimezone(UTC)  # 30 days of 24 hours, across the change of hour
    with time_machine.travel(asked_at + timedelta(days=30, minutes=-1), tick=False):
        assert Client().get(link).status_code == 200
    with time_machine.travel(asked_at + timedelta(days=30, minutes=1), tick=False):
        expired = Client().post(link)
        assert expired.status_code == 410
        assert "Ce lien a expiré" in expired.content.decode()
        assert Client().post(link + "modifications/", change()).status_code == 410
    roy.refresh_from_db()
    assert roy.last_verified_kind == "" and token


@pytest.mark.time_machine(ASKED_AT, tick=False)
def test_answers_through_a_link_are_rate_limited(entries, mailoutbox, home_pages):
    link = roy_link(entries, mailoutbox)
    producer = Client()
    answers = [producer.post(link) for _ in range(11)]
    assert [r.status_code for r in answers] == [302] * 10 + [429]
    assert "Trop de tentatives" in answers[-1].content.decode()
    assert producer.post(link + "modifications/", change()).status_code == 429


@pytest.mark.mail_fails
@pytest.mark.time_machine(ASKED_AT, tick=False)
def test_a_failing_mail_server_keeps_the_asks_and_sends_them_later(
    entries, settings, caplog, mailoutbox
):
    settings.TASKS = DATABASE_TASKS
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", unused_port()
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    ask()
    assert FreshnessCheck.objects.count() == 2
    assert run_due_tasks() == 2
    assert any(
        record.getMessage().startswith("Email not sent (freshness check")
        for record in caplog.records
    )
    assert deliveries().filter(status="READY").count() == 2  # to be tried again
    queued = deliveries().count()
    ask()  # the next run does not ask again while the first emails wait
    assert FreshnessCheck.objects.count() == 2 and deliveries().count() == queued


@pytest.mark.time_machine(ASKED_AT, tick=False)
def test_the_staff_see_the_campaigns_answers(
    entries, mailoutbox, client, editor, producer_factory, django_assert_max_num_queries
):
    ask()
    rules.confirm(FreshnessCheck.objects.get(producer__name="Ferme Lebeau"))
    client.force_login(editor)
    page = client.get("/admin/workspace/freshness/").content.decode()
    for words in ("2 demandées", "1 confirmée", "0 modifiée", "1 sans réponse"):
        assert words in page
    assert page.index("Ferme Lebeau") and "Ferme Roy" in page
    for number in range(20):
        producer_factory(
            name=f"Ferme {number}", email=f"f{number}@ferme.example", last_verified_on=None
        )
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/workspace/freshness/")
    ask()
    with django_assert_max_num_queries(len(few)):
        page = client.get("/admin/workspace/freshness/").content.decode()
    assert "22 demandées" in page


@pytest.mark.time_machine(ASKED_AT, tick=False)
def test_the_freshness_panel_tells_staff_checks_from_producers(entries, mailoutbox, client, editor):
    ask()
    rules.confirm(FreshnessCheck.objects.get(producer__name="Ferme Roy"))
    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    # Fresh within 180 days: Roy (its producer), Fraîche and Lointaine (the staff).
    assert "des entrées vérifiées depuis moins de 180 jours (3 entrées)" in page
    assert "60\u202f%" in page or "60\xa0%" in page
    assert "1 confirmée par son producteur, 2 vérifiées par l" in page


@pytest.mark.time_machine(ASKED_AT, tick=False)
def test_editors_verify_the_listed_entries_at_once(entries, client, editor, user_factory):
    """The list's filters choose the entries: the stale ones, all pages."""
    client.force_login(editor)
    listing = "/admin/directory/producer/?freshness=stale"
    page = client.get(listing).content.decode()
    assert "Vérifier les entrées listées" in page
    confirm = client.post(listing)
    assert "des 2 entrées que la liste montre" in confirm.content.decode()
    assert Producer.objects.stale().count() == 2  # asking changes nothing
    done = client.post(listing, {"confirm": "yes"})
    assert done.status_code == 302 and done.url == listing
    assert Producer.objects.stale().count() == 0
    stamped = Producer.objects.get(name="Ferme Muette")
    assert stamped.last_verified_kind == "staff" and stamped.last_verified_by == editor
    assert Producer.objects.get(name="Ferme Fraîche").last_verified_on == days_before(149)
    assert ModelLogEntry.objects.filter(action="directory.verify").count() == 2
    assert Producer.objects.get(name="Ferme Roy").last_verified_on == days_before(151)


def test_only_those_who_may_change_entries_verify_them_in_bulk(entries, client, user_factory):
    reader = user_factory(is_staff=True)
    from django.contrib.auth.models import Permission

    reader.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_producer"),
    )
    client.force_login(reader)
    listing = "/admin/directory/producer/?freshness=stale"
    assert "Vérifier les entrées listées" not in client.get(listing).content.decode()
    refused = client.post(listing, {"confirm": "yes"})
    assert refused.status_code == 302 and refused.url == "/admin/"  # Wagtail's refusal
    assert Producer.objects.stale().count() == 2
