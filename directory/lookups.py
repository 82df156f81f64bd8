"""A number too large for any database integer (a tampered id such as
99999999999999999999) matches nothing. Django already answers so for an integer field's
exact and range lookups, but its `in` lookup and the lookups through a relation (a
record chosen in a form, a foreign key or many-to-many filter in an admin list) pass the
number on, and SQLite, which cannot bind it, raised OverflowError: a server error.
PostgreSQL compares it and finds nothing, which these lookups now do on both."""

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In

# The widest integer a column of ours holds: 64 bits, signed.
SMALLEST, LARGEST = -(2**63), 2**63 - 1


def fits(value):
    return not isinstance(value, int) or SMALLEST <= value <= LARGEST


class NumbersTooLargeMatchNothing:
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            if isinstance(self, In):
                self.rhs = [value for value in self.rhs if fits(value)]  # [] matches nothing
            elif not fits(self.rhs):
                raise EmptyResultSet
        return super().process_rhs(compiler, connection)


class IntegerIn(NumbersTooLargeMatchNothing, In):
    pass


class RelatedExactFitting(NumbersTooLargeMatchNothing, RelatedExact):
    pass


class RelatedInFitting(NumbersTooLargeMatchNothing, RelatedIn):
    pass


def register():
    IntegerField.register_lookup(IntegerIn)
    ForeignObject.register_lookup(RelatedExactFitting)
    ForeignObject.register_lookup(RelatedInFitting)
