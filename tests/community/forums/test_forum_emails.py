"""Following topics and categories: an email per post or a daily digest, as each person
chose, in their language, never to those who may no longer read the forums."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

import pytest

from community.forums import rules as forums
from community.models import Membership, Post

from ..helpers import topic_url


@pytest.fixture
def followers(member_factory, topic_factory):
    """A topic, its author, and people following it in each way."""
    author = member_factory(email="auteur@example.org", first_name="Ana")
    topic = topic_factory(
        title="Fruits & légumes : tournée partagée", posts=[(author, "Qui a un camion ?")]
    )
    people = {
        "each": member_factory(email="chaque@example.org"),
        "english": member_factory(email="english@example.org", language="en"),
        "daily": member_factory(email="quotidien@example.org", forum_emails="daily"),
        "none": member_factory(email="jamais@example.org", forum_emails="none"),
        "suspended": member_factory(email="suspendu@example.org"),
    }
    for person in [author, *people.values()]:
        forums.follow(person, topic=topic)
    membership = people["suspended"].memberships.get()
    membership.status = Membership.Status.SUSPENDED
    membership.save()
    return {"topic": topic, "author": author, **people}


def test_a_reply_emails_those_who_chose_an_email_per_post(
    followers, member_factory, mailoutbox, django_capture_on_commit_callbacks
):
    replier = member_factory(first_name="Bo")
    with django_capture_on_commit_callbacks(execute=True):
        forums.reply(replier, followers["topic"], "J'ai un camion réfrigéré le mardi.")
    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {"auteur@example.org", "chaque@example.org", "english@example.org"}
    french = by_address["chaque@example.org"]
    assert french.subject == "[SALIM] Nouveau message dans « Fruits & légumes : tournée partagée »"
    assert "J'ai un camion réfrigéré le mardi." in french.body
    assert "/fr/forums/messages/" in french.body
    english = by_address["english@example.org"]
    assert english.subject == '[SALIM] New post in "Fruits & légumes : tournée partagée"'
    assert "/en/forums/posts/" in english.body and "/en/my-account/" in english.body


def test_a_new_topic_emails_those_following_its_category(
    member_factory, forum_category_factory, mailoutbox, django_capture_on_commit_callbacks
):
    category = forum_category_factory(name_fr="Financement")
    watcher = member_factory(email="veille@example.org")
    forums.follow(watcher, category=category)
    with django_capture_on_commit_callbacks(execute=True):
        forums.start_topic(member_factory(), category, "Programme Nourrir", "Date limite en mars")
    assert [message.to for message in mailoutbox] == [["veille@example.org"]]


def test_the_daily_digest_lists_new_posts_once(
    followers, member_factory, mailoutbox, django_capture_on_commit_callbacks
):
    topic = followers["topic"]
    Post.objects.filter(topic=topic).update(created_at=timezone.now() - timedelta(days=3))
    replier = member_factory(first_name="Bo")
    with django_capture_on_commit_callbacks(execute=True):
        forums.reply(replier, topic, "Le camion passe à 9 h.")
    mailoutbox.clear()
    call_command("send_forum_digests", stdout=io.StringIO())
    assert [message.to for message in mailoutbox] == [["quotidien@example.org"]]
    digest = mailoutbox[0]
    assert digest.subject == "[SALIM] 1 nouveau message dans les forums"
    assert (
        "## Fruits & légumes : tournée partagée" in digest.body
        and "Le camion passe à 9 h." in digest.body
    )
    assert "Qui a un camion ?" not in digest.body  # older than the last day
    mailoutbox.clear()
    call_command("send_forum_digests", stdout=io.StringIO())
    assert mailoutbox == []


def test_preferences_are_chosen_on_my_account(client, home_pages, member_factory):
    person = member_factory()
    client.force_login(person)
    page = client.get("/fr/mon-compte/").content.decode()
    assert "un résumé quotidien" in page
    client.post(
        "/fr/mon-compte/",
        {"action": "preferences", "first_name": "Alex", "forum_emails": "daily", "language": "en"},
    )
    person.refresh_from_db()
    assert (person.forum_emails, person.language) == ("daily", "en")
    response = client.post(
        "/fr/mon-compte/",
        {"action": "preferences", "first_name": "Alex", "forum_emails": "often", "language": "en"},
    )
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_a_reply_through_the_site_reaches_followers(
    client, home_pages, followers, member_factory, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(member_factory())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(topic_url(followers["topic"]), {"body": "Je peux aider le jeudi."})
    assert len(mailoutbox) == 3


def test_nothing_of_a_hidden_topic_is_emailed(
    followers, member_factory, editor, mailoutbox, django_capture_on_commit_callbacks
):
    topic = followers["topic"]
    forums.hide(topic.posts.get(), editor, "Données personnelles")
    with django_capture_on_commit_callbacks(execute=True):
        forums.reply(editor, topic, "Sujet masqué, merci de ne pas le relancer.")
    call_command("send_forum_digests", stdout=io.StringIO())
    assert mailoutbox == []
