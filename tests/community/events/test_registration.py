"""Registering for events: seats, the waiting list, cancellation and promotion, the
rules that refuse a registration, and the emails with their calendar attachment."""

import re
import zoneinfo
from datetime import datetime, timedelta

from django.db import IntegrityError
from django.utils import timezone, translation

import icalendar
import pytest

from community.events import rules as registrations
from community.models import Registration

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)

Status = Registration.Status


def test_registrations_beyond_capacity_go_to_the_waiting_list(event_factory, user_factory):
    event = event_factory(capacity=2)
    statuses = [registrations.register(event, user_factory()).status for _ in range(3)]
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    assert event.seats_left() == 0


def test_cancelling_a_seat_promotes_the_first_person_waiting(event_factory, user_factory):
    event = event_factory(capacity=1)
    first = registrations.register(event, user_factory())
    second = registrations.register(event, user_factory())
    third = registrations.register(event, user_factory())
    promoted = registrations.cancel(first)
    assert promoted == second
    assert Registration.objects.get(pk=second.pk).status == Status.CONFIRMED
    assert Registration.objects.get(pk=third.pk).status == Status.WAITLISTED
    assert registrations.cancel(third) is None  # leaving the waiting list frees no seat


def test_a_person_cannot_hold_two_registrations(event_factory, member):
    event = event_factory()
    registrations.register(event, member)
    with pytest.raises(registrations.RegistrationRefused, match="déjà inscrit"):
        registrations.register(event, member)
    with pytest.raises(IntegrityError):  # the database refuses it too
        Registration.objects.create(event=event, user=member, status=Status.WAITLISTED)


def test_a_person_may_register_again_after_cancelling(event_factory, member):
    event = event_factory()
    registrations.cancel(registrations.register(event, member))
    assert registrations.register(event, member).status == Status.CONFIRMED


NOW = datetime(2026, 6, 10, 9, tzinfo=zoneinfo.ZoneInfo("America/Montreal"))


@pytest.mark.time_machine(NOW, tick=False)  # the parameters are dated before the test runs
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"cancelled": True}, "annulé"),
        ({"registration_closes_at": NOW - timedelta(hours=1)}, "fermées"),
        ({"registration_opens_at": NOW + timedelta(days=1)}, "fermées"),
        ({"starts_in": -timedelta(hours=1)}, "fermées"),
        ({"audience": "members"}, "membres du réseau"),
    ],
)
def test_registration_is_refused_with_a_clear_message(event_factory, user_factory, fields, message):
    event = event_factory(**fields)
    with pytest.raises(registrations.RegistrationRefused, match=message):
        registrations.register(event, user_factory())
    assert not Registration.objects.exists()


def test_members_only_events_accept_members_of_the_network(event_factory, member_factory):
    event = event_factory(audience="members")
    member = member_factory()
    assert registrations.register(event, member).status == Status.CONFIRMED


def test_event_page_offers_registration_and_shows_seats_left(client, event_factory, member):
    event = event_factory(capacity=20, title="Visite de la ferme Lebeau")
    anonymous = client.get(event.url).content.decode()
    assert "Visite de la ferme Lebeau" in anonymous
    assert "20 sur 20" in anonymous
    assert "Connectez-vous pour vous inscrire" in anonymous
    client.force_login(member)
    assert (
        "S&#x27;inscrire" in client.get(event.url).content.decode()
        or "S'inscrire" in client.get(event.url).content.decode()
    )


def test_member_registers_and_gets_a_confirmation_with_a_calendar_file(
    client, event_factory, member, mailoutbox, django_capture_on_commit_callbacks
):
    event = event_factory(title="Atelier conserves", place_name="Cuisine collective de Verdun")
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):  # emails leave once saved
        response = client.post(f"/fr/evenements/{event.pk}/inscription/")
    assert response.url == event.url
    assert Registration.objects.get(user=member).status == Status.CONFIRMED
    [message] = mailoutbox
    assert message.to == [member.email]
    assert "Atelier conserves" in message.subject
    assert "Cuisine collective de Verdun" in message.body
    [(filename, content, mimetype)] = message.attachments
    assert mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == "Atelier conserves"
    assert vevent.decoded("dtstart") == event.starts_at.replace(microsecond=0)
    page = client.get(event.url).content.decode()
    assert "Vous êtes inscrit" in page


def test_registering_needs_an_account_and_a_post(client, event_factory):
    event = event_factory()
    response = client.post(f"/fr/evenements/{event.pk}/inscription/")
    assert response.status_code == 302 and "/comptes/login/" in response.url
    assert not Registration.objects.exists()


