"""A member registers for a workshop in a real browser, then cancels."""

import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def test_member_registers_for_an_event_and_cancels(page, event_factory, member, axe):
    event = event_factory(title="Atelier conserves", capacity=12)
    page.goto(event.url)
    expect(page.get_by_text("12 sur 12")).to_be_visible()
    page.get_by_role("link", name="Connectez-vous pour vous inscrire").click()
    page.get_by_label("E-mail").fill(member.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(re.escape(event.url) + "$"))
    page.get_by_role("button", name="S'inscrire").click()
    expect(page.get_by_role("status")).to_contain_text("Vous êtes inscrit")
    expect(page.get_by_text("11 sur 12")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Mes événements").first.click()
    expect(page.get_by_role("heading", name="Atelier conserves")).to_be_visible()
    page.get_by_role("link", name="Annuler mon inscription").click()
    axe(page)  # the confirmation: nothing is cancelled until it is answered
    page.get_by_role("button", name="Oui, annuler mon inscription").click()
    expect(page.get_by_text("Votre inscription est annulée.")).to_be_visible()
    expect(page.get_by_text("Vous n'êtes inscrit à aucun événement.")).to_be_visible()
