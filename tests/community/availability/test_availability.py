"""Weekly availability: a producer says in a minute what it has this week, from the site
or through the weekly email's signed link; the prices reach the price history; the
directory shows the lines until their day; organisations near are told once a week."""

import html
import io
import re
import zoneinfo
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core import signing
from django.core.management import call_command
from django.test import Client

import pytest
import time_machine

from community.availability import rules
from directory.models import Availability, Offer, PriceObservation
from directory.signals import data_version

from ..helpers import DATABASE_TASKS, deliveries, make_need, run_due_tasks, unused_port

MONTREAL = zoneinfo.ZoneInfo("America/Montreal")
# A Monday in October; the week ends on Sunday the 11th.
MONDAY = datetime(2026, 10, 5, 10, tzinfo=MONTREAL)
SUNDAY = date(2026, 10, 11)
SITE_FORM = "/fr/mon-organisme/cette-semaine/"
LINK = re.compile(r"https://salim\.example:8443(/(?:fr|en)/[^\s]+/)")


def lines(*rows, initial=0):
    """The form's data: rows of (product, quantity, unit, price, until)."""
    data = {"lines-TOTAL_FORMS": str(max(len(rows), 1)), "lines-INITIAL_FORMS": str(initial)}
    for number, (product, quantity, unit, price, until) in enumerate(rows):
        data.update(
            {
                f"lines-{number}-product": str(product),
                f"lines-{number}-quantity": quantity,
                f"lines-{number}-unit": unit,
                f"lines-{number}-price": price,
                f"lines-{number}-available_until": until,
            }
        )
    return data


@pytest.fixture
def week(board, producer_factory, offer_factory, product_factory):
    """The board (Ferme Lebeau: a member, carrots in lb, delivers to Verdun), with leeks
    in the directory and Ferme Roy (carrots, an entry's address only)."""
    roy = producer_factory(name="Ferme Roy", email="roy@ferme.example")
    offer_factory(producer=roy, product=board["carrots"], price="1.50")
    return {**board, "leeks": product_factory(name_fr="Poireau", name_en="Leek"), "roy": roy}


