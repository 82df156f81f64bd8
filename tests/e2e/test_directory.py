"""The directory in a real browser: filter the list, see the markers on the map."""

import re
from decimal import Decimal

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
    expect(page.locator(".map-cluster").first).to_have_text("2")  # a few metres apart: one badge

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


def test_on_a_phone_results_come_first_and_the_filters_fold(
    browser, django_db_serialized_rollback, live_server, home_pages, producer_factory, axe
):
    """At 390 px the filters wait behind their summary, the first result is on the first
    screen and the filters in use are chips that each remove one; at 1280 px the filters
    stand open beside the results, with no summary to click."""
    producer_factory("Ferme du Ruisseau", accepts_carte_proximite=True, open_to_gleaning=True)
    producer_factory("Verger des Collines", accepts_carte_proximite=True)
    context = browser.new_context(
        base_url=live_server.url, locale="fr-CA", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto("/fr/producteurs/?carte=on&gleaning=on")
    category = page.get_by_label("Catégorie")
    expect(category).to_be_hidden()
    first = page.get_by_role("heading", name="Ferme du Ruisseau")
    expect(first).to_be_in_viewport()
    summary = page.locator("summary", has_text="Filtres")
    expect(summary).to_contain_text("2 actifs")
    axe(page)
    page.get_by_role("link", name="Retirer le filtre Accepte le glanage").click()
    expect(page.locator(".result-count")).to_have_text(re.compile("2 entrées"))
    expect(page.locator(".chip")).to_have_count(1)
    summary.click()
    expect(category).to_be_visible()
    axe(page)
    context.close()

    context = browser.new_context(
        base_url=live_server.url, locale="fr-CA", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto("/fr/producteurs/?carte=on")
    expect(page.get_by_label("Catégorie")).to_be_visible()
    expect(page.locator("summary", has_text="Filtres")).to_be_hidden()
    expect(page.get_by_role("heading", name="Filtres")).to_be_visible()
    context.close()


def test_the_map_groups_nearby_markers_and_opens_them_on_a_click(
    page, home_pages, producer_factory, axe
):
    """Twelve farms in one borough make one numbered badge at the island's scale, named for
    screen readers; a click on it zooms in and opens it into smaller groups and farms."""
    for number in range(12):
        producer_factory(
            f"Ferme {number}",
            latitude=Decimal("45.460") + Decimal(number) / 400,
            longitude=Decimal("-73.570") - Decimal(number) / 400,
        )
    producer_factory("Verger du Nord", latitude=Decimal("45.70"), longitude=Decimal("-73.20"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.emulate_media(reduced_motion="reduce")  # no zoom animation to wait for
    page.goto("/fr/producteurs/")
    map_element = page.locator("[data-map]")
    expect(map_element).to_have_attribute("data-markers", "13")
    badge = page.locator(".map-cluster").first
    expect(badge).to_have_text("12")
    expect(badge).to_have_attribute("aria-label", "12 entrées ici\u00a0: zoomer pour les voir")
    axe(page)
    page.screenshot(path="/tmp/shots/map-clusters-390.png")  # noqa: S108
    badge.click()
    expect(page.locator(".map-cluster")).not_to_have_text(["12"])
    expect(page.get_by_role("button", name="12 entrées ici", exact=False)).to_have_count(0)
    expect(page.locator(".map-cluster, path.leaflet-interactive")).not_to_have_count(2)


def test_a_map_further_down_loads_leaflet_only_when_it_comes_near(page, producer_factory):
    """A producer's map below the window (a phone held sideways here; on the demo's
    producers it stands below their offers): nothing of Leaflet is fetched while the page
    loads, and the map is drawn once scrolled to."""
    producer = producer_factory(
        "Ferme du bout du rang", latitude=Decimal("45.46"), longitude=Decimal("-73.57")
    )
    page.set_viewport_size({"width": 390, "height": 400})
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(producer.get_absolute_url(), wait_until="networkidle")
    map_element = page.locator("[data-map]")
    assert map_element.bounding_box()["y"] > 400 + 100  # beyond the window and the margin
    assert not [url for url in fetched if "leaflet" in url and url.endswith(".js")]
    map_element.scroll_into_view_if_needed()
    expect(map_element).to_have_attribute("data-markers", "1")
    assert [url for url in fetched if "/leaflet/leaflet." in url]
