"""The header as people see it: on a laptop, brand, sections and the account menu on one
row, the network's own pages (about, membership, contact) grouped under one drop-down; on
a phone, a menu folded from the first paint (no layout shift) that opens, with or without
JavaScript, listing every section."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cms.models import CarteProximitePage
from tests.conftest import PASSWORD

# The demo's menu (cms.demo), the longest the site has: the directory, four sections and
# three plain pages about the network.
SECTIONS = ["Ateliers et visites", "Ressources", "Financement", "La Carte proximité"]
NETWORK = ["À propos du réseau", "Devenir membre", "Nous joindre"]
ONE_ROW = 72  # px: the 32 px logo, the padding and a line of links
SHOTS = os.environ.get("WIDTH_SHOTS")  # a folder: keep screenshots to look at

# Sums the layout shifts of the page from its first paint (what Lighthouse calls CLS).
LAYOUT_SHIFT = """
window.__shift = 0;
new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
        if (!entry.hadRecentInput) window.__shift += entry.value;
    }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.fixture
def sections(home_pages, page_factory, navigation, events_index, library, funding):
    carte = home_pages["fr"].add_child(
        instance=CarteProximitePage(title="La Carte proximité", slug="carte-proximite")
    )
    carte.save_revision().publish()
    plain = [page_factory(title_fr=title)["fr"] for title in NETWORK]
    navigation(*plain, events_index, library, funding, carte)


def sign_in(page, user):
    page.goto("/fr/comptes/login/")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/fr/mon-espace/")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=Path(SHOTS) / f"header-{name}.png")


def fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def middles(locators):
    return [box["y"] + box["height"] / 2 for box in (item.bounding_box() for item in locators)]


def test_signed_in_on_a_laptop_brand_sections_and_account_menu_are_one_row(
    page, sections, user_factory, axe
):
    editor = user_factory(first_name="Marie-Christine", groups=["Editors", "Moderators"])
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, editor)
    header = page.locator(".site-header")
    shot(page, "1280-closed")
    main = page.get_by_role("navigation", name="Principal")
    links = [main.get_by_role("link", name=title) for title in ["Répertoire", *SECTIONS]]
    network = main.get_by_text("Le réseau")
    account = page.get_by_role("navigation", name="Compte")
    menu = account.get_by_text("Marie-Christine")
    brand = page.locator(".site-header__brand")
    row = [brand, *links, network, account.get_by_role("link", name="Rechercher"), menu]
    for item in row:
        expect(item).to_be_visible()
    assert max(middles(row)) - min(middles(row)) < 12  # one row
    assert header.bounding_box()["height"] <= ONE_ROW
    sign_out = account.get_by_role("link", name="Se déconnecter")
    expect(sign_out).to_be_hidden()
    about = main.get_by_role("link", name="À propos du réseau")
    expect(about).to_be_hidden()
    fits(page, 1280)
    axe(page)

    network.click()
    expect(main.locator(".nav-group__links a")).to_have_text(NETWORK)
    assert header.bounding_box()["height"] <= ONE_ROW  # it drops over the page
    page.keyboard.press("Escape")
    expect(about).to_be_hidden()
    network.click()
    about.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("À propos du réseau")
    expect(network).to_have_class("nav-group__toggle nav-group__toggle--current")

    menu = account.get_by_text("Marie-Christine")
    menu.click()
    expect(account.locator(".account-menu__links a")).to_have_text(
        [
            "Mon espace",
            "Projets",  # the staff's: every project
            "Besoins",
            "Surplus",
            "Engagements",
            "Forums",
            "Mes événements",
            "Adhésion",
            "Mon compte",
            "Administration du site",
            "Se déconnecter",
        ]
    )
    assert header.bounding_box()["height"] <= ONE_ROW  # the menu drops over the page
    shot(page, "1280-open")
    fits(page, 1280)
    axe(page)
    page.keyboard.press("Escape")
    expect(sign_out).to_be_hidden()
    expect(account.locator("summary")).to_be_focused()
    page.keyboard.press("Enter")  # the keyboard opens it again
    expect(sign_out).to_be_visible()
    page.get_by_role("heading", level=1).click()  # a click elsewhere closes it
    expect(sign_out).to_be_hidden()


def test_signed_out_on_a_laptop_the_sign_in_and_join_links_keep_to_the_row(page, sections):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/fr/")
    main = page.get_by_role("navigation", name="Principal")
    account = page.get_by_role("navigation", name="Compte")
    row = [
        page.locator(".site-header__brand"),
        main.get_by_role("link", name="Répertoire"),
        main.get_by_text("Le réseau"),
        account.get_by_role("link", name="Se connecter"),
        account.get_by_role("link", name="Adhérer"),
        page.get_by_role("navigation", name="Langue").get_by_role("link", name="English"),
    ]
    assert max(middles(row)) - min(middles(row)) < 12
    fits(page, 1280)


def test_on_a_phone_the_menu_is_folded_from_the_first_paint_and_opens(page, sections, member, axe):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, member)
    page.add_init_script(LAYOUT_SHIFT)
    page.goto("/fr/")
    page.wait_for_timeout(500)  # the deferred script has run
    assert page.evaluate("window.__shift") < 0.01
    main = page.get_by_role("navigation", name="Principal")
    expect(main.get_by_role("link", name="Ressources")).to_be_hidden()
    shot(page, "390-closed")
    assert page.locator(".site-header").bounding_box()["height"] <= ONE_ROW
    fits(page, 390)
    axe(page)

    page.locator(".site-menu__toggle").click()
    expect(main.get_by_role("link", name="Ressources")).to_be_visible()
    expect(main.get_by_role("link", name="Nous joindre")).to_be_visible()  # listed, not folded
    page.get_by_text("Alex").click()
    expect(page.get_by_role("link", name="Mon espace")).to_be_visible()
    expect(page.get_by_role("link", name="Se déconnecter")).to_be_visible()
    shot(page, "390-open")
    fits(page, 390)
    axe(page)


def test_the_menus_work_without_javascript(
    browser, django_db_serialized_rollback, live_server, sections, member
):
    context = browser.new_context(
        base_url=live_server.url,
        locale="fr-CA",
        java_script_enabled=False,
        viewport={"width": 390, "height": 844},
    )
    page = context.new_page()
    try:
        sign_in(page, member)
        resources = page.get_by_role("navigation", name="Principal").get_by_role(
            "link", name="Ressources"
        )
        expect(resources).to_be_hidden()
        page.locator(".site-menu__toggle").click()
        expect(resources).to_be_visible()
        page.get_by_text("Alex").click()
        page.get_by_role("link", name="Se déconnecter").click()
        expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto("/fr/")
        expect(resources).to_be_visible()  # shown whole on a laptop, closed or not
    finally:
        context.close()
