"""Keeping the forums readable: posting limits in the spirit of Discourse's, reports that
hide a post until a moderator reviews it, and moderators hiding and restoring posts."""

from datetime import timedelta

from django.utils import timezone

import pytest

from community.forums import rules as forums
from community.models import Post, PostReport

from ..helpers import post_url, topic_url


@pytest.fixture
def alex(member_factory):
    return member_factory(email="alex@verdun.example", first_name="Alex")


@pytest.fixture
def newcomer(member_factory):
    return member_factory(email="nouveau@example.org", member_for=timedelta(hours=2))


def test_a_second_post_too_soon_is_refused_and_the_text_kept(
    client, home_pages, alex, topic_factory
):
    topic = topic_factory()
    client.force_login(alex)
    client.post(topic_url(topic), {"body": "Première réponse"})
    response = client.post(topic_url(topic), {"body": "Deuxième réponse, trop vite"})
    page = response.content.decode()
    assert "Veuillez attendre" in page and "avant de publier de nouveau" in page
    assert "Deuxième réponse, trop vite" in page
    assert topic.posts.count() == 2


def test_the_same_message_twice_is_refused(alex, topic_factory, settings):
    settings.FORUM_LIMITS = {**settings.FORUM_LIMITS, "seconds_between_posts": 0}
    topic = topic_factory()
    forums.reply(alex, topic, "Merci pour l'information !")
    with pytest.raises(forums.PostingRefused, match="ce même message"):
        forums.reply(alex, topic, "Merci pour l'information !")


def test_new_members_have_daily_caps_and_few_links(newcomer, topic_factory, settings):
    settings.FORUM_LIMITS = {**settings.FORUM_LIMITS, "new_member_seconds_between_posts": 0}
    topic = topic_factory()
    with pytest.raises(forums.PostingRefused, match="au plus 2 liens"):
        forums.reply(newcomer, topic, "https://a.example https://b.example [c](https://c.example)")
    forums.reply(newcomer, topic, "Deux liens : https://a.example et https://b.example")
    earlier = timezone.now() - timedelta(hours=1)
    for number in range(settings.FORUM_LIMITS["new_member_posts_per_day"] - 1):
        Post.objects.create(topic=topic, author=newcomer, body=f"n{number}", created_at=earlier)
    with pytest.raises(forums.PostingRefused, match="10 messages au cours des dernières 24 heures"):
        forums.reply(newcomer, topic, "Un de trop")


def test_new_members_may_start_three_topics_a_day(newcomer, forum_category_factory, settings):
    settings.FORUM_LIMITS = {**settings.FORUM_LIMITS, "new_member_seconds_between_posts": 0}
    category = forum_category_factory()
    for number in range(3):
        forums.start_topic(newcomer, category, f"Sujet numéro {number}", f"Texte {number}")
    with pytest.raises(forums.PostingRefused, match="3 sujets"):
        forums.start_topic(newcomer, category, "Quatrième sujet", "Texte 4")


def test_established_members_have_the_larger_caps(alex, topic_factory, settings):
    settings.FORUM_LIMITS = {**settings.FORUM_LIMITS, "seconds_between_posts": 0}
    topic = topic_factory()
    forums.reply(alex, topic, "Trois liens https://a.example https://b.example https://c.example")
    forums.reply(alex, topic, "Et encore un message")


def test_moderators_are_not_limited(editor, topic_factory):
    topic = topic_factory()
    for _number in range(3):
        forums.reply(editor, topic, "Rappel : les règles du forum.")
    assert topic.posts.count() == 4


