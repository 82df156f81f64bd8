"""A community kitchen claims part of a farm's surplus lot in a real browser."""

from playwright.sync_api import expect

from tests.community.helpers import make_need
from tests.conftest import PASSWORD


def test_a_kitchen_claims_part_of_a_surplus_lot(page, home_pages, board, lot_factory, axe):
    make_need(board)  # the kitchen needs carrots: it has the first claim
    lot_factory()
    page.goto("/fr/comptes/login/")
    page.get_by_label("E-mail").fill("cook@verdun.example")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.get_by_role("link", name="Surplus").first.click()
    page.get_by_role("link", name="Carotte").click()
    expect(page.get_by_text("ont le premier choix jusqu'à")).to_be_visible()
    axe(page)
    page.get_by_label("Quantité que vous réservez").fill("30,5")
    page.get_by_role("button", name="Réserver", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Réservé.")
    expect(page.get_by_text("69,5 / 100 kg")).to_be_visible()
    expect(page.locator("h2:has-text('Réservations') + ul")).to_contain_text(
        "Cuisine collective de Verdun"
    )
    axe(page)
