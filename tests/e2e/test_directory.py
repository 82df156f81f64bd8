"""The directory in a real browser: filter the list, see the markers on the map."""

import re

from playwright.sync_api import expect


def test_visitor_filters_the_list_and_sees_the_markers(
    page, home_pages, producer_factory, area_factory, axe
):
    verdun = area_factory("Verdun")
    producer_factory(
        "Ferme qui livre à Verdun", delivery_areas=[verdun], accepts_carte_proximite=True
    )
    producer_factory("Verger du Nord", accepts_carte_proximite=True)
    producer_factory("Ferme sans carte")
    page.goto("/fr/producteurs/")
    expect(page.locator(".result-count")).to_have_text(re.compile("3 entrées"))
    map_element = page.locator("[data-map]")
    expect(map_element).to_have_attribute("data-markers", "3")

    page.get_by_label("Accepte la Carte proximité").check()
    page.get_by_role("button", name="Afficher les résultats").click()
    expect(page).to_have_url(re.compile(r"carte=on"))
    expect(page.locator(".result-count")).to_have_text(re.compile("2 entrées"))
    expect(map_element).to_have_attribute("data-markers", "2")
    expect(page.locator(".leaflet-interactive")).to_have_count(2)

    page.get_by_label("Livre dans mon arrondissement").select_option(label="Verdun")
    page.get_by_role("button", name="Afficher les résultats").click()
    expect(page.get_by_role("heading", name="Ferme qui livre à Verdun")).to_be_visible()
    expect(page.locator(".leaflet-interactive")).to_have_count(1)
    page.locator(".leaflet-interactive").click()
    expect(page.locator(".leaflet-popup-content a")).to_have_text("Ferme qui livre à Verdun")
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")  # faded in
    axe(page)

    page.go_back()
    expect(page.locator(".result-count")).to_have_text(re.compile("2 entrées"))