def test_enough_reports_hide_a_post_until_a_moderator_reviews_it(
    client,
    home_pages,
    member_factory,
    editor,
    topic_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
    settings,
):
    author = member_factory()
    topic = topic_factory(posts=[(author, "Achetez mes montres pas chères")])
    post = topic.posts.get()
    reporters = [member_factory() for _number in range(settings.FORUM_LIMITS["reports_to_hide"])]
    for reporter in reporters[:-1]:
        forums.report(post, reporter, "Pourriel")
    post.refresh_from_db()
    assert not post.is_hidden
    with pytest.raises(forums.PostingRefused, match="déjà signalé"):
        forums.report(post, reporters[0], "Encore")
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(reporters[-1])
        response = client.post(post_url(post, "signaler/"), {"reason": "Publicité"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_by is None
    assert [message.to for message in mailoutbox] == [[editor.email]]
    # An opening post hidden hides its topic from members; moderators still see it.
    assert client.get(topic_url(topic)).status_code == 404
    client.force_login(editor)
    queue = client.get("/fr/forums/moderation/").content.decode()
    assert "Publicité" in queue and "3 signalements" in queue
    page = client.get(topic_url(topic)).content.decode()
    assert "Achetez mes montres" in page and "jusqu'à l'examen d'un modérateur" in page
    client.post(post_url(post, "moderer/"), {"action": "restore"})
    post.refresh_from_db()
    assert not post.is_hidden
    assert not PostReport.objects.filter(resolved_at__isnull=True).exists()
    assert "Aucun signalement" in client.get("/fr/forums/moderation/").content.decode()


def test_a_moderator_hides_a_post_with_a_reason_members_read(
    client, home_pages, alex, member_factory, editor, topic_factory
):
    writer = member_factory()
    topic = topic_factory(posts=[(alex, "Bonjour"), (writer, "Propos blessants")])
    post = topic.posts.last()
    client.force_login(writer)
    assert (
        client.post(post_url(post, "moderer/"), {"action": "hide", "reason": "x"}).status_code
        == 403
    )
    client.force_login(editor)
    response = client.post(post_url(post, "moderer/"), {"action": "hide", "reason": ""})
    assert "Champ requis." in response.content.decode()
    client.post(post_url(post, "moderer/"), {"action": "hide", "reason": "Propos irrespectueux"})
    client.force_login(alex)
    page = client.get(topic_url(topic)).content.decode()
    assert "Masqué par les modérateurs : Propos irrespectueux" in page
    assert "Propos blessants" not in page
    assert client.get(post_url(post, "historique/")).status_code == 404
    client.force_login(writer)  # the author cannot edit it back into view
    assert client.get(post_url(post, "modifier/")).status_code == 404


def test_members_cannot_report_their_own_posts(alex, topic_factory):
    topic = topic_factory(posts=[(alex, "Mon message")])
    with pytest.raises(forums.PostingRefused, match="votre propre message"):
        forums.report(topic.posts.get(), alex, "Oups")


def test_the_admin_menu_leads_moderators_to_the_reported_posts(client, home_pages, editor):
    client.force_login(editor)
    assert "/forums/moderation/" in client.get("/admin/").content.decode()


def test_new_members_cannot_edit_links_into_a_post(newcomer, topic_factory):
    topic = topic_factory(posts=[(newcomer, "Voici une ferme : https://a.example")])
    with pytest.raises(forums.PostingRefused, match="au plus 2 liens"):
        forums.edit(
            topic.posts.get(), newcomer, "https://a.example https://b.example https://c.example"
        )


def test_a_post_restored_after_review_can_be_reported_again(member_factory, editor, topic_factory):
    topic = topic_factory()
    post = topic.posts.get()
    reporter = member_factory()
    forums.report(post, reporter, "Pourriel")
    forums.restore(post)
    forums.report(post, reporter, "Pourriel, encore modifié")
    assert post.reports.filter(resolved_at__isnull=True).count() == 1


def test_what_a_moderator_edited_out_stays_out_of_the_history(
    client, home_pages, alex, member_factory, editor, topic_factory
):
    topic = topic_factory(posts=[(alex, "Mon numéro : 514 555 0199")])
    post = topic.posts.get()
    forums.edit(post, editor, "Numéro retiré par la modération")
    client.force_login(member_factory())
    assert "514 555 0199" not in client.get(post_url(post, "historique/")).content.decode()
    client.force_login(editor)
    assert "514 555 0199" in client.get(post_url(post, "historique/")).content.decode()
