"""Members share a resource from the site; it waits for the editors' review."""

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import WorkflowState

import pytest

from cms.models import ResourcePage
from cms.privacy import MEMBERS_COLLECTION

SHARE = "/fr/ressources/partager/"


@pytest.fixture
def sharing_member(user_factory, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return user_factory(email="partage@example.org", groups=["Members"])


def form(**overrides):
    data = {
        "title": "Grille de prix d'automne",
        "summary": "Les prix relevés en octobre.",
        "topic": "prices",
        "kind": "price_comparison",
        "material_language": "fr",
    }
    return {**data, **overrides}


def test_anonymous_is_sent_to_sign_in_and_non_members_are_refused(client, library, user_factory):
    assert "/comptes/login/" in client.get(SHARE).url
    client.force_login(user_factory())
    assert client.get(SHARE).status_code == 403
    assert client.post(SHARE, form(link="https://example.org/prix")).status_code == 403
    assert not ResourcePage.objects.exists()


def test_a_file_or_a_link_is_needed_and_typed_text_is_kept(client, library, sharing_member):
    client.force_login(sharing_member)
    response = client.post(SHARE, form())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Joignez un fichier ou donnez un lien" in html
    assert "Les prix relevés en octobre." in html
    assert not ResourcePage.objects.exists()


def test_html_files_are_refused(client, library, sharing_member):
    client.force_login(sharing_member)
    upload = SimpleUploadedFile("prix.html", b"<script>alert(1)</script>", content_type="text/html")
    response = client.post(SHARE, form(file=upload))
    assert "Ce type de fichier n&#x27;est pas accepté" in response.content.decode()
    assert not ResourcePage.objects.exists()


def test_shared_resource_waits_for_review_in_the_members_collection(
    client, library, sharing_member, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(sharing_member)
    upload = SimpleUploadedFile("prix.pdf", b"%PDF-1.4 prix", content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SHARE, form(file=upload))
    assert response.url == library.url
    page = ResourcePage.objects.get()
    assert not page.live
    assert page.owner == sharing_member
    assert WorkflowState.objects.filter(
        base_content_type__model="page",
        object_id=str(page.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    ).exists()
    assert page.documents.get().document.collection.name == MEMBERS_COLLECTION
    assert [message.to for message in mailoutbox] == [["partage@example.org"]]
    assert "Grille de prix d'automne" not in client.get(library.url).content.decode()
