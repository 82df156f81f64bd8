"""The member-only forums: reading, posting, quoting, editing with history, unread
markers, search, following, and who may do what."""

from django.test import Client

import pytest

from community.forums import rules as forums
from community.models import Membership, Post, PostRevision, Subscription, Topic

from ..helpers import post_url, topic_url

FORUMS = "/fr/forums/"


@pytest.fixture
def verdun(organisation_factory):
    return organisation_factory(name="Cuisine collective de Verdun")


@pytest.fixture
def alex(member_factory, verdun):
    return member_factory(organisation=verdun, email="alex@verdun.example", first_name="Alex")


@pytest.fixture
def sam(member_factory):
    return member_factory(email="sam@lachine.example", first_name="Sam")


def test_forums_are_for_members_only(
    client, home_pages, user_factory, member_factory, editor, topic_factory
):
    """Anonymous → sign-in; an account without membership or a suspended member → 403;
    members and editors read."""
    topic = topic_factory(title="Carottes d'hiver")
    urls = [FORUMS, f"/fr/forums/{topic.category_id}/", topic_url(topic), "/fr/forums/recherche/"]
    for url in urls:
        assert "/comptes/login/" in client.get(url).url
    suspended = member_factory()
    membership = suspended.memberships.get()
    membership.status = Membership.Status.SUSPENDED
    membership.save()
    for outsider in (user_factory(), suspended):
        client.force_login(outsider)
        for url in urls:
            assert client.get(url).status_code == 403, url
    for reader in (member_factory(), editor):
        client.force_login(reader)
        for url in urls:
            assert client.get(url).status_code == 200, url
    assert "Carottes d&#x27;hiver" in client.get(topic_url(topic)).content.decode()


def test_a_member_starts_a_topic_and_follows_it(client, home_pages, alex, forum_category_factory):
    category = forum_category_factory(name_fr="Achats")
    client.force_login(alex)
    response = client.post(
        f"/fr/forums/{category.pk}/nouveau-sujet/",
        {"title": "Qui livre à Verdun ?", "body": "Nous cherchons **une ferme** qui livre."},
    )
    topic = Topic.objects.get()
    assert response.url == topic_url(topic)
    page = client.get(topic_url(topic)).content.decode()
    assert "<strong>une ferme</strong>" in page
    assert "Cuisine collective de Verdun" in page  # the author's organisation
    assert topic.post_count == 1 and topic.author == alex
    assert Subscription.objects.filter(user=alex, topic=topic).exists()
    assert "Qui livre à Verdun ?" in client.get(f"/fr/forums/{category.pk}/").content.decode()


