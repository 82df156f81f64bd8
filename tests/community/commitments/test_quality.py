"""Quality follow-up on crop contracts: quality terms proposed with a commitment, each
delivery received as it was, with remarks or refused (a reason, a photo only the two sides
and the staff see), refused deliveries left out of the delivered volume, and the
conformity per season on the commitment's page and the producer's workspace page."""

import io
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
from PIL import Image

from community.commitments.rules import conformity_by_season
from community.models import Commitment, Delivery

from ..helpers import COMMITMENTS, proposal

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)


def png(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 60, 40)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def accepted(board):
    """Carrots for Verdun's kitchen from the farm, begun a week ago, with quality terms."""
    started = timezone.localdate() - timedelta(days=7)
    return Commitment.objects.create(
        organisation=board["kitchen"],
        producer=board["farm"],
        product=board["carrots"],
        quantity=Decimal("40"),
        basis="week",
        starts_on=started,
        ends_on=started + timedelta(days=27),
        status="accepted",
        calibre="2 à 4 cm",
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def delivery_post(**fields):
    data = {
        "action": "delivery",
        "delivery-delivered_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "delivery-quantity": "35",
        "delivery-conformity": "accepted",
        "delivery-reason": "",
    }
    data.update({f"delivery-{name}": value for name, value in fields.items()})
    return data


def test_quality_terms_are_proposed_shown_and_sent_to_the_producer(
    client, home_pages, board, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(board["cook"])
    terms = {
        "grade": "seconds",
        "calibre": "2 à 4 cm de diamètre",
        "max_days_from_harvest": "5",
        "packaging": "Sacs de 20 kg",
        "other_terms": "Lavées, sans fanes.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{COMMITMENTS}nouveau/", proposal(board, **terms))
    assert response.status_code == 302
    commitment = Commitment.objects.get()
    assert (commitment.grade, commitment.max_days_from_harvest) == ("seconds", 5)
    body = mailoutbox[0].body
    assert mailoutbox[0].to == ["farmer@lebeau.example"]
    assert "Conditions de qualité :" in body and "Taille ou calibre : 2 à 4 cm de diamètre" in body
    assert "Fraîcheur : 5 jours depuis la récolte au plus" in body
    client.force_login(board["farmer"])
    page = client.get(f"{COMMITMENTS}{commitment.pk}/").content.decode()
    for shown in (
        "Conditions de qualité",
        "deuxième choix (esthétique)",
        "2 à 4 cm de diamètre",
        "5 jours depuis la récolte au plus",
        "Sacs de 20 kg",
        "Lavées, sans fanes.",
    ):
        assert shown in page, shown
    english = client.get(f"/en/commitments/{commitment.pk}/").content.decode()
    assert "Quality terms" in english and "5 days from harvest at most" in english


def test_bad_quality_terms_are_explained_and_nothing_is_lost(client, home_pages, board):
    client.force_login(board["cook"])
    response = client.post(
        f"{COMMITMENTS}nouveau/",
        proposal(board, max_days_from_harvest="cinq", packaging="Caisses consignées"),
    )
    page = response.content.decode()
    assert response.context["form"].errors["max_days_from_harvest"]
    assert "Saisissez un nombre entier." in page and "Caisses consignées" in page
    assert not Commitment.objects.exists()


def test_a_delivery_not_accepted_as_it_is_needs_a_reason(client, home_pages, board, accepted):
    url = f"{COMMITMENTS}{accepted.pk}/"
    client.force_login(board["cook"])
    for conformity in ("remarks", "refused"):
        response = client.post(url, delivery_post(conformity=conformity, reason="  "))
        page = response.content.decode()
        assert "Dites pourquoi cette livraison n’a pas été acceptée telle quelle." in page
        assert 'value="35"' in page  # the quantity typed is still there
    assert not Delivery.objects.exists()
    client.post(url, delivery_post(conformity="refused", reason="Carottes molles, terreuses."))
    refused = Delivery.objects.get()
    assert (refused.conformity, refused.reason) == ("refused", "Carottes molles, terreuses.")


def test_a_refused_delivery_is_shown_and_fills_none_of_the_commitment(
    client, home_pages, board, accepted
):
    url = f"{COMMITMENTS}{accepted.pk}/"
    client.force_login(board["cook"])
    client.post(url, delivery_post(quantity="35"))
    client.post(url, delivery_post(quantity="20", conformity="refused", reason="Trop petites."))
    client.post(url, delivery_post(quantity="5", conformity="remarks", reason="Sacs déchirés."))
    page = client.get(url).content.decode()
    # 160 kg committed; 35 + 5 delivered, the 20 refused do not count.
    assert "Livré (hors livraisons refusées)</dt><dd>40\xa0kg" in page
    assert "Reste</dt><dd>120\xa0kg" in page
    assert "refusée</span> (non comptée comme livrée)" in page and "Trop petites." in page
    assert "acceptée avec remarques" in page and "Sacs déchirés." in page
    listing = client.get(COMMITMENTS).content.decode()
    assert "40\xa0kg sur 160\xa0kg livrés" in listing


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "photo.jpg",
            b"<html><script>alert(1)</script></html>",
            "Téléversez une image valide.",
        ),
        ("photo.png", b"%PDF-1.4 not an image", "Téléversez une image valide."),
        (
            "photo.gif",
            b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00"
            b"\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
            "Ce type de fichier n&#x27;est pas accepté. Acceptés : jpg, jpeg, png, webp.",
        ),
        ("photo.jpg", png(), "Le contenu de ce fichier ne correspond pas à son extension .jpg."),
    ],
)
def test_a_photo_that_is_not_one_of_our_images_is_refused(
    client, home_pages, board, accepted, media, name, content, message
):
    client.force_login(board["cook"])
    data = delivery_post(conformity="refused", reason="Pourries au fond des sacs.")
    data["delivery-photo"] = SimpleUploadedFile(name, content)
    page = client.post(f"{COMMITMENTS}{accepted.pk}/", data).content.decode()
    assert message in page
    assert "Pourries au fond des sacs." in page  # the reason typed is kept
    assert "choisissez la photo de nouveau" in page
    assert not Delivery.objects.exists() and not list(media.rglob("*.*"))


