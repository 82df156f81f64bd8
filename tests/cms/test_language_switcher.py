"""The language switcher keeps the visitor on the same page in the other language."""

import re


def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav)


def test_switcher_links_to_the_translation_of_the_current_page(client, page_factory):
    pages = page_factory(title_fr="À propos", title_en="About")
    french = client.get(pages["fr"].url).content.decode()
    english = client.get(pages["en"].url).content.decode()
    assert switcher_links(french) == [(pages["en"].url, "en")]
    assert switcher_links(english) == [(pages["fr"].url, "fr")]


def test_switcher_stays_on_a_page_without_translation_and_says_so(client, page_factory):
    page = page_factory(title_fr="Seulement en français")["fr"]
    html = client.get(page.url).content.decode()
    assert switcher_links(html) == [(f"{page.url}?untranslated=en", "en")]
    assert "not available in English" not in html

    switched = client.get(f"{page.url}?untranslated=en")
    html = switched.content.decode()
    assert switched.status_code == 200
    assert "<h1>Seulement en français</h1>" in html
    assert (
        '<p class="notice" lang="en" role="status">This page is not available in English yet.'
        in html
    )
    assert '<a href="/en/" hreflang="en">Go to the home page</a>' in html


def test_untranslated_notice_ignores_other_values(client, page_factory):
    page = page_factory(title_fr="Seulement en français")["fr"]
    for value in ("fr", "de", "<script>"):
        html = client.get(page.url, {"untranslated": value}).content.decode()
        assert 'class="notice" lang=' not in html


def test_switcher_keeps_the_view_and_its_query_on_other_pages(client, home_pages):
    html = client.get("/fr/recherche/?q=carottes").content.decode()
    assert switcher_links(html) == [("/en/search/?q=carottes", "en")]


def test_switcher_names_each_language_in_that_language(client, home_pages):
    """Named in full (shown on phones, read by screen readers), its code shown on laptops."""
    french = client.get("/fr/").content.decode()
    assert (
        'lang="en"><span class="language-switcher__code" aria-hidden="true">EN</span>'
        '<span class="language-switcher__name">English</span></a>'
    ) in french
    english = client.get("/en/").content.decode()
    assert '<span class="language-switcher__name">Français</span></a>' in english


def test_switcher_links_stay_on_the_site_for_odd_paths(client, home_pages):
    response = client.get("/fr//evil.example/")
    for url, _language in switcher_links(response.content.decode()):
        assert url.startswith("/") and not url.startswith("//")


def test_switcher_links_to_a_translation_published_since_the_last_request(
    client, page_factory, locales
):
    page = page_factory(title_fr="Nos partenaires")["fr"]
    assert switcher_links(client.get(page.url).content.decode()) == [
        (f"{page.url}?untranslated=en", "en")
    ]
    english = page.copy_for_translation(locales["en"])
    english.title = "Our partners"
    english.save_revision().publish()
    english.refresh_from_db()
    assert switcher_links(client.get(page.url).content.decode()) == [(english.url, "en")]
