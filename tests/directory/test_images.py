"""A rendition is read from the database once, then from the "renditions" cache."""

import io

from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model

import pytest
from PIL import Image as PillowImage

from directory.images import rendition

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = io.BytesIO()
    PillowImage.new("RGB", (800, 600), "green").save(data, "JPEG")
    return get_image_model().objects.create(title="Champ", file=ImageFile(data, name="champ.jpg"))


def test_a_rendition_found_in_the_database_is_then_read_from_the_cache(photo):
    made = rendition(photo, "width-400")  # made, as {% image %} makes it
    get_image_model().get_rendition_model().cache_backend.clear()
    again = get_image_model().objects.get(pk=photo.pk)
    with CaptureQueriesContext(connection) as first:
        assert rendition(again, "width-400").url == made.url
    assert len(first.captured_queries) == 1  # the database
    later = get_image_model().objects.get(pk=photo.pk)
    with CaptureQueriesContext(connection) as second:
        found = rendition(later, "width-400")
    assert len(second.captured_queries) == 0
    assert (found.url, found.width) == (made.url, 400)
    assert found.image is later
