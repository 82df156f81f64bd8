"""Site search: public, published pages in the visitor's language."""


def test_search_finds_pages_in_the_current_language(client, page_factory):
    page_factory(title_fr="Carottes de Saint-Rémi", title_en="Carrots from Saint-Rémi")
    french = client.get("/fr/recherche/", {"q": "carottes"})
    english = client.get("/en/search/", {"q": "carrots"})
    assert french.status_code == 200
    assert "Carottes de Saint-Rémi" in french.content.decode()
    assert "Carrots from Saint-Rémi" not in french.content.decode()
    assert "Carrots from Saint-Rémi" in english.content.decode()


def test_search_finds_pages_whether_a_word_is_typed_singular_or_plural(client, page_factory):
    """Carotte and carottes find the same pages, as they find the same producers."""
    page_factory(title_fr="Carottes de Saint-Rémi", title_en="Carrots from Saint-Rémi")
    page_factory(title_fr="Une carotte par jour", title_en="A carrot a day")
    page_factory(title_fr="Pommes de Rigaud", title_en="Apples from Rigaud")
    for query in ("carotte", "carottes", "Carottes Saint-Rémi"):
        html = client.get("/fr/recherche/", {"q": query}).content.decode()
        assert "Carottes de Saint-Rémi" in html, query
        assert "Pommes de Rigaud" not in html, query
    for query in ("carotte", "carottes"):
        html = client.get("/fr/recherche/", {"q": query}).content.decode()
        assert "Une carotte par jour" in html, query
    english = client.get("/en/search/", {"q": "carrot"}).content.decode()
    assert "Carrots from Saint-Rémi" in english and "A carrot a day" in english


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


def test_search_finds_producers_and_products_whatever_the_accents_and_plural(
    client, home_pages, producer_factory, product_factory, offer_factory
):
    carrot = product_factory(name_fr="Carotte", name_en="Carrot")
    offer_factory(producer=producer_factory(name="Ferme Lebeau"), product=carrot)
    offer_factory(producer=producer_factory(name="Jardins Éloïse"), product=carrot)
    producer_factory(name="Verger du Mont")
    for query in ("carottes", "Carotte", "CAROTTES", "carotte"):
        html = client.get("/fr/recherche/", {"q": query}).content.decode()
        assert "Ferme Lebeau" in html, query
        assert "Jardins Éloïse" in html, query
        assert "Verger du Mont" not in html, query
        assert ">Producteurs</h2>" in html
        assert ">Produits</h2>" in html
        assert "3 résultats" in html
    english = client.get("/en/search/", {"q": "carrots"}).content.decode()
    assert ">Producers</h2>" in english
    assert ">Carrot</a>" in english
    assert "Ferme Lebeau" in english


def test_search_groups_pages_in_the_visitors_words_and_leaves_out_home_and_indexes(
    client, events_index, event_factory, library, resource_factory
):
    event_factory(title="Visite du verger de pommes")
    resource_factory("Guide des pommes")
    home_pages = events_index.get_parent()
    home_pages.title = "Accueil pommes"
    home_pages.save_revision().publish()
    events_index.title = "Ateliers pommes"
    events_index.save_revision().publish()
    html = client.get("/fr/recherche/", {"q": "pommes"}).content.decode()
    assert ">Événements</h2>" in html
    assert ">Ressources</h2>" in html
    assert "Visite du verger de pommes" in html
    assert "Accueil pommes" not in html
    assert "Ateliers pommes" not in html
    assert "Pages d" not in html
    assert "Index" not in html


def test_search_links_on_to_the_directory_when_more_producers_match(
    client, home_pages, producer_factory
):
    for number in range(7):
        producer_factory(name=f"Fromagerie {number}")
    html = client.get("/fr/recherche/", {"q": "fromagerie"}).content.decode()
    assert html.count("Fromagerie ") == 5
    assert "/fr/repertoire/?q=fromagerie" in html or "?q=fromagerie" in html


def test_search_query_count_does_not_grow_with_results(
    client,
    page_factory,
    producer_factory,
    product_factory,
    offer_factory,
    django_assert_max_num_queries,
):
    def add(count):
        for number in range(count):
            product = product_factory(name_fr=f"Carotte {number}")
            offer_factory(
                producer=producer_factory(name=f"Ferme carotte {number}"), product=product
            )
            page_factory(title_fr=f"Carottes {number}")

    add(2)
    with django_assert_max_num_queries(40) as few:
        client.get("/fr/recherche/", {"q": "carotte"})
    add(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/fr/recherche/", {"q": "carotte"})


def test_the_home_page_and_the_search_page_share_one_search_box(client, home_pages):
    """One search box, drawn by one template: the search page's keeps the query."""
    home = client.get("/fr/")
    search = client.get("/fr/recherche/", {"q": "pommes"})
    for response in (home, search):
        assert "_search_form.html" in [template.name for template in response.templates]
    assert 'id="search-q" type="search" name="q" value="pommes"' in search.content.decode()
    assert 'placeholder="carottes' in home.content.decode()
