"""The map's GeoJSON: valid, filtered like the list, cached, escaped, compressed."""

import gzip
import json
import zoneinfo
from datetime import datetime

from django.core.cache import cache

from directory.signals import VERSION_KEY, data_version

GEOJSON = "/fr/producteurs/carte.geojson"
MONTREAL = zoneinfo.ZoneInfo("America/Montreal")


def features(response):
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    return data["features"]


def test_geojson_is_valid_and_holds_located_entries(client, home_pages, producer_factory):
    farm = producer_factory("Ferme A", city="Saint-Rémi")
    producer_factory("Sans coordonnées", latitude=None, longitude=None)
    response = client.get(GEOJSON)
    assert response["Content-Type"] == "application/geo+json"
    [feature] = features(response)
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {
        "type": "Point",
        "coordinates": [float(farm.longitude), float(farm.latitude)],
    }
    assert feature["properties"] == {
        "name": "Ferme A",
        "kind": "ferme",
        "city": "Saint-Rémi",
        "url": farm.get_absolute_url(),
    }


def test_geojson_honours_the_list_filters(client, home_pages, producer_factory):
    producer_factory("Avec carte", accepts_carte_proximite=True)
    producer_factory("Sans carte")
    names = [f["properties"]["name"] for f in features(client.get(GEOJSON, {"carte": "1"}))]
    assert names == ["Avec carte"]


def test_geojson_is_cached_until_the_directory_changes(
    client, home_pages, producer_factory, django_assert_num_queries
):
    producer_factory("Ferme A")
    client.get(GEOJSON)
    with django_assert_num_queries(0):
        cached = client.get(GEOJSON)
    assert len(features(cached)) == 1
    producer_factory("Ferme B")
    assert len(features(client.get(GEOJSON))) == 2


def test_the_maps_in_season_moves_with_the_month_though_cached(
    client, home_pages, producer_factory, offer_factory, product_factory, time_machine
):
    """ "In season" with no month is this month: a map cached at 23:55 on 31 May in
    Montréal does not still show May's producers a few minutes later, in June."""
    time_machine.move_to(datetime(2026, 5, 31, 23, 55, tzinfo=MONTREAL), tick=False)
    offer_factory(
        producer=producer_factory("Fraisière"), product=product_factory("Fraise"), months=[6]
    )
    assert features(client.get(GEOJSON, {"in_season": "1"})) == []
    time_machine.move_to(datetime(2026, 6, 1, 0, 5, tzinfo=MONTREAL), tick=False)
    [feature] = features(client.get(GEOJSON, {"in_season": "1"}))
    assert feature["properties"]["name"] == "Fraisière"


def test_geojson_keeps_names_as_data(client, home_pages, producer_factory):
    producer_factory('<img src=x onerror="alert(1)">')
    [feature] = features(client.get(GEOJSON))
    assert feature["properties"]["name"] == '<img src=x onerror="alert(1)">'


def test_geojson_is_compressed_for_browsers_that_accept_it(client, home_pages, producer_factory):
    for number in range(30):
        producer_factory(f"Ferme {number}")
    response = client.get(GEOJSON, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert len(json.loads(gzip.decompress(response.content))["features"]) == 30


def test_the_version_moves_with_verifications_and_certifications(
    client, editor, producer_factory, certification_factory
):
    """What the list filters on, changed by an update() (a verification) or on a record
    of its own (a certification), moves the version; lost from a full cache, it starts
    again from a number not used before."""
    seen = [data_version()]
    farm = producer_factory("Ferme A")
    label = certification_factory(is_organic=False)
    seen.append(data_version())
    label.is_organic = True
    label.save()
    seen.append(data_version())
    client.force_login(editor)
    client.post(f"/admin/directory/verify/{farm.pk}/")
    seen.append(data_version())
    cache.delete(VERSION_KEY)  # culled
    seen.append(data_version())
    assert len(set(seen)) == len(seen)
