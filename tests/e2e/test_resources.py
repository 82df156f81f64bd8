"""A visitor finds a funding guide and downloads a public document, in a real browser."""

from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model

from playwright.sync_api import expect

from cms.models import (
    FundingDeadline,
    FundingGuidePage,
    FundingIndexPage,
    ResourceDocument,
    ResourceIndexPage,
    ResourcePage,
)


def test_visitor_finds_a_funding_guide_and_downloads_a_document(
    page, home_pages, settings, tmp_path, axe
):
    settings.MEDIA_ROOT = tmp_path
    home = home_pages["fr"]
    funding = home.add_child(instance=FundingIndexPage(title="Financement", slug="financement"))
    funding.save_revision().publish()
    guide = funding.add_child(
        instance=FundingGuidePage(
            title="Fonds d'achat local",
            slug="fonds-achat-local",
            funder="Ville de Montréal",
            amounts="jusqu'à 15 000 $",
        )
    )
    guide.save_revision().publish()
    FundingDeadline.objects.create(page=guide, date=timezone.localdate() + timedelta(days=12))
    library = home.add_child(instance=ResourceIndexPage(title="Ressources", slug="ressources"))
    library.save_revision().publish()
    resource = library.add_child(
        instance=ResourcePage(title="Gabarit de commande", slug="gabarit", summary="Un tableur.")
    )
    resource.save_revision().publish()
    document = get_document_model()(title="Gabarit de commande")
    document.file.save("gabarit.csv", ContentFile(b"produit;kg\nCarotte;40\n"), save=True)
    ResourceDocument.objects.create(page=resource, document=document)

    page.goto(funding.url)
    expect(page.get_by_text("ferme bientôt")).to_be_visible()
    page.get_by_role("link", name="Fonds d'achat local").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fonds d'achat local")
    expect(page.get_by_text("jusqu'à 15 000 $")).to_be_visible()
    axe(page)

    page.goto(resource.url)
    with page.expect_download() as download:
        page.get_by_role("link", name="Gabarit de commande").click()
    assert Path(download.value.path()).read_bytes() == b"produit;kg\nCarotte;40\n"
