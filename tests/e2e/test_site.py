"""A visitor and a member in a real browser: pages, language switch, sign-in, and
axe-core's accessibility checks."""

import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def test_home_page_loads_in_french(page, home_pages):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/fr/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Accueil SALIM")
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_language_switch_keeps_the_page(page, page_factory, navigation):
    pages = page_factory(title_fr="À propos du réseau", title_en="About the network")
    navigation(pages["fr"])
    page.goto("/fr/")
    page.get_by_role("navigation", name="Principal").get_by_role(
        "link", name="À propos du réseau"
    ).click()
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(re.escape(pages["en"].url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("About the network")
    page.get_by_role("link", name="Français").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("À propos du réseau")


def test_member_signs_in_and_out(page, member, home_pages):
    page.goto("/fr/comptes/login/")
    page.get_by_label("E-mail").fill(member.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")
    page.get_by_role("navigation", name="Compte").get_by_text("Alex").click()  # its menu
    page.get_by_role("link", name="Se déconnecter").click()
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, home_pages):
    page.goto("/fr/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu principal")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))


def test_home_page_has_no_accessibility_violations(page, axe, home_pages, footer):
    footer("<p>Écrivez-nous à <a href='mailto:info@salim.example'>info@salim.example</a></p>")
    page.goto("/fr/")
    axe(page)


def test_sign_in_page_has_no_accessibility_violations(page, axe, home_pages):
    page.goto("/fr/comptes/login/")
    axe(page)
    page.get_by_role("button", name="Connexion").click()  # empty form: errors shown
    axe(page)


def test_content_page_has_no_accessibility_violations(page, axe, page_factory, navigation):
    pages = page_factory(title_fr="Nous joindre", title_en="Contact", intro_fr="Écrivez-nous.")
    navigation(pages["fr"])
    page.goto(pages["en"].url)
    axe(page)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(pages["fr"].url)
    axe(page)


def test_editor_signs_in_to_the_admin_without_policy_violations(page, editor, home_pages):
    violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    page.goto("/admin/")
    page.get_by_label("E-mail").fill(editor.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("body")).to_contain_text("Camille")
    page.goto("/fr/")  # the editors' toolbar on the public site
    expect(page.get_by_role("heading", level=1)).to_have_text("Accueil SALIM")
    assert violations == []


def test_the_network_in_figures_has_no_accessibility_violations(page, axe, home_pages):
    page.goto("/fr/")
    page.get_by_role("link", name="Notre réseau en chiffres").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notre réseau en chiffres")
    axe(page)
