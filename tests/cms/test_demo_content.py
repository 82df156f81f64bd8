"""The demo-content command: realistic, bilingual, safe to run again."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

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
from community import access
from community.figures.rules import network_figures, publishable
from community.models import (
    Answer,
    Claim,
    Commitment,
    Delivery,
    Interaction,
    Membership,
    Need,
    Organisation,
    Post,
    PriceRequest,
    Registration,
    Subscription,
    SurplusLot,
    Topic,
)
from directory.models import ProducerPhoto


def load(**options):
    out = StringIO()
    call_command("load_demo_content", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def network_counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Organisation,
            Membership,
            Need,
            Answer,
            SurplusLot,
            Claim,
            Commitment,
            Delivery,
            Registration,
            Topic,
            Post,
            ProducerPhoto,
            get_image_model(),
            Revision,
        )
    }


def test_demo_content_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        load()
    assert not get_user_model().objects.filter(email="editrice@salim.example").exists()


@pytest.mark.usefixtures("demo")
class TestTheDemoLoadedOnce:
    def test_demo_content_builds_a_bilingual_site(self, client, db, debug):
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

    def test_running_it_again_duplicates_nothing_and_keeps_edits(self, db, debug):
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

    def test_if_empty_leaves_an_existing_site_alone(self, db, debug):
        before = network_counts()
        assert "not loaded" in load(if_empty=True)
        assert network_counts() == before

    def test_the_demo_network_is_in_use(self, client, db, debug):
        """One load, then what a member and a visitor see: producers to commit with, the
        public figures shown, and every stage of needs, lots, commitments and registrations."""
        users = get_user_model().objects
        member = users.get(email="membre@salim.example")

        # The commitments form offers the producers that have members on the site.
        client.force_login(member)
        form = client.get(reverse("community:commitment_create")).content.decode()
        for name in ("Ferme Ménard-Daoust", "Verger des Collines de Hemmingford"):
            assert name in form
        # Each producer's account keeps its entry, and the entry has a photo.
        for email in (
            "menard-daoust@salim.example",
            "lavigueur@salim.example",
            "verger-hemmingford@salim.example",
            "avicole-sainte-martine@salim.example",
        ):
            producer = access.producers_of(users.get(email=email)).get()
            assert producer.photos.exists()
            assert users.get(email=email).check_password("demo-producteur-2026")

        # The public figures page hides none of its figures.
        client.logout()
        page = client.get(reverse("community:network_figures")).content.decode()
        assert "not shown until" not in page and "pas affiché" not in page
        assert all(
            value is not None for _label, value, _unit in publishable(network_figures().totals)
        )

        # Each organisation's profile is filled in: contact, transport, storage, what it buys.
        approved = Organisation.objects.filter(status="approved")
        for organisation in approved:
            assert organisation.borough and organisation.website, organisation
            assert organisation.contact_email and organisation.contact_phone, organisation
        community = approved.filter(producer__isnull=True)
        assert all(organisation.monthly_food_budget for organisation in community)
        assert all(organisation.products_usually_bought.exists() for organisation in community)
        assert (
            community.filter(has_vehicle=True).exists()
            and community.filter(cold_room=True).exists()
        )
        client.force_login(member)
        kitchen = approved.get(name="Cuisine collective de Verdun")
        profile = client.get(reverse("community:organisation_detail", args=[kitchen.pk]))
        assert "cuisine-verdun@salim.example" in profile.content.decode()
        assert "chambre froide" in profile.content.decode()
        client.logout()

        # Six organisations and more, open and answered needs, every stage of each record.
        assert Organisation.objects.filter(status="approved", producer__isnull=True).count() >= 6
        assert Organisation.objects.filter(status="pending").exists()
        assert Membership.objects.filter(status="pending").exists()
        assert set(Need.objects.values_list("status", flat=True)) == {"open", "paused", "fulfilled"}
        assert Need.objects.open().filter(answers__isnull=True).exists()
        assert Need.objects.open().filter(answers__status="sent").exists()
        assert any(need.is_expired for need in Need.objects.filter(status="open"))
        assert set(Answer.objects.values_list("status", flat=True)) == {
            "sent",
            "accepted",
            "withdrawn",
        }
        # A price round from a need: several producers asked, two answered by their link,
        # one declined, one accepted, which put its answer on the needs board.
        asked = PriceRequest.objects.filter(
            round__need__organisation__name="Cuisine collective de Verdun"
        )
        assert sorted(asked.values_list("status", flat=True))[:4] == [
            "accepted",
            "declined",
            "not_retained",
            "waiting",
        ]
        accepted = asked.get(status="accepted")
        need = accepted.round.need
        assert need.status == "open"  # 25 kg of 40: open for the rest
        assert need.answers.get(status="accepted").producer == accepted.producer
        lots = list(SurplusLot.objects.all())
        now = timezone.now()
        assert any(lot.is_open and lot.open_to_all_at <= now for lot in lots)
        assert any(lot.is_open and lot.open_to_all_at > now for lot in lots)  # first claims
        assert any(lot.is_expired for lot in lots) and any(lot.closed_at for lot in lots)
        assert any(lot.remaining == 0 for lot in lots)
        assert Claim.objects.filter(picked_up_at__isnull=False).exists()
        assert Claim.objects.filter(picked_up_at__isnull=True).exists()
        commitments = Commitment.objects.all()
        assert set(commitments.values_list("status", flat=True)) == {
            "proposed",
            "accepted",
            "declined",
        }
        assert commitments.filter(status="proposed", awaiting="producer").exists()
        assert commitments.filter(
            status="proposed", awaiting="organisation", terms_version=2
        ).exists()
        assert Delivery.objects.filter(commitment__status="accepted").exists()
        # Two crop contracts with quality terms; one delivery refused, with its reason.
        assert commitments.exclude(calibre="").exclude(packaging="").count() == 2
        refused = Delivery.objects.get(conformity="refused")
        assert "meurtries" in refused.reason and refused.commitment.calibre
        assert refused.logged_by.memberships.filter(organisation=refused.commitment.organisation)
        past = Registration.objects.filter(event__starts_at__lt=now)
        assert past.filter(attended=True).exists() and past.filter(attended=False).exists()
        assert Registration.objects.get(user=member, status="waitlisted").event.starts_at > now
        assert Topic.objects.filter(post_count__gte=3).count() >= 2

        # The pictures were drawn here: PNG files, on pages and in the directory.
        assert ProducerPhoto.objects.count() >= 5
        about = Page.objects.get(slug="a-propos").specific
        assert [block.block_type for block in about.body][0] == "image"
        assert get_image_model().objects.filter(file__endswith=".png").count() >= 8

    def test_republishing_demo_pages_keeps_their_deadlines_distributors_and_documents(
        self, db, debug
    ):
        """The demo's inline records are part of its pages' revisions, as when an editor
        adds them in the page editor: publishing the page again from the admin loses none."""
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

    def test_the_demo_conversation_is_kept_as_members_posts_are(self, client, db, debug):
        """The demo's forum posts go through the forums' own rules: the topic counts its
        posts and shows its last one, its author follows it, and whoever replied last has
        nothing unread in it."""
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

        category = reverse("community:forum_category", args=[topic.category_id])
        client.force_login(editor)
        assert "badge--new" not in client.get(category).content.decode()
        client.force_login(member)
        assert "badge--new" in client.get(category).content.decode()