def ask(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queued = rules.ask_producers()
    links = {message.to[0]: LINK.search(message.body).group(1) for message in mailoutbox}
    return queued, links


@pytest.mark.time_machine(MONDAY, tick=False)
def test_a_member_sends_the_week_from_the_site_and_the_directory_shows_it(
    client, home_pages, week, django_capture_on_commit_callbacks
):
    farm, carrots, leeks = week["farm"], week["carrots"], week["leeks"]
    client.force_login(week["farmer"])
    page = client.get(SITE_FORM).content.decode()
    # Its own products first, then the directory's others.
    assert page.index('<optgroup label="Vos produits">') < page.index("Carotte")
    assert page.index("Autres produits du répertoire") < page.index("Poireau")
    version = data_version()
    response = client.post(
        SITE_FORM,
        lines((carrots.pk, "30", "lb", "1,10", ""), (leeks.pk, "12,5", "kg", "2,40", "2026-10-08")),
    )
    assert response.status_code == 302 and response.url == SITE_FORM
    saved = {line.product: line for line in Availability.objects.all()}
    assert saved[carrots].available_until == SUNDAY  # the end of the week by default
    assert saved[carrots].source == "site" and saved[carrots].entered_by == week["farmer"]
    assert saved[leeks].quantity == Decimal("12.5") and saved[leeks].price == Decimal("2.40")
    assert data_version() != version  # the directory's caches move on
    # The prices reach the price history, and the offer of carrots in lb its new price.
    observed = PriceObservation.objects.get(product=carrots)
    assert (observed.price, observed.unit, observed.observed_on) == (
        Decimal("1.10"),
        "lb",
        date(2026, 10, 5),
    )
    assert observed.producer == farm and observed.origin == farm.distance_class
    offer = Offer.objects.get(producer=farm, product=carrots)
    assert offer.price == Decimal("1.10") and offer.price_seen_on == date(2026, 10, 5)

    visitor = Client()
    entry = visitor.get(farm.get_absolute_url()).content.decode()
    assert "Disponible cette semaine" in entry
    assert "30\xa0lb à 1,10\xa0$/lb, jusqu'au 11 octobre 2026" in entry
    assert "12,5\xa0kg à 2,40\xa0$/kg, jusqu'au 8 octobre 2026" in entry
    card = visitor.get("/fr/producteurs/").content.decode()
    assert "30\xa0lb à 1,10\xa0$/lb" in card
    product = visitor.get(carrots.get_absolute_url()).content.decode()
    assert "Ferme Lebeau</a> —" in product and "30\xa0lb à 1,10\xa0$/lb" in product
    week_page = client.get(SITE_FORM).content.decode()  # the producer sees what is shown
    assert "Disponible maintenant sur votre fiche" in week_page
    assert f'<a href="{carrots.get_absolute_url()}">' in week_page
    assert "30\xa0lb à 1,10\xa0$/lb, jusqu'au 11 octobre 2026" in week_page

    # Sending again replaces the week: the leeks are gone, the carrots changed.
    client.post(SITE_FORM, lines((carrots.pk, "20", "lb", "1,00", "")))
    assert [(a.product, a.quantity) for a in Availability.objects.all()] == [
        (carrots, Decimal("20"))
    ]
    assert PriceObservation.objects.filter(product=carrots).get().price == Decimal("1.00")


@pytest.mark.time_machine(MONDAY, tick=False)
def test_bad_input_is_explained_and_nothing_is_lost(client, home_pages, week):
    client.force_login(week["farmer"])
    response = client.post(
        SITE_FORM,
        lines(
            (week["carrots"].pk, "", "lb", "1,1O", "2026-10-01"),
            ("", "5", "kg", "2", ""),
            (999999, "5", "kg", "2", "2027-06-01"),
        ),
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    for message in (
        "Indiquez la quantité disponible.",
        "Saisissez un nombre.",
        "Ce jour est passé : indiquez aujourd'hui ou un jour suivant.",
        "Choisissez le produit.",
        "Sélectionnez un choix valide.",
        "Indiquez un jour d'ici le 30 novembre 2026",
    ):
        assert message in page, message
    assert 'value="1,1O"' in page and 'value="2026-10-01"' in page  # as typed
    assert not Availability.objects.exists() and not PriceObservation.objects.exists()


def test_only_the_producers_members_use_the_site_form(client, home_pages, week):
    client.force_login(week["cook"])  # a kitchen's member: no directory entry to keep
    assert client.get(SITE_FORM).status_code == 403
    assert Client().get(SITE_FORM).status_code == 302  # signed out: to sign in


@pytest.mark.time_machine(MONDAY, tick=False)
def test_the_weekly_email_asks_each_producer_in_its_language_with_its_link(
    home_pages, week, mailoutbox, django_capture_on_commit_callbacks
):
    farmer = week["farmer"]
    farmer.language = "en"
    farmer.save()
    # Last week, the farm had carrots; this week nothing yet.
    with time_machine.travel(MONDAY - timedelta(days=7), tick=False):
        rules.save_week(
            week["farm"],
            [
                {
                    "product": week["carrots"],
                    "quantity": Decimal("30"),
                    "unit": "lb",
                    "price": Decimal("1.10"),
                }
            ],
            source="site",
        )
    queued, links = ask(mailoutbox, django_capture_on_commit_callbacks)
    # Lebeau through its member, in English; Roy at its entry's address, in French; the
    # far farm has nobody to write to.
    assert queued == 2 and sorted(links) == ["farmer@lebeau.example", "roy@ferme.example"]
    english = next(m for m in mailoutbox if m.to == ["farmer@lebeau.example"])
    assert "Still available? Change prices? This week at Ferme Lebeau" in english.subject
    assert "- Carrot, 30\xa0lb, $1.10/lb, Oct 11, 2026" not in english.body  # last week's day
    assert "- Carrot, 30\xa0lb, $1.10/lb, Oct 4, 2026" in english.body
    assert links["farmer@lebeau.example"].startswith("/en/this-week/")
    french = next(m for m in mailoutbox if m.to == ["roy@ferme.example"])
    assert "Toujours disponible ? Des prix à changer ?" in french.subject
    assert "Qu'avez-vous cette semaine ?" in french.body
    assert links["roy@ferme.example"].startswith("/fr/cette-semaine/")

    # The form opens without an account, from last week's lines moved to this week.
    producer = Client()
    page = producer.get(links["farmer@lebeau.example"])
    assert page.status_code == 200
    form = page.context["lines"]
    assert form.initial[0]["product"] == week["carrots"].pk
    assert form.initial[0]["available_until"] == SUNDAY
    response = producer.post(
        links["farmer@lebeau.example"], lines((week["carrots"].pk, "25", "lb", "1,15", ""))
    )
    assert response.status_code == 302
    line = Availability.objects.current().get()
    assert line.source == "link" and line.entered_by is None and line.price == Decimal("1.15")

    # However often the command runs, one email a week; next week, again.
    mailoutbox.clear()
    call_command("send_availability_requests", stdout=io.StringIO())
    assert mailoutbox == []
    with time_machine.travel(MONDAY + timedelta(days=7), tick=False):
        assert ask(mailoutbox, django_capture_on_commit_callbacks)[0] == 2


@pytest.mark.time_machine(MONDAY, tick=False)
def test_a_tampered_expired_or_another_producers_link_opens_nothing(
    home_pages, week, mailoutbox, django_capture_on_commit_callbacks
):
    _queued, links = ask(mailoutbox, django_capture_on_commit_callbacks)
    link = links["roy@ferme.example"]
    roy, farm = week["roy"], week["farm"]
    token = rules.token_for(roy)
    tampered = [
        link.replace(token, token[:-2] + ("AA" if not token.endswith("AA") else "BB")),
        link.replace(token, signing.Signer(salt="other").sign_object({"p": roy.pk, "w": 1})),
        link.replace(token, signing.Signer(salt=rules.LINK_SALT).sign_object({"p": roy.pk})),
        link.replace(f"/{roy.pk}/", f"/{farm.pk}/"),  # another producer's address
        link.replace(token, "pas-un-jeton"),
    ]
    data = lines((week["carrots"].pk, "5", "kg", "0,10", ""))
    for url in tampered:
        for response in (Client().get(url), Client().post(url, data)):
            assert response.status_code == 400, url
            assert "Ce lien n'ouvre aucune disponibilité de la semaine" in response.content.decode()
    # The week it was sent for and the next; not the one after.
    last_day = date(2026, 10, 18)
    with time_machine.travel(datetime.combine(last_day, time(23, 50), MONTREAL), tick=False):
        assert Client().get(link).status_code == 200
    with time_machine.travel(
        datetime.combine(last_day, time(0, 10), MONTREAL) + timedelta(days=1), tick=False
    ):
        response = Client().post(link, data)
        assert response.status_code == 410
        assert "Ce lien a expiré" in response.content.decode()
    assert not Availability.objects.exists()


@pytest.mark.time_machine(MONDAY, tick=False)
def test_sending_through_a_link_is_rate_limited(
    home_pages, week, mailoutbox, django_capture_on_commit_callbacks
):
    link = ask(mailoutbox, django_capture_on_commit_callbacks)[1]["roy@ferme.example"]
    anonymous = Client()
    answers = [
        anonymous.post(link, lines((week["carrots"].pk, "5", "kg", f"2,{n:02d}", "")))
        for n in range(11)
    ]
    assert [r.status_code for r in answers] == [302] * 10 + [429]
    assert "Trop de tentatives" in answers[-1].content.decode()
    assert Availability.objects.get().price == Decimal("2.09")


@pytest.mark.time_machine(MONDAY, tick=False)
def test_the_digest_tells_organisations_near_what_they_buy_in_their_language(
    home_pages,
    week,
    area_factory,
    organisation_factory,
    member_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    kitchen, carrots, leeks = week["kitchen"], week["carrots"], week["leeks"]
    kitchen.products_usually_bought.add(carrots)
    week["colleague"].language = "en"
    week["colleague"].save()
    # Lachine's kitchen needs leeks, but nobody near Lachine has any.
    lachine = organisation_factory(name="Cuisine de Lachine", borough=area_factory(name="Lachine"))
    member_factory(organisation=lachine, email="chef@lachine.example")
    make_need(week, organisation=lachine, product=leeks)
    # Lebeau (delivers to Verdun) has carrots and leeks; Roy (elsewhere) carrots.
    line = {"quantity": Decimal("30"), "unit": "kg", "price": Decimal("1.20")}
    rules.save_week(
        week["farm"], [{"product": carrots, **line}, {"product": leeks, **line}], source="site"
    )
    rules.save_week(week["roy"], [{"product": carrots, **line}], source="site")
    with django_capture_on_commit_callbacks(execute=True):
        assert rules.send_digests() == 1
    by_address = {message.to[0]: message for message in mailoutbox}
    assert sorted(by_address) == ["colleague@verdun.example", "cook@verdun.example"]
    french = by_address["cook@verdun.example"]
    assert "Disponible cette semaine près de Cuisine collective de Verdun" in french.subject
    assert "- Ferme Lebeau — Carotte, 30\xa0kg, 1,20\xa0$/kg, 11 octobre 2026" in french.body
    assert "Poireau" not in french.body and "Ferme Roy" not in french.body
    english = by_address["colleague@verdun.example"]
    assert "Available this week near Cuisine collective de Verdun" in english.subject
    assert "- Ferme Lebeau — Carrot, 30\xa0kg, $1.20/kg, Oct 11, 2026" in english.body
    # An open need for a product brings it in too; once a week only.
    mailoutbox.clear()
    make_need(week, product=leeks)
    with django_capture_on_commit_callbacks(execute=True):
        assert rules.send_digests() == 0
    assert mailoutbox == []
    assert [line.product for line in rules.available_near(kitchen)] == [carrots, leeks]


@pytest.mark.time_machine(MONDAY, tick=False)
def test_no_digest_when_nothing_matches(
    home_pages, week, mailoutbox, django_capture_on_commit_callbacks
):
    week["kitchen"].products_usually_bought.add(week["leeks"])
    rules.save_week(
        week["farm"],
        [
            {
                "product": week["carrots"],
                "quantity": Decimal("30"),
                "unit": "kg",
                "price": Decimal("1"),
            }
        ],
        source="site",
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_availability_digests", stdout=io.StringIO())
    assert mailoutbox == []
    # Matching by the week it ends: the line past its day matches nothing either.
    week["kitchen"].products_usually_bought.add(week["carrots"])
    assert rules.available_near(week["kitchen"], SUNDAY + timedelta(days=1)) == []


@pytest.mark.time_machine(MONDAY, tick=False)
def test_a_line_past_its_day_no_longer_shows(client, home_pages, week):
    rules.save_week(
        week["farm"],
        [
            {
                "product": week["carrots"],
                "quantity": Decimal("30"),
                "unit": "kg",
                "price": Decimal("1.20"),
            }
        ],
        source="site",
    )
    url = week["farm"].get_absolute_url()
    with time_machine.travel(datetime.combine(SUNDAY, time(23, 50), MONTREAL), tick=False):
        assert "Disponible cette semaine" in client.get(url).content.decode()
        assert (
            "Disponible cette semaine"
            in client.get(week["carrots"].get_absolute_url()).content.decode()
        )
    with time_machine.travel(
        datetime.combine(SUNDAY, time(0, 10), MONTREAL) + timedelta(days=1), tick=False
    ):
        assert "Disponible cette semaine" not in client.get(url).content.decode()
        assert (
            "Disponible cette semaine"
            not in client.get(week["carrots"].get_absolute_url()).content.decode()
        )
        assert "Disponible cette semaine" not in client.get("/fr/producteurs/").content.decode()


@pytest.mark.time_machine(MONDAY, tick=False)
def test_the_directory_pages_take_the_same_queries_with_more_lines(
    client,
    home_pages,
    week,
    producer_factory,
    offer_factory,
    product_factory,
    django_assert_max_num_queries,
):
    pages = [
        week["farm"].get_absolute_url(),
        week["carrots"].get_absolute_url(),
        "/fr/producteurs/",
    ]
    line = {"quantity": Decimal("3"), "unit": "kg", "price": Decimal("2")}
    rules.save_week(week["farm"], [{"product": week["carrots"], **line}], source="site")
    counts = {}
    for url in pages:
        client.get(url)
        with django_assert_max_num_queries(60) as seen:
            client.get(url)
        counts[url] = len(seen.captured_queries)
    products = [product_factory(name_fr=f"Légume {n}") for n in range(5)]
    rules.save_week(
        week["farm"], [{"product": p, **line} for p in [week["carrots"], *products]], source="site"
    )
    for number in range(5):
        producer = producer_factory(name=f"Ferme {number}")
        offer_factory(producer=producer, product=week["carrots"])
        rules.save_week(producer, [{"product": week["carrots"], **line}], source="site")
    for url in pages:
        client.get(url)  # what pages keep until a change (the menu) is built again
        with django_assert_max_num_queries(counts[url]):
            page = client.get(url)
        assert "Disponible cette semaine" in page.content.decode()


@pytest.mark.time_machine(MONDAY, tick=False)
def test_the_site_form_takes_the_same_queries_with_more_lines(
    client, home_pages, week, product_factory, django_assert_max_num_queries
):
    client.force_login(week["farmer"])
    client.get(SITE_FORM)
    with django_assert_max_num_queries(40) as seen:
        client.get(SITE_FORM)
    few = len(seen.captured_queries)  # a request empties the log
    products = [product_factory(name_fr=f"Légume {n}") for n in range(6)]
    line = {"quantity": Decimal("3"), "unit": "kg", "price": Decimal("2")}
    rules.save_week(week["farm"], [{"product": p, **line} for p in products], source="site")
    client.get(SITE_FORM)  # what pages keep until a change (the menu) is built again
    with django_assert_max_num_queries(few):
        page = client.get(SITE_FORM)
    assert page.content.decode().count("Légume 5") >= 2  # in its line and in the list


@pytest.mark.mail_fails
@pytest.mark.time_machine(MONDAY, tick=False)
def test_a_failing_mail_server_neither_fails_the_command_nor_loses_the_emails(
    home_pages, week, settings, caplog
):
    settings.TASKS = DATABASE_TASKS
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", unused_port()
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    week["kitchen"].products_usually_bought.add(week["carrots"])
    rules.save_week(
        week["farm"],
        [
            {
                "product": week["carrots"],
                "quantity": Decimal("30"),
                "unit": "kg",
                "price": Decimal("1"),
            }
        ],
        source="site",
    )
    call_command("send_availability_requests", stdout=io.StringIO())
    call_command("send_availability_digests", stdout=io.StringIO())
    assert run_due_tasks() == 3  # two producers, one organisation
    failed = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Email not sent")]
    assert len(failed) == 3
    assert deliveries().filter(status="READY").count() == 3  # to be tried again
