"""Django's Paginator counts the rows, then reads a page of them: two queries. Most of our
lists fit on their first page, and a first page that is not full counts them itself."""

from django.core import paginator


class Paginator(paginator.Paginator):
    """Django's, that reads the first page in one query when it holds every row (one row
    more is read to know): otherwise as Django's, counted, without reading it again."""

    def get_page(self, number):
        if number not in (None, "", "1", 1) or self.orphans:
            return super().get_page(number)
        head = list(self.object_list[: self.per_page + 1])
        if len(head) <= self.per_page:
            self.count = len(head)  # Django's cached_property, known without a query
        return self._get_page(head[: self.per_page], 1, self)
