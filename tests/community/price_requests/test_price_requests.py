"""Price requests: from a need, its organisation asks the suggested producers for a price;
each answers through its own signed link, without an account, or says "not this time";
the organisation compares the answers in its unit and against its budget, accepts some,
and both sides get each other's contact details. The budget never reaches a producer."""

import html
import re
import zoneinfo
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core import signing
from django.core.management import call_command
from django.test import Client

import pytest
import time_machine

from community.price_requests import rules
from community.price_requests.models import PriceRequest, PriceRound

from ..helpers import DATABASE_TASKS, NEEDS, deliveries, make_need, run_due_tasks, unused_port

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)

MONTREAL = zoneinfo.ZoneInfo("America/Montreal")
# A Monday in October: the need (November to March) is open, its deadline five days on.
SENT_AT = datetime(2026, 10, 5, 10, tzinfo=MONTREAL)
LINK = re.compile(r"https://salim\.example:8443(/(?:fr|en)/[^\s]+/)")
BUDGET = ("2,50", "2.50")


@pytest.fixture
def consultation(board, producer_factory, offer_factory, area_factory):
    """The board's need for carrots (Verdun's kitchen, 40 kg a week, budget 2,50 $/kg),
    and four candidates: Ferme Lebeau (a member on the site), Ferme Roy and Verger du Sud
    (an entry's address each), Ferme Lointaine (no address: a phone number)."""
    carrots = board["carrots"]
    roy = producer_factory(name="Ferme Roy", email="roy@ferme.example")
    offer_factory(producer=roy, product=carrots, price="1.00", unit="lb")
    south = producer_factory(name="Verger du Sud", email="sud@verger.example")
    offer_factory(producer=south, product=carrots, price="3.00")
    far = board["farm"].__class__.objects.get(name="Ferme Lointaine")
    far.phone = "450 555-0199"
    far.save()
    return {
        **board,
        "need": make_need(board, frequency="weekly"),
        "roy": roy,
        "south": south,
        "far": far,
    }


def send(client, world, capture, producers=None, **fields):
    need = world["need"]
    producers = producers or [world[name].pk for name in ("farm", "roy", "south", "far")]
    with capture(execute=True):
        return client.post(
            f"{NEEDS}{need.pk}/prix/demander/",
            {"producers": producers, "deadline": "2026-10-10", **fields},
        )


def links_by_address(mailoutbox):
    return {message.to[0]: LINK.search(message.body).group(1) for message in mailoutbox}


def price(**fields):
    return {
        "choice": "price",
        "unit_price": "2,30",
        "unit": "kg",
        "quantity": "40",
        "delivery_terms": "Le mardi matin",
        "message": "",
        **fields,
    }


