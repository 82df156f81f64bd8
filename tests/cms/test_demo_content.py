"""The demo-content command: realistic, bilingual, safe to run again."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from wagtail.models import Page, Site

import pytest

from cms.models import FooterText, HomePage, NavigationSettings
from community.models import Interaction


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
    assert NavigationSettings.for_site(Site.objects.get()).links.count() == 7
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
