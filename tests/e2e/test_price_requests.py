"""A price round in a real browser, from the need to the accepted supplier: the kitchen's
cook asks the suggested producers; two answer through the link in their email, without
an account, and one says "not this time"; the cook compares and accepts one. And a link
that opens nothing."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone, translation

from playwright.sync_api import expect

from tests.community.helpers import make_need

from .test_needs import sign_in

LINK = re.compile(r"https://salim\.example:8443(/fr/[^\s]+/)")


def test_a_price_round_from_the_need_to_the_accepted_supplier(
    page, browser, live_server, home_pages, board, producer_factory, offer_factory, mailoutbox, axe
):
    carrots = board["carrots"]
    roy = producer_factory(name="Ferme Roy", email="roy@ferme.example")
    offer_factory(producer=roy, product=carrots, price="1.00", unit="lb")
    south = producer_factory(name="Verger du Sud", email="sud@verger.example")
    offer_factory(producer=south, product=carrots, price="3.00")
    need = make_need(board, frequency="weekly")
    deadline = timezone.localdate() + timedelta(days=5)

    sign_in(page, "cook@verdun.example")
    page.goto(f"/fr/besoins/{need.pk}/")
    page.get_by_role("link", name="Demander des prix").click()
    for name in ("Ferme Lebeau", "Ferme Roy", "Verger du Sud"):
        expect(page.get_by_label(re.compile(name))).to_be_checked()
    page.get_by_label(re.compile("Ferme Lointaine")).uncheck()  # no address: a phone call
    page.get_by_label("Réponse attendue le").fill(deadline.isoformat())
    axe(page)
    page.get_by_role("button", name="Envoyer la demande de prix").click()
    expect(page.get_by_role("status")).to_contain_text("envoyée à 3 producteur")
    compare_url = page.url
    links = {message.to[0]: LINK.search(message.body).group(1) for message in mailoutbox}
    assert sorted(links) == ["farmer@lebeau.example", "roy@ferme.example", "sud@verger.example"]
    mailoutbox.clear()

    def answer(address, **fields):
        producer = browser.new_context(base_url=live_server.url, locale="fr-CA").new_page()
        producer.goto(links[address])
        expect(producer.get_by_role("heading", level=1)).to_contain_text("Carotte")
        if "reason" in fields:
            producer.get_by_role("radio", name="Pas cette fois").check()
            producer.get_by_label("Pourquoi pas cette fois").select_option(label=fields["reason"])
        else:
            producer.get_by_label("Prix unitaire ($)").fill(fields["price"])
            producer.get_by_label("Unité").select_option(value=fields["unit"])
            producer.get_by_label("Quantité que vous pouvez fournir (par livraison)").fill(
                fields["quantity"]
            )
        axe(producer)
        producer.get_by_role("button", name="Envoyer ma réponse").click()
        expect(producer.get_by_role("status")).to_contain_text("Merci, votre réponse est envoyée")
        producer.context.close()

    answer("roy@ferme.example", price="1,10", unit="lb", quantity="30")
    answer("farmer@lebeau.example", price="2,30", unit="kg", quantity="40")
    answer("sud@verger.example", reason="pas de stock")
    # The cook's organisation is told of each answer as it arrives.
    told = [m for m in mailoutbox if m.to == ["cook@verdun.example"]]
    assert len(told) == 3

    page.goto(compare_url)
    rows = page.locator("table tbody tr")
    expect(rows.nth(0)).to_contain_text("Ferme Lebeau")
    expect(rows.nth(0)).to_contain_text("0,20 $/kg en dessous, −8 %")
    expect(rows.nth(1)).to_contain_text("Ferme Roy")
    expect(rows.nth(1)).to_contain_text("2,43 $/kg")
    expect(rows.nth(2)).to_contain_text("pas de stock")
    axe(page)
    page.get_by_label("Accepter la réponse de Ferme Lebeau").check()
    page.get_by_role("button", name="Accepter les réponses cochées").click()
    status = page.get_by_role("status")
    expect(status).to_contain_text("C'est accepté")
    expect(status).to_contain_text("La quantité est couverte : le besoin est fermé.")
    expect(rows.nth(0)).to_contain_text("acceptée")
    need.refresh_from_db()
    assert need.status == "fulfilled" and need.fulfilled_by == board["farm"]

    page.goto(f"/fr/besoins/{need.pk}/")
    expect(page.locator("main")).to_contain_text("Ferme Lebeau")


def test_a_wrong_link_opens_nothing_and_says_so(page, home_pages, board, axe):
    need = make_need(board)
    with translation.override("fr"):
        wrong = reverse("community:price_answer", args=[need.pk, "pas-un-jeton"])
    response = page.goto(wrong)
    assert response.status == 400
    expect(page.locator("main")).to_contain_text("aucune demande de prix")
    axe(page)