@pytest.mark.time_machine(SENT_AT, tick=False)
def test_a_round_from_the_need_to_the_accepted_supplier(
    client, home_pages, consultation, mailoutbox, django_capture_on_commit_callbacks
):
    """The organisation asks all its candidates; two answer by link and one declines; it
    compares them in its unit and accepts one; each side gets the other's contact
    details, the other who answered a polite "not this time"."""
    world, need = consultation, consultation["need"]
    client.force_login(world["cook"])
    page = client.get(f"{NEEDS}{need.pk}/").content.decode()
    assert f'href="{NEEDS}{need.pk}/prix/demander/">Demander des prix</a>' in page
    form = client.get(f"{NEEDS}{need.pk}/prix/demander/").context["form"]
    everyone = {world[name].pk for name in ("farm", "roy", "south", "far")}
    assert set(form.initial["producers"]) == everyone  # all picked at first

    response = send(client, world, django_capture_on_commit_callbacks)
    assert response.url == f"{NEEDS}{need.pk}/prix/"
    price_round = PriceRound.objects.get()
    assert price_round.sent_by == world["cook"] and price_round.deadline == date(2026, 10, 10)
    assert price_round.requests.count() == 4
    # Lebeau through its member; Roy and the orchard at their entries' address; the
    # far farm has none.
    links = links_by_address(mailoutbox)
    assert sorted(links) == ["farmer@lebeau.example", "roy@ferme.example", "sud@verger.example"]
    roy_email = next(m for m in mailoutbox if m.to == ["roy@ferme.example"])
    assert "Demande de prix : Carotte pour Cuisine collective de Verdun" in roy_email.subject
    for words in ("40\xa0kg, chaque semaine", "environ 880\xa0kg au total", "Verdun"):
        assert words in roy_email.body
    assert "livraison requise" in roy_email.body and "2026-10-10" in roy_email.body
    for message in mailoutbox:
        assert not any(budget in message.body for budget in BUDGET)
    mailoutbox.clear()

    producer = Client()  # no account, no session: the link is all it has
    page = producer.get(links["roy@ferme.example"])
    assert page.status_code == 200
    assert "Ferme Roy" in page.content.decode()
    assert not any(budget in page.content.decode() for budget in BUDGET)
    producer.post(links["roy@ferme.example"], price(unit_price="1,10", unit="lb", quantity="30"))
    Client().post(links["farmer@lebeau.example"], price())
    Client().post(
        links["sud@verger.example"],
        {"choice": "decline", "decline_reason": "no_stock", "message": "Gel en septembre"},
    )
    roy = PriceRequest.objects.get(producer=world["roy"])
    assert roy.status == "answered" and roy.unit_price == Decimal("1.10") and roy.unit == "lb"
    assert roy.logged_by is None and not roy.is_late
    south = PriceRequest.objects.get(producer=world["south"])
    assert south.status == "declined" and south.decline_reason == "no_stock"

    page = client.get(f"{NEEDS}{need.pk}/prix/").content.decode()
    # Lebeau's 2,30 $/kg first; Roy's 1,10 $/lb is 2,43 $/kg: 0,07 $/kg below the budget,
    # and its 30 lb are 34 % of a week's 40 kg; the orchard declined.
    table = page[page.index("<table") :]
    assert table.index("Ferme Lebeau") < table.index("Ferme Roy") < table.index("Verger du Sud")
    assert "2,43\xa0$/kg" in page and "1,10\xa0$/lb" in page
    assert "0,07\xa0$/kg en dessous, −3 %" in page
    assert "30\xa0lb (34 %)" in page
    assert "0,20\xa0$/kg en dessous, −8 %" in page
    assert "pas de stock" in page and "Gel en septembre" in page
    assert "450 555-0199" in page and "Consigner la réponse prise au téléphone" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{NEEDS}{need.pk}/prix/", {"accept": [roy.pk]})
    roy.refresh_from_db()
    lebeau = PriceRequest.objects.get(producer=world["farm"])
    assert roy.status == "accepted" and lebeau.status == "not_retained"
    by_address = {message.to[0]: message for message in mailoutbox}
    assert sorted(by_address) == [
        "colleague@verdun.example",
        "cook@verdun.example",
        "farmer@lebeau.example",
        "roy@ferme.example",
    ]
    assert "cuisine@verdun.example" in by_address["roy@ferme.example"].body
    assert "cook@verdun.example" in by_address["roy@ferme.example"].body
    assert "roy@ferme.example" in by_address["cook@verdun.example"].body
    assert "pas cette fois" in by_address["farmer@lebeau.example"].subject
    assert "cuisine@verdun.example" not in by_address["farmer@lebeau.example"].body
    for message in mailoutbox:
        if message.to[0].endswith("verdun.example"):
            continue
        assert not any(budget in message.body for budget in BUDGET)
    # Decided: the link shows the answer, and changes nothing any more.
    page = producer.get(links["roy@ferme.example"]).content.decode()
    assert "a accepté votre réponse" in page and "<form" not in page.split("</header>")[-1]
    producer.post(links["roy@ferme.example"], price(unit_price="9"))
    roy.refresh_from_db()
    assert roy.unit_price == Decimal("1.10")