def test_refused_registration_is_explained_on_the_event_page(client, event_factory, member):
    event = event_factory(cancelled=True)
    client.force_login(member)
    response = client.post(f"/fr/evenements/{event.pk}/inscription/", follow=True)
    assert "Cet événement est annulé" in response.content.decode()


def test_my_events_lists_and_cancels_with_promotion_email(
    client, event_factory, member, user_factory, mailoutbox, django_capture_on_commit_callbacks
):
    event = event_factory(capacity=1, title="Visite du verger")
    mine = registrations.register(event, member)
    waiting = user_factory(email="attente@example.org")
    registrations.register(event, waiting)
    client.force_login(member)
    html = client.get("/fr/mes-evenements/").content.decode()
    assert "Visite du verger" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/fr/mes-evenements/{mine.pk}/annuler/")
    assert response.url == "/fr/mes-evenements/"
    assert Registration.objects.get(pk=mine.pk).status == Status.CANCELLED
    assert Registration.objects.get(user=waiting).status == Status.CONFIRMED
    [message] = mailoutbox
    assert message.to == ["attente@example.org"]
    assert "Visite du verger" in message.subject


def test_nobody_cancels_another_persons_registration(client, event_factory, member, user_factory):
    other = registrations.register(event_factory(), user_factory())
    client.force_login(member)
    assert client.post(f"/fr/mes-evenements/{other.pk}/annuler/").status_code == 404
    assert Registration.objects.get(pk=other.pk).status == Status.CONFIRMED


def test_my_events_needs_an_account(client, home_pages):
    response = client.get("/fr/mes-evenements/")
    assert response.status_code == 302 and "/comptes/login/" in response.url


def test_event_ics_and_feed_are_valid_and_public_only(client, event_factory, make_private):
    public = event_factory(title="Atelier public")
    private = event_factory(title="Réunion réservée")
    make_private(private)
    event_factory(title="Atelier passé", starts_in=-timedelta(days=10))
    single = client.get(f"/fr/evenements/{public.pk}/evenement.ics")
    assert single["Content-Type"].startswith("text/calendar")
    assert [
        str(e["summary"]) for e in icalendar.Calendar.from_ical(single.content).walk("VEVENT")
    ] == ["Atelier public"]
    assert client.get(f"/fr/evenements/{private.pk}/evenement.ics").status_code == 404
    feed = icalendar.Calendar.from_ical(client.get("/fr/evenements/calendrier.ics").content)
    assert [str(e["summary"]) for e in feed.walk("VEVENT")] == ["Atelier public"]


def test_event_index_lists_upcoming_and_archives_past_events(client, event_factory, events_index):
    event_factory(title="Atelier à venir")
    event_factory(title="Atelier passé", starts_in=-timedelta(days=30))
    upcoming = client.get(events_index.url).content.decode()
    archive = client.get(events_index.url, {"archive": "1"}).content.decode()
    assert "Atelier à venir" in upcoming and "Atelier passé" not in upcoming
    assert "Atelier passé" in archive and "Atelier à venir" not in archive
    assert "Atelier à venir" in client.get(events_index.url, {"kind": "workshop"}).content.decode()
    assert (
        "Atelier à venir"
        not in client.get(events_index.url, {"kind": "farm_visit"}).content.decode()
    )


def test_a_farm_visit_shows_on_the_producers_page(
    client, event_factory, producer_factory, make_private, events_index
):
    farm = producer_factory("Ferme Lebeau")
    event_factory(
        title="Visite chez Lebeau", kind="farm_visit", producer=farm, starts_in=timedelta(days=5)
    )
    event_factory(
        title="Visite passée", kind="farm_visit", producer=farm, starts_in=-timedelta(days=5)
    )
    html = client.get(farm.get_absolute_url()).content.decode()
    assert "Prochaine visite" in html and "Visite chez Lebeau" in html
    assert "Visite passée" not in html
    # A sooner visit for members only is not named to visitors, nor one under a section
    # for members only.
    make_private(
        event_factory(
            title="Visite réservée", kind="farm_visit", producer=farm, starts_in=timedelta(days=1)
        )
    )
    assert "Visite chez Lebeau" in client.get(farm.get_absolute_url()).content.decode()
    make_private(events_index)
    assert "Prochaine visite" not in client.get(farm.get_absolute_url()).content.decode()


