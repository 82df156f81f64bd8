"""Site search: public, published pages in the visitor's language."""


def test_search_finds_pages_in_the_current_language(client, page_factory):
    page_factory(title_fr="Carottes de Saint-Rémi", title_en="Carrots from Saint-Rémi")
    french = client.get("/fr/recherche/", {"q": "carottes"})
    english = client.get("/en/search/", {"q": "carrots"})
    assert french.status_code == 200
    assert "Carottes de Saint-Rémi" in french.content.decode()
    assert "Carrots from Saint-Rémi" not in french.content.decode()
    assert "Carrots from Saint-Rémi" in english.content.decode()


def test_search_leaves_out_drafts_and_members_only_pages(client, page_factory, make_private):
    page_factory(title_fr="Pommes publiques")
    page_factory(title_fr="Pommes en brouillon", live=False)
    private = page_factory(title_fr="Pommes des membres")["fr"]
    make_private(private)
    html = client.get("/fr/recherche/", {"q": "pommes"}).content.decode()
    assert "Pommes publiques" in html
    assert "Pommes en brouillon" not in html
    assert "Pommes des membres" not in html


def test_search_without_results_says_so(client, home_pages):
    html = client.get("/en/search/", {"q": "rutabaga"}).content.decode()
    assert "0 results for “rutabaga”" in html
    assert "Try other words" in html


def test_search_form_is_shown_without_a_query(client, home_pages):
    response = client.get("/fr/recherche/")
    assert response.status_code == 200
    assert response.context["results"] is None


def test_search_escapes_the_query(client, home_pages):
    html = client.get("/en/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_search_pages_beyond_the_last_give_the_last_page(client, page_factory):
    for number in range(12):
        page_factory(title_fr=f"Marché {number}")
    response = client.get("/fr/recherche/", {"q": "marché", "page": "99"})
    assert response.status_code == 200
    assert response.context["results"].number == 2
    assert (
        client.get("/fr/recherche/", {"q": "marché", "page": "abc"}).context["results"].number == 1
    )