@pytest.mark.time_machine(SENT_AT, tick=False)
def test_the_link_changes_the_answer_until_the_need_closes(
    client, home_pages, consultation, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(consultation["cook"])
    send(client, consultation, django_capture_on_commit_callbacks)
    link = links_by_address(mailoutbox)["roy@ferme.example"]
    anonymous = Client()
    anonymous.post(link, price(unit_price="2,40"))
    response = anonymous.post(link, price(unit_price="2,10"))
    assert response.status_code == 302
    page = anonymous.get(link).content.decode()
    assert "Merci, votre réponse est envoyée" in page and "2,10\xa0$/kg" in page
    roy = PriceRequest.objects.get(producer=consultation["roy"])
    assert roy.unit_price == Decimal("2.10")
    need = consultation["need"]
    need.status = "fulfilled"
    need.save()
    closed = anonymous.get(link)
    assert closed.status_code == 410
    assert "Cette demande de prix est close" in closed.content.decode()
    anonymous.post(link, price(unit_price="1,00"))
    roy.refresh_from_db()
    assert roy.unit_price == Decimal("2.10")


@pytest.mark.time_machine(SENT_AT, tick=False)
def test_a_tampered_or_another_needs_link_opens_nothing(
    client, home_pages, consultation, mailoutbox, django_capture_on_commit_callbacks
):
    world = consultation
    client.force_login(world["cook"])
    send(client, world, django_capture_on_commit_callbacks)
    link = links_by_address(mailoutbox)["roy@ferme.example"]
    other_need = make_need(world, quantity=Decimal("10"))
    roy = PriceRequest.objects.get(producer=world["roy"])
    token = rules.token_for(roy)
    signed_for_another_purpose = signing.Signer(salt="other").sign_object(
        {"r": roy.pk, "n": world["need"].pk}
    )
    tampered = [
        link.replace(token, token[:-2] + ("AA" if not token.endswith("AA") else "BB")),
        link.replace(token, signing.Signer(salt=rules.LINK_SALT).sign_object({"r": 0})),
        link.replace(token, signed_for_another_purpose),
        link.replace(f"/{world['need'].pk}/", f"/{other_need.pk}/"),  # another need's
        link.replace(token, "pas-un-jeton"),
    ]
    for url in tampered:
        for response in (Client().get(url), Client().post(url, price(unit_price="0,10"))):
            assert response.status_code == 400, url
            assert "aucune demande de prix" in response.content.decode()
    roy.refresh_from_db()
    assert roy.status == "waiting"


def test_a_link_expires_when_the_needs_period_ends(
    client, home_pages, consultation, mailoutbox, django_capture_on_commit_callbacks
):
    with time_machine.travel(SENT_AT, tick=False):
        client.force_login(consultation["cook"])
        send(client, consultation, django_capture_on_commit_callbacks)
        link = links_by_address(mailoutbox)["roy@ferme.example"]
    # Ten minutes before and after the end of the need's last day (31 March), in Montréal.
    last_day = consultation["need"].wanted_until
    with time_machine.travel(datetime.combine(last_day, time(23, 50), MONTREAL), tick=False):
        assert Client().get(link).status_code == 200
    next_day = last_day + timedelta(days=1)
    with time_machine.travel(datetime.combine(next_day, time(0, 10), MONTREAL), tick=False):
        response = Client().post(link, price())
        assert response.status_code == 410
        assert "Cette demande de prix est close" in response.content.decode()
    assert PriceRequest.objects.get(producer=consultation["roy"]).status == "waiting"


@pytest.mark.time_machine(SENT_AT, tick=False)
def test_a_producer_without_email_answers_by_phone(
    client, home_pages, consultation, editor, mailoutbox, django_capture_on_commit_callbacks
):
    world = consultation
    client.force_login(world["cook"])
    page = client.get(f"{NEEDS}{world['need'].pk}/prix/demander/").content.decode()
    assert "adresse courriel : appelez-les (450 555-0199)" in page
    send(client, world, django_capture_on_commit_callbacks, producers=[world["far"].pk])
    assert mailoutbox == []
    far = PriceRequest.objects.get(producer=world["far"])
    client.force_login(editor)  # the staff, on the organisation's behalf
    url = f"{NEEDS}prix/{far.pk}/telephone/"
    assert "450 555-0199" in client.get(url).content.decode()
    missing = client.post(url, price(unit_price=""))
    assert "Indiquez votre prix unitaire." in missing.content.decode()
    response = client.post(url, price(unit_price="4,00", quantity="100"))
    assert response.url == f"{NEEDS}{world['need'].pk}/prix/"
    far.refresh_from_db()
    assert far.status == "answered" and far.logged_by == editor
    page = client.get(response.url).content.decode()
    assert "par téléphone" in page and "1,50\xa0$/kg au-dessus, +60 %" in page
    assert "40\xa0kg" in page and "(100 %)" in page


@pytest.mark.time_machine(SENT_AT, tick=False)
def test_only_the_organisation_and_the_staff_ask_and_compare(
    client, home_pages, consultation, django_capture_on_commit_callbacks
):
    world = consultation
    need = world["need"]
    for outsider in (world["other"], world["farmer"]):
        client.force_login(outsider)
        assert client.get(f"{NEEDS}{need.pk}/prix/demander/").status_code == 403
        assert send(client, world, django_capture_on_commit_callbacks).status_code == 403
        assert client.get(f"{NEEDS}{need.pk}/prix/").status_code == 403
        page = client.get(f"{NEEDS}{need.pk}/").content.decode()
        assert "Demander des prix" not in page
    assert not PriceRound.objects.exists()


@pytest.mark.time_machine(SENT_AT, tick=False)
def test_each_producer_is_written_to_in_its_language(
    client, home_pages, consultation, mailoutbox, django_capture_on_commit_callbacks
):
    world = consultation
    world["farmer"].language = "en"
    world["farmer"].save()
    client.force_login(world["cook"])
    send(client, world, django_capture_on_commit_callbacks)
    english = next(m for m in mailoutbox if m.to == ["farmer@lebeau.example"])
    assert "Price request: Carrot for Cuisine collective de Verdun" in english.subject
    assert "40\xa0kg, every week" in english.body
    assert "/en/needs/" in english.body
    page = Client().get(LINK.search(english.body).group(1)).content.decode()
    assert "Price request: Carrot" in page


@pytest.mark.time_machine(SENT_AT, tick=False)
def test_a_late_answer_is_marked_late(
    client, home_pages, consultation, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(consultation["cook"])
    send(client, consultation, django_capture_on_commit_callbacks)
    links = links_by_address(mailoutbox)
    with time_machine.travel(datetime(2026, 10, 10, 23, 30, tzinfo=MONTREAL), tick=False):
        Client().post(links["roy@ferme.example"], price())
    with time_machine.travel(datetime(2026, 10, 11, 0, 30, tzinfo=MONTREAL), tick=False):
        Client().post(links["sud@verger.example"], price())
    roy = PriceRequest.objects.get(producer=consultation["roy"])
    south = PriceRequest.objects.get(producer=consultation["south"])
    assert not roy.is_late and south.is_late
    page = client.get(f"{NEEDS}{consultation['need'].pk}/prix/").content.decode()
    assert page.count("en retard") == 1


@pytest.mark.time_machine(SENT_AT, tick=False)
def test_reminders_go_once_the_day_before_to_those_who_have_not_answered(
    client, home_pages, consultation, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(consultation["cook"])
    send(client, consultation, django_capture_on_commit_callbacks)  # answers by 10 October
    links = links_by_address(mailoutbox)
    Client().post(links["roy@ferme.example"], price())
    mailoutbox.clear()
    with time_machine.travel(datetime(2026, 10, 8, 9, tzinfo=MONTREAL), tick=False):
        call_command("send_price_request_reminders")
    assert mailoutbox == []  # two days before: not yet
    with time_machine.travel(datetime(2026, 10, 9, 9, tzinfo=MONTREAL), tick=False):
        call_command("send_price_request_reminders")
        call_command("send_price_request_reminders")  # run again: nobody twice
    assert sorted(m.to[0] for m in mailoutbox) == ["farmer@lebeau.example", "sud@verger.example"]
    reminder = mailoutbox[0]
    assert "Rappel" in reminder.subject and "2026-10-10" in reminder.body
    assert LINK.search(reminder.body).group(1) in links.values()
    assert not any(budget in reminder.body for budget in BUDGET)


@pytest.mark.time_machine(SENT_AT, tick=False)
def test_answers_through_a_link_are_rate_limited(
    client, home_pages, consultation, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(consultation["cook"])
    send(client, consultation, django_capture_on_commit_callbacks)
    link = links_by_address(mailoutbox)["roy@ferme.example"]
    anonymous = Client()
    answers = [anonymous.post(link, price(unit_price=f"2,{n:02d}")) for n in range(11)]
    assert [r.status_code for r in answers] == [302] * 10 + [429]
    assert "Trop de tentatives" in answers[-1].content.decode()
    assert PriceRequest.objects.get(producer=consultation["roy"]).unit_price == Decimal("2.09")


@pytest.mark.time_machine(SENT_AT, tick=False)
def test_producers_already_asked_are_not_asked_again(
    client, home_pages, consultation, mailoutbox, django_capture_on_commit_callbacks
):
    world = consultation
    client.force_login(world["cook"])
    send(client, world, django_capture_on_commit_callbacks, producers=[world["roy"].pk])
    mailoutbox.clear()
    response = send(client, world, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert PriceRequest.objects.filter(producer=world["roy"]).count() == 1
    assert "roy@ferme.example" not in [m.to[0] for m in mailoutbox]
    again = send(client, world, django_capture_on_commit_callbacks, producers=[world["roy"].pk])
    assert "Choisissez au moins un producteur pas encore sollicité." in again.content.decode()


@pytest.mark.time_machine(SENT_AT, tick=False)
def test_the_comparison_takes_the_same_number_of_queries_with_more_answers(
    client,
    home_pages,
    consultation,
    producer_factory,
    offer_factory,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    world = consultation
    client.force_login(world["cook"])
    send(client, world, django_capture_on_commit_callbacks)
    url = f"{NEEDS}{world['need'].pk}/prix/"
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    queries = len(few.captured_queries)
    for number in range(8):
        producer = producer_factory(name=f"Ferme {number}", email=f"f{number}@ferme.example")
        offer_factory(producer=producer, product=world["carrots"])
    everyone = [candidate.producer.pk for candidate in rules.candidates(world["need"])]
    send(client, world, django_capture_on_commit_callbacks, producers=everyone)
    for price_request in PriceRequest.objects.filter(status="waiting"):
        rules.answer(price_request, unit_price=Decimal("2"), unit="kg", quantity=Decimal("5"))
    client.get(url)  # what pages keep until a change (the menu) is built again
    with django_assert_max_num_queries(queries):
        page = client.get(url)
    assert page.content.decode().count('name="accept"') == 12


@pytest.mark.mail_fails
@pytest.mark.time_machine(SENT_AT, tick=False)
def test_a_failing_mail_server_neither_fails_nor_undoes_the_request(
    client, home_pages, consultation, settings, caplog, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", unused_port()
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    client.force_login(consultation["cook"])
    response = send(client, consultation, django_capture_on_commit_callbacks)
    assert response.url == f"{NEEDS}{consultation['need'].pk}/prix/"
    assert PriceRequest.objects.count() == 4
    assert run_due_tasks() == 1
    assert any(
        record.getMessage().startswith("Email not sent (price request round")
        for record in caplog.records
    )
    # Waiting to be tried again, for the three producers that have an address.
    assert deliveries().filter(status="READY").count() == 1


# Accepting answers the need on the needs board --------------------------------------------


def answered(world, capture, mailoutbox, client):
    """The round sent; Roy answers 1,10 $/lb for 30 lb, Lebeau 2,30 $/kg for 40 kg."""
    client.force_login(world["cook"])
    send(client, world, capture)
    links = links_by_address(mailoutbox)
    Client().post(links["roy@ferme.example"], price(unit_price="1,10", unit="lb", quantity="30"))
    Client().post(links["farmer@lebeau.example"], price())
    mailoutbox.clear()
    return {name: PriceRequest.objects.get(producer=world[name]) for name in ("roy", "farm")}


@pytest.mark.time_machine(SENT_AT, tick=False)
def test_an_accepted_answer_short_of_the_quantity_answers_the_need_and_leaves_it_open(
    client, home_pages, consultation, mailoutbox, django_capture_on_commit_callbacks
):
    """Roy's 30 lb (13,61 kg) of a week's 40 kg: its answer is on the needs board,
    accepted, in the need's unit; the need stays open, and the organisation is told so."""
    world, need = consultation, consultation["need"]
    requests = answered(world, django_capture_on_commit_callbacks, mailoutbox, client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{NEEDS}{need.pk}/prix/", {"accept": [requests["roy"].pk]}, follow=True
        )
    answer = need.answers.get()
    assert answer.producer == world["roy"] and answer.status == "accepted"
    assert (answer.unit_price, answer.quantity) == (Decimal("2.43"), Decimal("13.61"))
    assert answer.accepted_at is not None
    need.refresh_from_db()
    assert need.status == "open"
    page = html.unescape(response.content.decode())
    assert "13,61\xa0kg sur 40\xa0kg acceptés jusqu'ici : le besoin reste ouvert" in page
    # The needs board's own emails are not sent again: the acceptance's are the ones.
    assert len([m for m in mailoutbox if m.to == ["roy@ferme.example"]]) == 1
    board_page = client.get(f"{NEEDS}{need.pk}/").content.decode()
    assert "Ferme Roy" in board_page


@pytest.mark.time_machine(SENT_AT, tick=False)
def test_answers_accepted_that_cover_the_quantity_close_the_need(
    client, home_pages, consultation, mailoutbox, django_capture_on_commit_callbacks
):
    """Lebeau had also answered on the needs board: that answer is the one accepted, with
    the price agreed; its 40 kg cover the need, closed as bought from it at 2,30 $/kg."""
    world, need = consultation, consultation["need"]
    from community.needs import rules as needs

    earlier = needs.answer(
        need, world["farm"], world["farmer"], unit_price=Decimal("2.60"), quantity=Decimal("20")
    )
    requests = answered(world, django_capture_on_commit_callbacks, mailoutbox, client)
    response = client.post(
        f"{NEEDS}{need.pk}/prix/", {"accept": [requests["farm"].pk]}, follow=True
    )
    assert "La quantité est couverte : le besoin est fermé." in response.content.decode()
    earlier.refresh_from_db()
    assert need.answers.count() == 1
    assert (earlier.status, earlier.unit_price, earlier.quantity) == (
        "accepted",
        Decimal("2.30"),
        Decimal("40.00"),
    )
    need.refresh_from_db()
    assert need.status == "fulfilled"
    assert need.fulfilled_by == world["farm"] and need.price_paid == Decimal("2.30")
    assert Client().get(links_of_round(need, world["south"])).status_code == 410


@pytest.mark.time_machine(SENT_AT, tick=False)
def test_two_answers_accepted_together_cover_the_need_between_them(
    client, home_pages, consultation, mailoutbox, django_capture_on_commit_callbacks
):
    world, need = consultation, consultation["need"]
    requests = answered(world, django_capture_on_commit_callbacks, mailoutbox, client)
    rules.decide(need, [requests["roy"].pk, requests["farm"].pk])
    assert sorted(need.answers.values_list("producer__name", "status")) == [
        ("Ferme Lebeau", "accepted"),
        ("Ferme Roy", "accepted"),
    ]
    need.refresh_from_db()
    assert need.status == "fulfilled" and need.fulfilled_by is None and need.price_paid is None


def links_of_round(need, producer):
    price_request = PriceRequest.objects.get(round__need=need, producer=producer)
    view, args = rules.link_args(price_request)
    from django.urls import reverse
    from django.utils import translation

    with translation.override("fr"):
        return reverse(view, args=args)


# The organisation is told of each answer ------------------------------------------------


@pytest.mark.time_machine(SENT_AT, tick=False)
def test_each_answer_is_emailed_to_the_organisation_as_it_arrives(
    client, home_pages, consultation, mailoutbox, django_capture_on_commit_callbacks
):
    """One email per answer, to each member in their language, with the comparison's
    link; a changed answer says so; one taken by phone goes to the others."""
    world, need = consultation, consultation["need"]
    world["colleague"].language = "en"
    world["colleague"].save()
    client.force_login(world["cook"])
    send(client, world, django_capture_on_commit_callbacks)
    links = links_by_address(mailoutbox)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(links["roy@ferme.example"], price(unit_price="1,10", unit="lb"))
    by_address = {message.to[0]: message for message in mailoutbox}
    assert sorted(by_address) == ["colleague@verdun.example", "cook@verdun.example"]
    french, english = by_address["cook@verdun.example"], by_address["colleague@verdun.example"]
    assert "Ferme Roy a répondu à votre demande de prix pour Carotte" in french.subject
    assert "Ferme Roy propose 1,10\xa0$/lb, jusqu'à 40\xa0lb." in french.body
    assert f"https://salim.example:8443{NEEDS}{need.pk}/prix/" in french.body
    assert "Ferme Roy answered your price request for Carrot" in english.subject
    assert f"/en/needs/{need.pk}/prices/" in english.body
    assert "remplace" not in french.body
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        Client().post(links["roy@ferme.example"], price(unit_price="1,05", unit="lb"))
        Client().post(
            links["sud@verger.example"], {"choice": "decline", "decline_reason": "too_far"}
        )
    assert len(mailoutbox) == 4  # two answers, two members
    changed = [m for m in mailoutbox if "Ferme Roy" in m.subject]
    assert "Ferme Roy a modifié sa réponse pour Carotte" in changed[0].subject or (
        "Ferme Roy changed its answer" in changed[0].subject
    )
    assert any("Cette réponse remplace celle donnée avant." in m.body for m in changed)
    declined = next(m for m in mailoutbox if m.to == ["cook@verdun.example"] and "Sud" in m.subject)
    assert "ne peut pas le fournir cette fois (trop loin)" in declined.body
    mailoutbox.clear()

    far = PriceRequest.objects.get(producer=world["far"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{NEEDS}prix/{far.pk}/telephone/", price(unit_price="4,00"))
    assert [m.to for m in mailoutbox] == [["colleague@verdun.example"]]  # not to who typed it
    assert "Answer taken by phone." in mailoutbox[0].body


@pytest.mark.time_machine(SENT_AT, tick=False)
def test_members_who_want_no_emails_about_needs_are_not_told_of_answers(
    client, home_pages, consultation, mailoutbox, django_capture_on_commit_callbacks
):
    world = consultation
    world["colleague"].need_emails = False
    world["colleague"].save()
    client.force_login(world["cook"])
    send(client, world, django_capture_on_commit_callbacks)
    link = links_by_address(mailoutbox)["roy@ferme.example"]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(link, price())
    assert [m.to for m in mailoutbox] == [["cook@verdun.example"]]


@pytest.mark.mail_fails
@pytest.mark.time_machine(SENT_AT, tick=False)
def test_an_answer_is_kept_when_the_mail_server_is_down(
    client,
    home_pages,
    consultation,
    mailoutbox,
    settings,
    caplog,
    django_capture_on_commit_callbacks,
):
    client.force_login(consultation["cook"])
    send(client, consultation, django_capture_on_commit_callbacks)
    link = links_by_address(mailoutbox)["roy@ferme.example"]
    settings.TASKS = DATABASE_TASKS
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", unused_port()
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(link, price(unit_price="2,20"))
    assert response.status_code == 302
    roy = PriceRequest.objects.get(producer=consultation["roy"])
    assert roy.status == "answered" and roy.unit_price == Decimal("2.20")
    assert run_due_tasks() == 1
    assert any(
        record.getMessage().startswith("Email not sent (answer to price request")
        for record in caplog.records
    )
    assert deliveries().filter(status="READY").count() == 1


# The staff's list in the admin ------------------------------------------------------------


@pytest.mark.time_machine(SENT_AT, tick=False)
def test_the_staff_list_every_round_with_its_answers_in_the_admin(
    client,
    home_pages,
    consultation,
    editor,
    mailoutbox,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    world = consultation
    requests = answered(world, django_capture_on_commit_callbacks, mailoutbox, client)
    rules.decline(PriceRequest.objects.get(producer=world["south"]), reason="no_stock")
    rules.decide(world["need"], [requests["roy"].pk])
    client.force_login(world["cook"])
    assert "/comptes/login/" in client.get("/admin/price-requests/").url  # members: no admin
    client.force_login(editor)
    admin_home = client.get("/admin/").content.decode()
    assert "/admin/price-requests/" in admin_home  # in the admin's menu
    client.get("/admin/price-requests/")
    with django_assert_max_num_queries(40) as few:
        page = html.unescape(client.get("/admin/price-requests/").content.decode())
    queries = len(few.captured_queries)
    assert "Carotte — Cuisine collective de Verdun" in page
    assert f'href="{NEEDS}{world["need"].pk}/prix/"' in page
    rows = page[page.index("<tbody>") :]
    for words in (
        "Ferme Roy</th>\n                        <td>acceptée",
        "1,10\xa0$/lb, 30\xa0lb",
        "non retenue",
        "pas de stock",
        "en attente de réponse",
    ):
        assert words in rows, words
    assert "2,50" not in rows  # the rows show answers, not the budget
    assert "Verger du Sud" in client.get("/admin/price-requests/?status=declined").content.decode()
    nothing = client.get("/admin/price-requests/?status=not_retained&page=2").content.decode()
    assert "Ferme Lebeau" in nothing  # a page past the last: the last page
    tampered = client.get("/admin/price-requests/?status=nonsense&page=x")
    assert tampered.status_code == 200 and "Verger du Sud" in tampered.content.decode()
    for number in range(3):
        need = make_need(world, quantity=Decimal(10 + number))
        price_round = PriceRound.objects.create(need=need)
        PriceRequest.objects.create(round=price_round, producer=world["roy"])
    with django_assert_max_num_queries(queries):
        client.get("/admin/price-requests/")