def test_a_photo_too_large_is_refused(client, home_pages, board, accepted, media, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    client.force_login(board["cook"])
    data = delivery_post(conformity="refused", reason="Pourries.")
    data["delivery-photo"] = SimpleUploadedFile("photo.png", png((400, 400)))
    assert len(png((400, 400))) > 1024
    page = client.post(f"{COMMITMENTS}{accepted.pk}/", data).content.decode()
    assert "Ce fichier est trop volumineux." in page
    assert not Delivery.objects.exists()


def test_the_photo_is_seen_by_the_two_sides_and_the_staff_only(
    client, home_pages, board, accepted, media, editor
):
    client.force_login(board["cook"])
    data = delivery_post(conformity="refused", reason="Carottes gelées.")
    data["delivery-photo"] = SimpleUploadedFile("gel.png", png())
    client.post(f"{COMMITMENTS}{accepted.pk}/", data)
    delivery = Delivery.objects.get()
    # Kept under a name of its own, outside the images Wagtail serves from /media/.
    assert delivery.photo.name.startswith("commitments/deliveries/")
    assert "gel" not in delivery.photo.name
    url = f"{COMMITMENTS}{accepted.pk}/livraisons/{delivery.pk}/photo/"
    client.force_login(board["farmer"])
    assert f'href="{url}"' in client.get(f"{COMMITMENTS}{accepted.pk}/").content.decode()
    for person in (board["farmer"], board["colleague"], editor):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert b"".join(response.streaming_content) == png()
    client.force_login(board["other"])  # a member of another organisation
    assert client.get(url).status_code == 403
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(
        "/fr/comptes/login/?next="
    )


def test_a_photo_is_only_found_under_its_own_commitment(
    client, home_pages, board, accepted, media, organisation_factory, member_factory
):
    """A member of another commitment's side cannot reach this photo through their own
    commitment's address."""
    theirs = organisation_factory(name="Banque alimentaire de LaSalle")
    other_commitment = Commitment.objects.create(
        organisation=theirs,
        producer=board["farm"],
        product=board["carrots"],
        quantity=Decimal("10"),
        basis="total",
        starts_on=accepted.starts_on,
        ends_on=accepted.ends_on,
        status="accepted",
    )
    delivery = accepted.deliveries.create(
        delivered_on=accepted.starts_on,
        quantity=Decimal("5"),
        conformity="refused",
        reason="Gelées.",
        photo=SimpleUploadedFile("gel.png", png()),
    )
    client.force_login(member_factory(organisation=theirs))
    url = f"{COMMITMENTS}{other_commitment.pk}/livraisons/{delivery.pk}/photo/"
    assert client.get(url).status_code == 404


def seasons_of(board, commitment):
    """Deliveries over two seasons, two years back and last year."""
    year = timezone.localdate().year
    rows = [
        (date(year - 2, 7, 1), "accepted", ""),
        (date(year - 1, 7, 1), "accepted", ""),
        (date(year - 1, 7, 8), "accepted", ""),
        (date(year - 1, 7, 15), "remarks", "Sacs déchirés."),
        (date(year - 1, 7, 22), "refused", "Gelées."),
    ]
    for day, conformity, reason in rows:
        commitment.deliveries.create(
            delivered_on=day, quantity=Decimal("10"), conformity=conformity, reason=reason
        )
    return year


@pytest.fixture
def long_running(board):
    year = timezone.localdate().year
    return Commitment.objects.create(
        organisation=board["kitchen"],
        producer=board["farm"],
        product=board["carrots"],
        quantity=Decimal("400"),
        basis="total",
        starts_on=date(year - 2, 6, 1),
        ends_on=date(year, 10, 31),
        status="accepted",
    )


def test_the_conformity_rate_is_counted_per_season(board, long_running):
    year = seasons_of(board, long_running)
    seasons = conformity_by_season(Delivery.objects.all())
    assert [(s.year, s.accepted, s.remarks, s.refused, s.conform_share) for s in seasons] == [
        (year - 1, 2, 1, 1, 50),
        (year - 2, 1, 0, 0, 100),
    ]
    assert conformity_by_season(Delivery.objects.none()) == []


def test_the_commitment_and_the_producer_pages_show_the_conformity_per_season(
    client, home_pages, board, long_running, editor
):
    year = seasons_of(board, long_running)
    client.force_login(board["farmer"])
    page = client.get(f"{COMMITMENTS}{long_running.pk}/").content.decode()
    table = page[page.index("Conformité des livraisons, par saison (conformes") :].split(
        "</table>"
    )[0]
    assert f'<th scope="row">{year - 1}</th><td>2</td><td>1</td><td>1</td><td>50\xa0%</td>' in (
        table
    )
    assert f'<th scope="row">{year - 2}</th><td>1</td><td>0</td><td>0</td><td>100\xa0%</td>' in (
        table
    )
    client.force_login(editor)
    workspace = client.get(f"/admin/workspace/producers/{board['farm'].pk}/").content.decode()
    assert "Contrats de culture : conformité des livraisons" in workspace
    assert f'<th scope="row">{year - 1}</th><td>2</td><td>1</td><td>1</td><td>50\xa0%</td>' in (
        workspace
    )


def test_the_pages_query_count_does_not_grow_with_deliveries(
    client, home_pages, board, long_running, editor, media
):
    seasons_of(board, long_running)
    pages = [
        (board["farmer"], f"{COMMITMENTS}{long_running.pk}/"),
        (editor, f"/admin/workspace/producers/{board['farm'].pk}/"),
    ]
    before = []
    for person, url in pages:
        client.force_login(person)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        before.append(len(queries))
    year = timezone.localdate().year
    for number in range(12):
        long_running.deliveries.create(
            delivered_on=date(year - 1 - number % 2, 8, 1 + number),
            quantity=Decimal("3"),
            conformity=["accepted", "remarks", "refused"][number % 3],
            reason="Remarque",
            photo=SimpleUploadedFile(f"p{number}.png", png()),
        )
    after = []
    for person, url in pages:
        client.force_login(person)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        after.append(len(queries))
    assert after == before
