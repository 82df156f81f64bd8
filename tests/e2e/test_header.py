"""The header as people see it: signed in on a laptop, the brand and an account menu on
one row and the sections on one row below (the demo's eight sections fill a 1280 px line
alone); on a phone, a menu folded from the first paint (no layout shift) that opens, with
or without JavaScript."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

# The demo's menu (cms.demo), the longest the site has: the directory and seven pages.
SECTIONS = [
    "À propos du réseau",
    "Devenir membre",
    "Nous joindre",
    "Ateliers et visites",
    "Ressources",
    "Financement",
    "La Carte proximité",
]
ONE_ROW = 72  # px: the 32 px logo, the padding and a line of links
TWO_ROWS = 112  # px: and a line of sections; signed in, it used to wrap into three (148 px)
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
def sections(page_factory, navigation):
    navigation(*[page_factory(title_fr=title)["fr"] for title in SECTIONS])


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


def top(locator):
    return round(locator.bounding_box()["y"])


def test_signed_in_on_a_laptop_the_sections_are_one_row_and_the_account_a_menu(
    page, sections, user_factory, axe
):
    editor = user_factory(first_name="Marie-Christine", groups=["Editors", "Moderators"])
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, editor)
    header = page.locator(".site-header")
    shot(page, "1280-closed")
    assert header.bounding_box()["height"] <= TWO_ROWS
    main = page.get_by_role("navigation", name="Principal")
    links = [main.get_by_role("link", name=title) for title in ["Répertoire", *SECTIONS]]
    for link in links:
        expect(link).to_be_visible()
    assert len({top(link) for link in links}) == 1  # one row of sections
    account = page.get_by_role("navigation", name="Compte")
    brand = page.locator(".site-header__brand")
    assert abs(top(account) - top(brand)) < 12 and top(links[0]) > top(brand)
    sign_out = account.get_by_role("link", name="Se déconnecter")
    expect(sign_out).to_be_hidden()
    fits(page, 1280)
    axe(page)

    menu = account.get_by_text("Marie-Christine")
    menu.click()
    expect(account.locator(".account-menu__links a")).to_have_text(
        [
            "Mon espace",
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
    assert header.bounding_box()["height"] <= TWO_ROWS  # the menu drops over the page
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