def test_a_cancelled_visit_is_not_announced_on_the_producers_page(
    client, event_factory, producer_factory
):
    farm = producer_factory("Ferme Lebeau")
    visit = event_factory(
        title="Visite annulée", kind="farm_visit", producer=farm, starts_in=timedelta(days=2)
    )
    event_factory(
        title="Visite maintenue", kind="farm_visit", producer=farm, starts_in=timedelta(days=9)
    )
    assert "Visite annulée" in client.get(farm.get_absolute_url()).content.decode()

    visit.cancelled = True
    visit.save_revision().publish()

    html = client.get(farm.get_absolute_url()).content.decode()
    assert "Visite annulée" not in html and "Visite maintenue" in html


def test_the_producers_page_names_the_visit_in_its_readers_language(
    client, event_factory, producer_factory, locales
):
    farm = producer_factory("Ferme Lebeau")
    visit = event_factory(
        title="Visite chez Lebeau", kind="farm_visit", producer=farm, starts_in=timedelta(days=5)
    )
    english = visit.copy_for_translation(locales["en"], copy_parents=True)
    english.title = "Visit to Lebeau"
    english.save_revision().publish()

    def notice(language):
        with translation.override(language):
            html = client.get(farm.get_absolute_url()).content.decode()
        return re.search(r'<p class="notice">.*?</p>', html, re.S).group(0)

    assert "Visite chez Lebeau" in notice("fr") and f'href="{visit.url}"' in notice("fr")
    assert "Visit to Lebeau" in notice("en") and f'href="{english.url}"' in notice("en")
    # A sooner visit not translated yet is named in French on the English page.
    sooner = event_factory(
        title="Corvée chez Lebeau", kind="farm_visit", producer=farm, starts_in=timedelta(days=2)
    )
    assert "Corvée chez Lebeau" in notice("en") and f'href="{sooner.url}"' in notice("en")


def test_a_visit_begun_is_no_longer_the_next_one(
    client, event_factory, producer_factory, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    farm = producer_factory("Ferme Lebeau")
    for title, starts_in in (
        ("Visite du matin", timedelta(hours=2)),
        ("Visite d'hiver", timedelta(days=30)),
    ):
        event_factory(title=title, kind="farm_visit", producer=farm, starts_in=starts_in)
    assert "Visite du matin" in client.get(farm.get_absolute_url()).content.decode()

    time_machine.shift(timedelta(hours=3))  # no record changed: what was kept is read again

    html = client.get(farm.get_absolute_url()).content.decode()
    assert "Visite du matin" not in html and "Visite d&#x27;hiver" in html


def test_month_calendar_places_events_on_their_day(client, events_index, event_factory):
    event = event_factory(title="Atelier du mois")
    day = timezone.localtime(event.starts_at)
    response = client.get(events_index.url, {"month": day.strftime("%Y-%m")})
    calendar = response.context["calendar"]
    [cell] = [cell for week in calendar["weeks"] for cell in week if cell["date"] == day.date()]
    assert [e.title for e in cell["events"]] == ["Atelier du mois"]
    assert calendar["weekdays"][0] == "dimanche"
    html = response.content.decode()
    assert "<caption>" in html and "Atelier du mois" in html
    other_month = (day.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    assert (
        "Atelier du mois"
        not in client.get(events_index.url, {"month": other_month}).content.decode()
    )
    assert (
        client.get(events_index.url, {"month": "2026-13"}).status_code == 200
    )  # falls back to the list


def test_events_list_and_calendar_in_english(client, events_index, locales):
    from cms.models import EventIndexPage, EventPage

    home = events_index.get_parent().get_translation(locales["en"])
    english_index = home.add_child(
        instance=EventIndexPage(
            title="Workshops and visits",
            slug="workshops",
            locale=locales["en"],
            translation_key=events_index.translation_key,
        )
    )
    english_index.save_revision().publish()
    starts_at = timezone.now() + timedelta(days=3)
    event = english_index.add_child(
        instance=EventPage(
            title="Preserving workshop",
            slug="preserving",
            locale=locales["en"],
            kind="workshop",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            capacity=8,
        )
    )
    event.save_revision().publish()
    listing = client.get(english_index.url).content.decode()
    assert "Preserving workshop" in listing and "group workshop" in listing
    assert "Subscribe to the calendar" in listing
    month = client.get(
        english_index.url, {"month": timezone.localtime(starts_at).strftime("%Y-%m")}
    )
    assert month.context["calendar"]["weekdays"][0] == "Sunday"
    assert "Preserving workshop" in month.content.decode()
    page = client.get(event.url).content.decode()
    assert "8 of 8" in page and "Sign in to register" in page
