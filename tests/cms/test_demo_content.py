"""The demo-content command: realistic, bilingual, safe to run again."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail.models import Page, Site

import pytest

from cms.models import (
    CarteDistributor,
    CarteProximitePage,
    FooterText,
    FundingDeadline,
    FundingGuidePage,
    HomePage,
    NavigationSettings,
    ResourceDocument,
    ResourcePage,
)
from community.models import Interaction, Subscription, Topic


def load(**options):
    out = StringIO()
    call_command("load_demo_content", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def test_demo_content_builds_a_bilingual_site(client, db, debug):
    load()
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    assert home.locale.language_code == "fr"
    assert home.get_translation_or_none(home.locale.__class__.objects.get(language_code="en"))
    assert client.get("/fr/").status_code == 200
    assert client.get("/en/").status_code == 200
    assert client.get("/fr/a-propos/").status_code == 200
    assert client.get("/en/about/").status_code == 200
    links = NavigationSettings.for_site(Site.objects.get()).links
    assert list(links.values_list("sort_order", flat=True)) == list(range(7))
    assert client.get("/fr/ressources/").status_code == 200
    assert client.get("/en/funding/").status_code == 200
    assert "Marché" in client.get("/fr/carte-proximite/").content.decode()
    assert client.get("/fr/ateliers-et-visites/").status_code == 200
    assert client.get("/en/workshops-and-visits/visit-ferme-menard-daoust/").status_code == 200
    assert FooterText.objects.count() == 2
    users = get_user_model().objects
    assert users.get(email="editrice@salim.example").has_perm("wagtailadmin.access_admin")
    assert not users.get(email="membre@salim.example").has_perm("wagtailadmin.access_admin")
    # The staff's workspace has something to show: a call, its follow-up, a learning.
    client.force_login(users.get(email="editrice@salim.example"))
    page = client.get("/admin/workspace/follow-ups/").content.decode()
    assert "Rappeler la cuisine après les premières réponses de producteurs" in page


def test_running_it_again_duplicates_nothing_and_keeps_edits(db, debug):
    load()
    about = Page.objects.get(slug="a-propos").specific
    about.title = "Qui sommes-nous"
    about.save_revision().publish()
    counts = (
        Page.objects.count(),
        get_user_model().objects.count(),
        FooterText.objects.count(),
        Interaction.objects.count(),
    )
    load()
    assert (
        Page.objects.count(),
        get_user_model().objects.count(),
        FooterText.objects.count(),
        Interaction.objects.count(),
    ) == counts
    assert Page.objects.get(slug="a-propos").title == "Qui sommes-nous"


def test_if_empty_leaves_an_existing_site_alone(db, debug):
    load()
    assert "not loaded" in load(if_empty=True)


def test_demo_content_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        load()
    assert not get_user_model().objects.filter(email="editrice@salim.example").exists()


def test_republishing_demo_pages_keeps_their_deadlines_distributors_and_documents(db, debug):
    """The demo's inline records are part of its pages' revisions, as when an editor
    adds them in the page editor: publishing the page again from the admin loses none."""
    load()
    pages = [
        *FundingGuidePage.objects.all(),
        *CarteProximitePage.objects.all(),
        *ResourcePage.objects.filter(slug="gabarit-commande-groupee"),
    ]
    assert pages

    def inline_records():
        return (
            FundingDeadline.objects.count(),
            CarteDistributor.objects.count(),
            ResourceDocument.objects.count(),
        )

    before = inline_records()
    assert all(before)
    for page in pages:
        page.get_latest_revision().publish()
    assert inline_records() == before


def test_the_demo_conversation_is_kept_as_members_posts_are(client, db, debug):
    """The demo's forum posts go through the forums' own rules: the topic counts its
    posts and shows its last one, its author follows it, and whoever replied last has
    nothing unread in it."""
    load()
    topic = Topic.objects.get(title="Carottes de conservation pour l'hiver")
    assert topic.post_count == topic.posts.count() == 2
    assert topic.last_post_at == topic.posts.latest("created_at").created_at
    users = get_user_model().objects
    member, editor = (
        users.get(email="membre@salim.example"),
        users.get(email="editrice@salim.example"),
    )
    assert Subscription.objects.filter(user=member, topic=topic).exists()
    assert member.groups.filter(name="Members").exists()

    client.force_login(editor)
    assert "badge--new" not in client.get(reverse("community:forum_index")).content.decode()
    client.force_login(member)
    assert "badge--new" in client.get(reverse("community:forum_index")).content.decode()
