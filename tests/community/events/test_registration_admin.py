"""Registrations in the admin: who sees them, waiting-list order, attendance, export,
and the cancel and move actions that keep to capacity."""

import pytest

from community.events import rules as registrations
from community.models import Registration

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)

INDEX = "/admin/community/registration/"
Status = Registration.Status


@pytest.fixture
def full_event(event_factory, user_factory):
    event = event_factory(title="Visite complète", capacity=1)
    seat = registrations.register(event, user_factory(email="place@example.org"))
    first = registrations.register(event, user_factory(email="premier@example.org"))
    second = registrations.register(event, user_factory(email="second@example.org"))
    return {"event": event, "seat": seat, "first": first, "second": second}


def test_anonymous_and_members_cannot_see_registrations(client, member, full_event):
    assert "/comptes/login/" in client.get(INDEX).url
    client.force_login(member)
    assert client.get(INDEX).status_code == 302
    assert client.post(f"/admin/registrations/{full_event['seat'].pk}/cancel/").status_code == 302
    assert Registration.objects.get(pk=full_event["seat"].pk).status == Status.CONFIRMED


def test_editor_sees_registrations_in_waiting_list_order(client, editor, full_event):
    client.force_login(editor)
    response = client.get(INDEX, {"event__id__exact": full_event["event"].pk})
    emails = [registration.user.email for registration in response.context["object_list"]]
    assert emails == ["place@example.org", "premier@example.org", "second@example.org"]


def test_editor_marks_attendance(client, editor, full_event):
    client.force_login(editor)
    seat = full_event["seat"]
    response = client.post(f"{INDEX}edit/{seat.pk}/", {"attended": "on"})
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.attended and seat.status == Status.CONFIRMED


def test_editor_exports_registrations_as_csv(client, editor, full_event):
    client.force_login(editor)
    response = client.get(INDEX, {"export": "csv", "status__exact": "waitlisted"})
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert "premier@example.org" in body and "second@example.org" in body
    assert "place@example.org" not in body


def test_editor_cannot_create_or_delete_registrations_around_the_rules(client, editor, full_event):
    client.force_login(editor)
    assert client.get(f"{INDEX}create/").status_code in (302, 403)
    client.post(f"{INDEX}delete/{full_event['seat'].pk}/")
    assert Registration.objects.filter(pk=full_event["seat"].pk).exists()


def test_editor_cancels_and_the_next_person_gets_the_seat(
    client, editor, full_event, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    url = f"/admin/registrations/{full_event['seat'].pk}/cancel/"
    assert "place@example.org" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).url == INDEX
    assert Registration.objects.get(pk=full_event["seat"].pk).status == Status.CANCELLED
    assert Registration.objects.get(pk=full_event["first"].pk).status == Status.CONFIRMED
    assert [message.to for message in mailoutbox] == [["premier@example.org"]]


def test_editor_moves_a_person_to_another_event(
    client, editor, full_event, event_factory, django_capture_on_commit_callbacks
):
    other = event_factory(title="Autre visite", capacity=5)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/registrations/{full_event['seat'].pk}/move/", {"event": other.pk}
        )
    assert response.url == INDEX
    assert Registration.objects.get(pk=full_event["seat"].pk).status == Status.CANCELLED
    assert Registration.objects.get(event=other).status == Status.CONFIRMED
    assert Registration.objects.get(pk=full_event["first"].pk).status == Status.CONFIRMED


def test_moving_someone_already_registered_there_is_refused_with_a_message(
    client, editor, full_event, event_factory
):
    other = event_factory(title="Autre visite")
    registrations.register(other, full_event["seat"].user)
    client.force_login(editor)
    response = client.post(
        f"/admin/registrations/{full_event['seat'].pk}/move/", {"event": other.pk}
    )
    assert response.status_code == 200
    assert "déjà inscrit" in response.content.decode()
    assert Registration.objects.get(pk=full_event["seat"].pk).status == Status.CONFIRMED
