"""Directory pages issue a fixed number of queries whatever the amount of data."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

LIST_QUERY_LIMIT = 15


def count_queries(client, url, params=None):
    client.get(url, params)  # warm per-process caches (site, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def fill(producer_factory, offer_factory, product_factory, area, count):
    products = [product_factory() for _ in range(3)]
    for _ in range(count):
        producer = producer_factory(delivery_areas=[area], accepts_carte_proximite=True)
        for product in products:
            offer_factory(producer=producer, product=product)


@pytest.mark.parametrize(
    "params",
    [
        None,
        {"carte": "1", "group": "producer"},
        {"q": "ferme"},
        {"in_season": "1", "sort": "verified"},
    ],
)
def test_list_queries_do_not_grow_with_the_data(
    client, home_pages, producer_factory, offer_factory, product_factory, area_factory, params
):
    area = area_factory("Verdun")
    fill(producer_factory, offer_factory, product_factory, area, 3)
    small = count_queries(client, "/fr/producteurs/", params)
    fill(producer_factory, offer_factory, product_factory, area, 40)
    large = count_queries(client, "/fr/producteurs/", params)
    assert small == large
    assert large <= LIST_QUERY_LIMIT


def test_producer_and_product_pages_queries_do_not_grow(
    client, home_pages, producer_factory, offer_factory, product_factory
):
    carrot = product_factory("Carotte")
    farm = producer_factory()
    offer_factory(producer=farm, product=carrot)
    producer_small = count_queries(client, farm.get_absolute_url())
    product_small = count_queries(client, carrot.get_absolute_url())
    for _ in range(10):
        offer_factory(producer=farm)
        offer_factory(product=carrot)
    assert count_queries(client, farm.get_absolute_url()) == producer_small
    assert count_queries(client, carrot.get_absolute_url()) == product_small


def count_without_cache(client, url):
    """Queries of a view with an empty cache: the site's default cache is the database,
    where each rendition looked up one by one would cost a query."""
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_photos_add_no_query_per_picture(client, home_pages, producer_factory, photo_factory):
    """Cards and the producer page fetch photos, images and their renditions at once."""
    farm = producer_factory()
    photo_factory(farm)
    list_small = count_without_cache(client, "/fr/producteurs/")
    page_small = count_without_cache(client, farm.get_absolute_url())
    for _ in range(4):
        photo_factory(producer_factory())
        photo_factory(farm)
    assert count_without_cache(client, "/fr/producteurs/") == list_small
    assert count_without_cache(client, farm.get_absolute_url()) == page_small
