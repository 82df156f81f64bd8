"""sitemap.xml and robots.txt for search engines."""

import xml.etree.ElementTree as ET

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "https://salim.example:8443"  # settings.test's WAGTAILADMIN_BASE_URL


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.findall("sm:url/sm:loc", NS)]


def test_sitemap_lists_public_pages_in_both_languages(client, page_factory):
    pages = page_factory(title_fr="À propos", title_en="About")
    locations = sitemap_locations(client)
    assert f"{SITE}/fr/" in locations
    assert f"{SITE}/en/" in locations
    assert SITE + pages["fr"].url in locations
    assert SITE + pages["en"].url in locations
    assert all(location.startswith(f"{SITE}/") for location in locations)


def test_sitemap_leaves_out_drafts_and_members_only_pages(client, page_factory, make_private):
    draft = page_factory(title_fr="Brouillon", live=False)["fr"]
    private = page_factory(title_fr="Réservé")["fr"]
    make_private(private)
    locations = sitemap_locations(client)
    assert SITE + private.url not in locations
    assert not any(draft.slug in location for location in locations)


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_areas(
    client, home_pages
):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {SITE}/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /fr/comptes/connexion/" in text or "Disallow: /fr/comptes/login/" in text
