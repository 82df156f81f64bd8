from django.contrib.auth.models import Group

import pytest

from cms.pagination import Paginator


@pytest.mark.django_db
def test_a_first_page_that_holds_every_row_is_read_in_one_query(django_assert_num_queries):
    Group.objects.bulk_create([Group(name=f"Groupe {number}") for number in range(3)])
    with django_assert_num_queries(1):
        page = Paginator(
            Group.objects.filter(name__startswith="Groupe").order_by("name"), 3
        ).get_page(None)
        assert [group.name for group in page] == ["Groupe 0", "Groupe 1", "Groupe 2"]
        assert page.paginator.count == 3 and not page.has_next()


@pytest.mark.django_db
def test_a_full_first_page_is_counted_as_django_counts_it(django_assert_num_queries):
    Group.objects.bulk_create([Group(name=f"Groupe {number}") for number in range(5)])
    groups = Group.objects.filter(name__startswith="Groupe").order_by("name")
    with django_assert_num_queries(2):
        page = Paginator(groups, 2).get_page("1")
        assert [group.name for group in page] == ["Groupe 0", "Groupe 1"]
        assert page.paginator.count == 5 and page.paginator.num_pages == 3
    later = Paginator(groups, 2).get_page("3")
    assert [group.name for group in later] == ["Groupe 4"] and later.number == 3
    assert Paginator(groups, 2).get_page("nope").number == 1
