"""The home page in a real browser: it fits a phone and a laptop, passes axe-core, and
a first-time visitor reaches a producer selling something in season in two clicks."""

import os
import re
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from cms.models import CarteProximitePage, FundingDeadline, FundingGuidePage, FundingIndexPage

WIDTHS = {"phone": 390, "laptop": 1280}
# WIDTH_SHOTS=/some/folder keeps a full-page screenshot at each width, to look at.
SHOTS = os.environ.get("WIDTH_SHOTS")


@pytest.fixture
def full_home(
    home_pages,
    footer,
    producer_factory,
    product_factory,
    offer_factory,
    event_factory,
    resource_factory,
):
    """A home page with every section filled, names long as real ones are."""
    footer("<p>Écrivez-nous à <a href='mailto:info@salim.example'>info@salim.example</a></p>")
    home = home_pages["fr"]
    this_month = timezone.localdate().month
    other_months = [month for month in range(1, 13) if month != this_month]
    farm = producer_factory(name="Ferme maraîchère des Jardins de la Rivière-Châteauguay")
    for number, name in enumerate(
        ["Carotte nantaise de conservation", "Pomme Honeycrisp", "Œufs de poules en liberté"]
        + [f"Légume racine no {number}" for number in range(8)]
    ):
        product = product_factory(name_fr=name)
        offer_factory(producer=farm, product=product)
        for other in range(number % 4):
            offer_factory(product=product, producer=producer_factory(name=f"Verger no {other}"))
    offer_factory(product=product_factory(name_fr="Courge hors saison"), months=other_months)
    for number in range(4):
        event_factory(
            title=f"Visite de ferme : la conservation des légumes racines no {number}",
            starts_in=timedelta(days=3 + number),
            place_name="Ferme des Jardins de la Rivière-Châteauguay, Sainte-Martine",
        )
    for number in range(4):
        resource_factory(f"Gabarit de bon de commande regroupé pour les cuisines no {number}")
    funding = home.add_child(instance=FundingIndexPage(title="Financement", slug="financement"))
    funding.save_revision().publish()
    guide = funding.add_child(
        instance=FundingGuidePage(
            title="Programme de développement régional et sectoriel, volet 3",
            slug="pdrs",
            funder="Ministère de l'Agriculture, des Pêcheries et de l'Alimentation du Québec",
        )
    )
    guide.save_revision().publish()
    FundingDeadline.objects.create(page=guide, date=timezone.localdate() + timedelta(days=12))
    carte = home.add_child(instance=CarteProximitePage(title="La Carte proximité", slug="carte"))
    carte.save_revision().publish()
    return farm


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_home_fits_the_window_and_passes_axe(width, full_home, page, axe):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/fr/")
    expect(page.get_by_role("heading", name="En saison ce mois-ci")).to_be_visible()
    expect(page.get_by_text("Courge hors saison")).to_have_count(0)
    if SHOTS:
        page.screenshot(path=Path(SHOTS) / f"home-{width}.png", full_page=True)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the home page is {scroll_width} px wide in {width} px"
    axe(page)


def test_two_clicks_from_home_to_a_producer_selling_in_season(full_home, page):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/fr/")
    card = page.locator(".card", has_text="Pomme Honeycrisp")
    card.get_by_role("link", name=re.compile("producteurs? en saison")).click()
    expect(page).to_have_url(re.compile(r"in_season=on"))
    page.get_by_role("link", name=full_home.name).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(full_home.name)
    expect(page.get_by_text("Pomme Honeycrisp").first).to_be_visible()
