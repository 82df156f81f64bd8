"""The questions an event asks at registration: answers required or not, kept when
something must be corrected, stored with the registration and exported."""

import pytest

from cms.models import EventQuestion
from community.models import Registration

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)


@pytest.fixture
def farm_visit(event_factory):
    event = event_factory(title="Visite à Saint-Rémi", kind="farm_visit")
    EventQuestion.objects.create(
        page=event,
        label="Transport",
        kind="choice",
        choices="Je peux conduire\nJ'ai besoin d'un transport",
        required=True,
        sort_order=0,
    )
    EventQuestion.objects.create(
        page=event, label="Allergies ou besoins alimentaires", kind="text", sort_order=1
    )
    EventQuestion.objects.create(
        page=event, label="Besoin d'un accès sans marches", kind="yes_no", sort_order=2
    )
    return event


def test_event_page_asks_the_questions(client, farm_visit, member):
    client.force_login(member)
    html = client.get(farm_visit.url).content.decode()
    assert "<legend>Transport" in html
    assert "J&#x27;ai besoin d&#x27;un transport" in html
    assert "Allergies ou besoins alimentaires" in html


def test_missing_required_answer_keeps_what_was_typed(client, farm_visit, member):
    client.force_login(member)
    questions = list(farm_visit.questions.all())
    response = client.post(
        f"/fr/evenements/{farm_visit.pk}/inscription/",
        {f"question_{questions[1].pk}": "Sans arachides"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Champ requis" in html
    assert "Veuillez corriger les réponses" in html
    assert 'value="Sans arachides"' in html
    assert not Registration.objects.exists()


def test_answers_are_stored_and_exported(client, farm_visit, member, editor):
    client.force_login(member)
    transport, food, access = farm_visit.questions.all()
    response = client.post(
        f"/fr/evenements/{farm_visit.pk}/inscription/",
        {
            f"question_{transport.pk}": "J'ai besoin d'un transport",
            f"question_{food.pk}": "Végétarien",
            f"question_{access.pk}": "yes",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get(user=member)
    assert registration.answers == {
        "Transport": "J'ai besoin d'un transport",
        "Allergies ou besoins alimentaires": "Végétarien",
        "Besoin d'un accès sans marches": "Oui",
    }
    client.force_login(editor)
    export = client.get("/admin/community/registration/", {"export": "csv"})
    body = (
        b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    )
    assert "Transport: J'ai besoin d'un transport" in body


def test_a_choice_that_was_not_offered_is_refused(client, farm_visit, member):
    client.force_login(member)
    transport = farm_visit.questions.first()
    response = client.post(
        f"/fr/evenements/{farm_visit.pk}/inscription/",
        {f"question_{transport.pk}": "En hélicoptère"},
    )
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_a_choice_question_needs_two_choices(events_index):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        EventQuestion(label="Transport", kind="choice", choices="Seulement un").clean()


def test_the_organisation_question_offers_the_members_own_organisations(
    client, event_factory, member_factory, organisation_factory, user_factory
):
    event = event_factory(title="Rencontre producteurs–organismes", kind="meeting")
    question = EventQuestion.objects.create(
        page=event, label="Pour quel organisme ?", kind="organisation", required=True
    )
    verdun = organisation_factory(name="Cuisine collective de Verdun")
    lachine = organisation_factory(name="Banque alimentaire de Lachine")
    person = member_factory(organisation=verdun)
    person.memberships.create(organisation=lachine, status="approved")
    organisation_factory(name="Organisme d'une autre personne")
    client.force_login(person)
    html = client.get(event.url).content.decode()
    assert "<legend>Pour quel organisme ?" in html
    assert "Banque alimentaire de Lachine" in html and "Cuisine collective de Verdun" in html
    assert "Organisme d&#x27;une autre personne" not in html
    refused = client.post(
        f"/fr/evenements/{event.pk}/inscription/",
        {f"question_{question.pk}": "Organisme d'une autre personne"},
    )
    assert "Sélectionnez un choix valide" in refused.content.decode()
    client.post(
        f"/fr/evenements/{event.pk}/inscription/",
        {f"question_{question.pk}": "Banque alimentaire de Lachine"},
    )
    registration = Registration.objects.get(user=person)
    assert registration.answers == {"Pour quel organisme ?": "Banque alimentaire de Lachine"}
    # Someone without a membership types the name of their organisation.
    client.force_login(user_factory())
    html = client.get(event.url).content.decode()
    assert f'type="text" name="question_{question.pk}"' in html