def test_empty_or_oversized_posts_are_refused_and_what_was_typed_stays(
    client, home_pages, alex, forum_category_factory, topic_factory, settings
):
    category = forum_category_factory()
    client.force_login(alex)
    response = client.post(
        f"/fr/forums/{category.pk}/nouveau-sujet/", {"title": "Un titre gardé", "body": "   "}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Champ requis." in page
    assert 'value="Un titre gardé"' in page
    settings.FORUM_LIMITS = {**settings.FORUM_LIMITS, "post_max_length": 50}
    topic = topic_factory()
    long_text = "Une réponse bien trop longue " * 5
    response = client.post(topic_url(topic), {"body": long_text})
    page = response.content.decode()
    assert "au plus 50 caractères" in page
    assert long_text.strip() in page
    assert Topic.objects.count() == 1 and Post.objects.count() == 1


def test_a_reply_quotes_a_post_and_leads_to_its_page(
    client, home_pages, alex, sam, topic_factory, settings
):
    settings.FORUM_POSTS_PER_PAGE = 2
    topic = topic_factory(posts=[(sam, "Des carottes ?"), (sam, "Ou des panais ?")])
    client.force_login(alex)
    quoted = topic.posts.last()
    form = client.get(f"{topic_url(topic)}?quote={quoted.pk}").content.decode()
    assert "&gt; **Sam**:\n&gt;\n&gt; Ou des panais ?" in form
    response = client.post(topic_url(topic), {"body": "> Ou des panais ?\n\nLes deux !"})
    reply = Post.objects.latest("pk")
    assert response.url == post_url(reply)
    assert client.get(post_url(reply)).url == f"{topic_url(topic)}?page=2#post-{reply.pk}"
    page = client.get(f"{topic_url(topic)}?page=2").content.decode()
    assert "<blockquote>\n<p>Ou des panais ?</p>\n</blockquote>" in page
    topic.refresh_from_db()
    assert topic.post_count == 3


def test_editing_marks_the_post_and_keeps_its_history(
    client, home_pages, alex, sam, editor, topic_factory
):
    topic = topic_factory(posts=[(alex, "Prix : 2 $ le kilo")])
    post = topic.posts.get()
    client.force_login(sam)
    assert client.get(post_url(post, "modifier/")).status_code == 403
    assert client.post(post_url(post, "modifier/"), {"body": "Volé"}).status_code == 403
    client.force_login(alex)
    client.post(post_url(post, "modifier/"), {"body": "Prix : 2,50 $ le kilo"})
    post.refresh_from_db()
    assert post.body == "Prix : 2,50 $ le kilo" and post.edited_at is not None
    page = client.get(topic_url(topic)).content.decode()
    assert "modifié le" in page
    history = client.get(post_url(post, "historique/")).content.decode()
    assert "Prix : 2 $ le kilo" in history and "Prix : 2,50 $ le kilo" in history
    client.force_login(editor)  # moderators may edit anyone's post
    client.post(post_url(post, "modifier/"), {"body": "Prix : 2,50 $ le kilo (vérifié)"})
    assert PostRevision.objects.filter(post=post).count() == 2


def test_a_locked_topic_takes_replies_from_moderators_only(
    client, home_pages, alex, editor, topic_factory
):
    topic = topic_factory()
    client.force_login(alex)
    assert client.post(f"{topic_url(topic)}moderer/", {"action": "lock"}).status_code == 403
    client.force_login(editor)
    client.post(f"{topic_url(topic)}moderer/", {"action": "lock"})
    client.post(f"{topic_url(topic)}moderer/", {"action": "pin"})
    topic.refresh_from_db()
    assert topic.locked and topic.pinned
    client.force_login(alex)
    page = client.get(topic_url(topic)).content.decode()
    assert "Ce sujet est verrouillé" in page and 'id="reply"' not in page
    response = client.post(topic_url(topic), {"body": "Je réponds quand même"})
    assert "Ce sujet est verrouillé" in response.content.decode()
    assert topic.posts.count() == 1
    client.force_login(editor)
    client.post(topic_url(topic), {"body": "Le point est clos, merci à tous."})
    assert topic.posts.count() == 2


def test_unread_markers_follow_what_each_member_has_read(
    client, home_pages, alex, sam, topic_factory
):
    topic = topic_factory(posts=[(sam, "Bonjour")])
    category_page = f"/fr/forums/{topic.category_id}/"
    client.force_login(alex)
    assert "Nouveau" in client.get(category_page).content.decode()
    client.get(topic_url(topic))
    assert "Nouveau" not in client.get(category_page).content.decode()
    sam_client = Client()
    sam_client.force_login(sam)
    sam_client.post(topic_url(topic), {"body": "Une suite"})
    assert "Messages non lus" in client.get(category_page).content.decode()
    page = client.get(topic_url(topic)).content.decode()
    assert page.count('class="badge badge--new"') == 1  # only the reply is new


def test_search_finds_words_without_accents_and_never_hidden_posts(
    client, home_pages, alex, sam, topic_factory, editor
):
    topic_factory(title="Échange de légumes", posts=[(sam, "Des épinards frais à Lachine")])
    hidden = topic_factory(title="Autre sujet", posts=[(sam, "Épinards en trop, écrivez-moi")])
    forums.hide(hidden.posts.get(), editor, "Hors sujet")
    reply = Post(topic=hidden, author=sam)  # a reply in the hidden topic stays out too
    reply.set_body("Encore des épinards")
    reply.save()
    client.force_login(alex)
    page = client.get("/fr/forums/recherche/", {"q": "epinard"}).content.decode()
    assert "Échange de légumes" in page and "Autre sujet" not in page
    assert "1 message trouvé" in page
    client.force_login(editor)  # moderators find hidden posts too
    assert "Autre sujet" in client.get("/fr/forums/recherche/", {"q": "epinard"}).content.decode()


def test_following_a_category_and_unfollowing(client, home_pages, alex, forum_category_factory):
    category = forum_category_factory()
    client.force_login(alex)
    client.post(f"/fr/forums/{category.pk}/suivre/", {"follow": "yes"})
    assert Subscription.objects.filter(user=alex, category=category).exists()
    assert (
        "Ne plus suivre cette catégorie"
        in client.get(f"/fr/forums/{category.pk}/").content.decode()
    )
    client.post(f"/fr/forums/{category.pk}/suivre/", {"follow": "no"})
    assert not Subscription.objects.exists()


def test_the_forums_speak_english_too(
    client, home_pages, alex, forum_category_factory, topic_factory
):
    category = forum_category_factory(name_fr="Logistique", name_en="Logistics")
    topic = topic_factory(category=category, title="Camion réfrigéré à partager")
    client.force_login(alex)
    index = client.get("/en/forums/").content.decode()
    assert "Logistics" in index and "Categories" in index
    page = client.get(topic_url(topic, "en")).content.decode()
    assert "Publish my reply" in page and "Follow this topic" in page


def test_posting_needs_the_csrf_token(home_pages, alex, topic_factory):
    topic = topic_factory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(alex)
    assert client.post(topic_url(topic), {"body": "Sans jeton"}).status_code == 403
    assert topic.posts.count() == 1


def test_a_deleted_account_leaves_its_posts_signed_former_member(
    client, home_pages, alex, sam, topic_factory
):
    from community.accounts.views import delete_account

    topic = topic_factory(posts=[(alex, "Mon expérience avec les paniers")])
    delete_account(alex)
    client.force_login(sam)
    page = client.get(topic_url(topic)).content.decode()
    assert "Mon expérience avec les paniers" in page and "Ancien membre" in page


def test_pages_take_the_same_number_of_queries_with_more_posts(
    client, home_pages, alex, member_factory, topic_factory, django_assert_max_num_queries, settings
):
    """Each author, organisation and unread marker comes with its page, not one by one."""
    settings.FORUM_POSTS_PER_PAGE = 50

    def queries(url):
        client.get(url)  # warm the session and permission caches
        with django_assert_max_num_queries(100) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    few = topic_factory(posts=[(member_factory(), f"Message {n}") for n in range(3)])
    category_page = f"/fr/forums/{few.category_id}/"
    client.force_login(alex)
    before = {url: queries(url) for url in (topic_url(few), category_page, FORUMS)}
    many = topic_factory(
        category=few.category, posts=[(member_factory(), f"Message {n}") for n in range(30)]
    )
    for _number in range(20):
        topic_factory(category=few.category)
    assert queries(topic_url(many)) == before[topic_url(few)]
    assert queries(category_page) == before[category_page]
    assert queries(FORUMS) == before[FORUMS]


def test_a_new_topic_counts_its_opening_post_and_dates_from_it(alex, forum_category_factory):
    from community.forums import rules as forums

    topic = forums.start_topic(alex, forum_category_factory(), "Titre du sujet", "Texte")
    topic.refresh_from_db()
    assert topic.post_count == 1
    assert topic.last_post_at == topic.posts.get().created_at


def test_members_without_a_name_are_never_shown_by_their_email(
    client, home_pages, member_factory, topic_factory
):
    nameless = member_factory(email="secret.personne@example.org")
    topic = topic_factory(posts=[(nameless, "Bonjour à tous")])
    client.force_login(member_factory())
    page = client.get(f"{topic_url(topic)}?quote={topic.posts.get().pk}").content.decode()
    assert "secret.personne" not in page
    assert "Membre sans nom" in page
