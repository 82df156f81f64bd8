"""Members share a resource from the site; it waits for the editors' review."""

import logging

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.models import WorkflowState

import pytest

from cms.models import ResourcePage
from cms.privacy import MEMBERS_COLLECTION, REVIEW_COLLECTION
from cms.sharing import resource_from_learning
from community.models import Learning
from tests.community.helpers import unused_port

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


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("prix.pdf", b"<html><script>alert(document.cookie)</script></html>"),
        ("prix.csv", b"<!DOCTYPE html><html><body>prix</body></html>"),
        ("prix.png", b"%PDF-1.4 prix"),
    ],
)
def test_a_file_whose_content_is_not_its_extension_is_refused(
    client, library, sharing_member, name, content
):
    client.force_login(sharing_member)
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(SHARE, form(file=upload))
    extension = name.rsplit(".", 1)[1]
    assert response.status_code == 200
    assert (
        f"Le contenu de ce fichier ne correspond pas à son extension .{extension}."
        in response.content.decode()
    )
    assert not ResourcePage.objects.exists()
    assert not get_document_model().objects.exists()


def test_shared_resource_waits_for_review_in_the_reviewers_collection(
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
    assert page.documents.get().document.collection.name == REVIEW_COLLECTION
    assert [message.to for message in mailoutbox] == [["partage@example.org"]]
    assert "Grille de prix d'automne" not in client.get(library.url).content.decode()


@pytest.mark.mail_fails
def test_with_the_mail_server_down_the_resource_is_shared_and_the_failure_logged(
    client, library, sharing_member, settings, caplog, django_capture_on_commit_callbacks
):
    """The member's email leaves through the outbox, as every email: with Django's SMTP
    backend and a port nobody listens on, the member still gets the library and their
    thanks, the resource waits for review, and the email not sent is logged with its
    traceback (the outbox tries it again: tests/community/test_outbox.py)."""
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", unused_port()
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    caplog.set_level(logging.ERROR, logger="community.emails")
    client.force_login(sharing_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SHARE, form(link="https://example.org/prix"), follow=True)
    assert response.redirect_chain == [(library.url, 302)]
    assert "Merci ! Votre ressource a été envoyée" in response.content.decode()
    page = ResourcePage.objects.get()
    assert page.owner == sharing_member and not page.live
    assert WorkflowState.objects.filter(
        object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()
    [failure] = [record for record in caplog.records if record.name == "community.emails"]
    assert failure.getMessage() == (
        "Email not sent ([SALIM] Votre ressource est en révision : Grille de prix d'automne)"
        " to 1 recipient(s)"
    )
    assert isinstance(failure.exc_info[1], OSError)


def test_a_shared_file_stays_unreadable_until_its_page_is_published(
    client, library, sharing_member, member_factory, editor
):
    """Another organisation's member and anonymous visitors cannot fetch the file of a
    resource still in review; the reviewing editor can; once approved, members can."""
    client.force_login(sharing_member)
    pdf = b"%PDF-1.4 prix confidentiels\n%%EOF\n"
    client.post(SHARE, form(file=SimpleUploadedFile("prix.pdf", pdf)))
    page = ResourcePage.objects.get()
    url = page.documents.get().document.url
    other_member = member_factory()
    assert other_member.groups.filter(name="Members").exists()

    def reads(user):
        client.logout()
        if user:
            client.force_login(user)
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response.status_code == 200 and body == pdf

    assert not reads(other_member)
    assert not reads(None)
    assert reads(editor)

    page.get_latest_revision().publish(user=editor)  # what the editor's approval does
    page.refresh_from_db()
    assert page.live
    assert page.documents.get().document.collection.name == MEMBERS_COLLECTION
    assert reads(other_member)
    assert not reads(None)


def test_two_resources_with_the_same_title_get_two_slugs(client, library, sharing_member):
    client.force_login(sharing_member)
    for _ in range(2):
        response = client.post(SHARE, form(link="https://example.org/prix"))
        assert response.status_code == 302 and response.url == library.url
    assert list(ResourcePage.objects.order_by("pk").values_list("slug", flat=True)) == [
        "grille-de-prix-dautomne",
        "grille-de-prix-dautomne-2",
    ]


def test_a_learning_titled_like_a_shared_resource_becomes_a_resource_too(
    client, library, sharing_member, editor
):
    client.force_login(sharing_member)
    client.post(SHARE, form(link="https://example.org/prix"))
    learning = Learning.objects.create(
        title="Grille de prix d'automne",
        topic="prices",
        text="Ce que l'on a appris.",
        written_by=editor,
    )
    client.force_login(editor)
    response = client.post(f"/admin/workspace/learnings/{learning.pk}/resource/")
    page = ResourcePage.objects.get(slug="grille-de-prix-dautomne-2")
    assert response.url == f"/admin/pages/{page.pk}/edit/"
    assert page.live and page.summary == "Ce que l'on a appris."


def test_a_learning_sent_twice_at_once_becomes_one_resource(library, editor):
    learning = Learning.objects.create(
        title="Les caisses consignées", topic="logistics", text="Reprises.", written_by=editor
    )
    seen_by_the_second_request = Learning.objects.get(pk=learning.pk)  # no resource yet
    first = resource_from_learning(learning, library, editor)
    second = resource_from_learning(seen_by_the_second_request, library, editor)
    assert second.pk == first.pk and ResourcePage.objects.count() == 1
