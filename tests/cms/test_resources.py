"""The resource library and its files: filters, search, and members-only resources
invisible and undownloadable for anyone else — pages, document URLs and search alike."""

import re

from wagtail.documents import get_document_model

import pytest

from cms.models import RelatedResource, ResourceDocument


def titles(response):
    return [page.title for page in response.context["resources"]]


def test_library_filters_by_topic_kind_and_language(client, library, resource_factory):
    resource_factory(
        "Guide d'achat local", topic="procurement", kind="guide", material_language="fr"
    )
    resource_factory("Price study", topic="prices", kind="study", material_language="en")
    assert titles(client.get(library.url, {"topic": "prices"})) == ["Price study"]
    assert titles(client.get(library.url, {"kind": "guide"})) == ["Guide d'achat local"]
    assert titles(client.get(library.url, {"language": "en"})) == ["Price study"]
    assert titles(client.get(library.url, {"q": "achat"})) == ["Guide d'achat local"]
    assert client.get(library.url, {"topic": "nonsense"}).status_code == 200


@pytest.mark.parametrize(
    ("who", "sees"),
    [("anonymous", False), ("non_member", False), ("member", True), ("editor", True)],
)
def test_members_only_resources_by_who_asks(
    client, library, members_resource, user_factory, editor, who, sees
):
    page, document = members_resource
    users = {
        "non_member": user_factory(),
        "member": user_factory(groups=["Members"]),
        "editor": editor,
    }
    if who in users:
        client.force_login(users[who])
    assert ("Grille de prix des membres" in titles(client.get(library.url))) is sees
    assert (
        "Grille de prix des membres"
        in client.get("/fr/recherche/", {"q": "grille"}).content.decode()
    ) is sees
    assert (client.get(page.url).status_code == 200) is sees
    download = client.get(document.url)
    assert (download.status_code == 200) is sees
    if not sees:
        assert download.status_code in (302, 403)


def test_private_document_never_answers_304_to_an_anonymous_visitor(
    client, members_resource, user_factory
):
    _page, document = members_resource
    client.force_login(user_factory(groups=["Members"]))
    first = client.get(document.url)
    etag = first.get("ETag") or '"anything"'
    client.logout()
    response = client.get(document.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code in (302, 403)


def test_public_documents_download_through_the_checking_view(
    client, resource_factory, document_factory
):
    page = resource_factory("Guide public")
    document = document_factory("guide-public")
    ResourceDocument.objects.create(page=page, document=document)
    assert document.url.startswith("/documents/")
    html = client.get(page.url).content.decode()
    assert document.url in html and "PDF" in html
    assert client.get(document.url).status_code == 200


def test_related_resources_in_the_order_chosen_members_only_ones_to_members(
    client, resource_factory, members_resource, user_factory
):
    page = resource_factory("Guide des achats groupés")
    private, _document = members_resource
    chosen = [resource_factory("Tableur des prix"), private, resource_factory("Affiche")]
    for order, resource in enumerate(chosen):
        RelatedResource.objects.create(page=page, resource=resource, sort_order=order)

    def related(html):
        section = html.split("Ressources liées", 1)[1]
        return re.findall(r"<li><a [^>]*>([^<]+)</a></li>", section)

    assert related(client.get(page.url).content.decode()) == ["Tableur des prix", "Affiche"]
    client.force_login(user_factory(groups=["Members"]))
    assert related(client.get(page.url).content.decode()) == [
        "Tableur des prix",
        "Grille de prix des membres",
        "Affiche",
    ]


def test_html_and_svg_uploads_are_refused(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    for name, content in (
        ("page.html", b"<script>alert(1)</script>"),
        ("image.svg", b"<svg onload='x'/>"),
    ):
        response = client.post(
            "/admin/documents/multiple/add/",
            {"files[]": SimpleUploadedFile(name, content)},
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )
        assert (
            not get_document_model().objects.filter(title__startswith=name.split(".")[0]).exists()
        ), response.content


WEB_PAGE = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"


def test_a_web_page_named_pdf_is_refused_by_the_document_admin(client, editor, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    one = client.post(
        "/admin/documents/add/",
        {"title": "Prix", "file": SimpleUploadedFile("prix.pdf", WEB_PAGE), "collection": 1},
    )
    several = client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("prix.pdf", WEB_PAGE)},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    message = "The content of this file does not match its .pdf extension."
    assert one.status_code == 200 and message in one.content.decode()
    assert several.json()["success"] is False and message in several.content.decode()
    assert not get_document_model().objects.exists()


def test_a_real_pdf_is_accepted_by_the_document_admin(client, editor, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    response = client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("prix.pdf", b"%PDF-1.4 prix\n%%EOF\n")},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.json()["success"] is True
    assert get_document_model().objects.get().file.name.endswith(".pdf")


def test_a_web_page_named_png_is_refused_by_the_image_admin(client, editor, settings, tmp_path):
    """Wagtail's image field opens every image and compares its format with the name."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wagtail.images import get_image_model

    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    response = client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("photo.png", WEB_PAGE)},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.json()["success"] is False
    assert not get_image_model().objects.exists()
