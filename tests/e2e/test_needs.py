"""From a need posted by a community kitchen to the answer it accepts, in a real browser:
the kitchen's cook posts, the farm's member answers from "Needs for me", the cook accepts."""

from django.utils import timezone

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def sign_in(page, email):
    page.goto("/fr/comptes/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()


def test_a_need_from_posting_to_an_accepted_answer(
    page, browser, live_server, home_pages, board, axe
):
    year = timezone.localdate().year
    sign_in(page, "cook@verdun.example")
    page.get_by_role("link", name="Besoins").first.click()
    page.get_by_role("link", name="Publier un besoin").click()
    page.get_by_label("Produit").select_option(label="Carotte")
    page.get_by_label("Quantité").fill("40")
    page.get_by_label("Fréquence").select_option(label="chaque semaine")
    page.get_by_label("Voulu à partir du").fill(f"{year}-11-01")
    page.get_by_label("Voulu jusqu'au").fill(f"{year + 1}-03-31")
    page.get_by_label("Budget par unité ($)").fill("2,50")
    axe(page)
    page.get_by_role("button", name="Publier le besoin").click()
    expect(page.get_by_role("status")).to_contain_text("Votre besoin est publié.")
    suggestions = page.locator("h2:has-text('Producteurs suggérés') + ol li")
    expect(suggestions.first).to_contain_text("Ferme Lebeau")
    expect(suggestions.first).to_contain_text("Livre dans votre arrondissement")
    axe(page)
    need_url = page.url

    farm = browser.new_context(base_url=live_server.url, locale="fr-CA").new_page()
    sign_in(farm, "farmer@lebeau.example")
    farm.goto("/fr/besoins/pour-moi/")
    farm.get_by_role("link", name="Carotte").click()
    farm.get_by_label("Votre prix unitaire ($)").fill("2,20")
    farm.get_by_label("Quantité que vous pouvez fournir").fill("40")
    farm.get_by_label("Conditions de livraison").fill("Le mardi matin")
    farm.get_by_role("button", name="Envoyer ma réponse").click()
    expect(farm.get_by_role("status")).to_contain_text("Votre réponse est envoyée")
    farm.context.close()

    page.goto(need_url)
    answer = page.locator("h2:has-text('Réponses') + ul li").first
    expect(answer).to_contain_text("Ferme Lebeau")
    expect(answer).to_contain_text("2,20 $/kg")
    page.get_by_role("button", name="Accepter cette réponse").click()
    expect(page.get_by_role("status")).to_contain_text("Réponse acceptée")
    expect(page.get_by_role("paragraph").filter(has_text="ferme@lebeau.example")).to_be_visible()
