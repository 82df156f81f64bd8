"""A waitlisted person sees their place on the list, on the event page, in My events and
on their account page; cancelling asks first, on a page that needs no JavaScript, and
only the POST it sends (with its CSRF token) cancels. An account that is no member is
told how to join on a members-only event, instead of a form that would refuse it."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from community.events import rules as registrations
from community.models import Registration

pytestmark = pytest.mark.clock

Status = Registration.Status


@pytest.fixture
def full_event(event_factory, user_factory):
    """A one-seat event, taken, with two people waiting before whoever comes next."""
    event = event_factory(capacity=1, title="Visite du verger")
    seated = registrations.register(event, user_factory())
    ahead = [registrations.register(event, user_factory()) for _ in range(2)]
    return event, seated, ahead


def test_the_third_person_waiting_is_told_they_are_third(client, full_event, member):
    event, _seated, ahead = full_event
    registrations.register(event, member)
    client.force_login(member)
    for url in (event.url, "/fr/mes-evenements/", "/fr/mon-compte/"):
        html = client.get(url).content.decode()
        assert "Vous êtes 3e sur la liste d'attente." in html, url
    registrations.cancel(ahead[0])  # someone ahead leaves: one place up
    assert "Vous êtes 2e sur la liste" in client.get(event.url).content.decode()


def test_the_first_person_waiting_is_told_the_next_seat_is_theirs(client, full_event, member):
    event, _seated, ahead = full_event
    for registration in ahead:
        registrations.cancel(registration)
    registrations.register(event, member)
    client.force_login(member)
    html = client.get("/fr/mes-evenements/").content.decode()
    assert "Vous êtes en tête de la liste d'attente" in html


def test_a_confirmed_person_sees_no_place_on_a_list(client, event_factory, member):
    event = event_factory()
    registrations.register(event, member)
    client.force_login(member)
    html = client.get(event.url).content.decode()
    assert "Vous êtes inscrit." in html and "liste d'attente" not in html


def test_places_on_the_list_cost_no_query_per_registration(
    client, event_factory, member, user_factory
):
    def wait_for_a_full_event():
        event = event_factory(capacity=1)
        registrations.register(event, user_factory())
        registrations.register(event, member)

    def queries_of_my_events():
        client.get("/fr/mes-evenements/")  # the menu, kept until a change, built again
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/fr/mes-evenements/").content.decode()
        return len(queries), html.count("Vous êtes en tête de la liste d'attente")

    client.force_login(member)
    wait_for_a_full_event()
    one = queries_of_my_events()
    for _ in range(5):
        wait_for_a_full_event()
    assert queries_of_my_events() == (one[0], 6)


def test_the_waiting_list_speaks_english(client, full_event, member):
    event, _seated, _ahead = full_event
    registrations.register(event, member)
    client.force_login(member)
    assert "You are number 3 on the waiting list." in client.get("/en/my-events/").content.decode()


def test_cancelling_asks_first_and_a_get_cancels_nothing(client, event_factory, member):
    registration = registrations.register(event_factory(title="Atelier conserves"), member)
    client.force_login(member)
    my_events = client.get("/fr/mes-evenements/").content.decode()
    url = f"/fr/mes-evenements/{registration.pk}/annuler/"
    assert f'href="{url}"' in my_events
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Annuler mon inscription ?" in html and "Atelier conserves" in html
    assert "Votre place ira à la première personne de la liste d'attente" in html
    assert 'class="button button--danger" type="submit">Oui, annuler mon inscription' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert Registration.objects.get(pk=registration.pk).status == Status.CONFIRMED
    response = client.post(url)
    assert response.status_code == 302 and response.url == "/fr/mes-evenements/"
    assert Registration.objects.get(pk=registration.pk).status == Status.CANCELLED


def test_cancelling_without_the_csrf_token_is_refused(event_factory, member):
    registration = registrations.register(event_factory(), member)
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(f"/fr/mes-evenements/{registration.pk}/annuler/")
    assert response.status_code == 403
    assert Registration.objects.get(pk=registration.pk).status == Status.CONFIRMED


def test_nobody_sees_the_confirmation_of_another_persons_registration(
    client, event_factory, member, user_factory
):
    other = registrations.register(event_factory(title="Atelier privé"), user_factory())
    client.force_login(member)
    response = client.get(f"/fr/mes-evenements/{other.pk}/annuler/")
    assert response.status_code == 404
    assert "Atelier privé" not in response.content.decode()


def test_a_registration_already_cancelled_is_not_asked_about_again(client, event_factory, member):
    registration = registrations.register(event_factory(), member)
    registrations.cancel(registration)
    client.force_login(member)
    response = client.get(f"/fr/mes-evenements/{registration.pk}/annuler/", follow=True)
    assert response.redirect_chain[-1][0] == "/fr/mes-evenements/"
    assert "Cette inscription est déjà annulée." in response.content.decode()


def test_a_members_event_asks_an_account_without_membership_to_join_first(
    client, event_factory, user_factory, member_factory
):
    event = event_factory(audience="members")
    client.force_login(user_factory())
    html = client.get(event.url).content.decode()
    assert "Cet événement est réservé aux membres du réseau." in html
    assert "Demander à rejoindre un organisme" in html
    assert "registration-form" not in html
    client.force_login(member_factory())
    html = client.get(event.url).content.decode()
    assert "registration-form" in html and "Demander à rejoindre" not in html
