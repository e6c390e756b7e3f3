"""``field__one_of=[…]``: membership in a long list of values, rendered for each backend.

The import asks "which of these 10,000 employee ids (e-mail addresses, usernames) are
known?" several times per chunk. ``__in`` writes one placeholder per value, and on
PostgreSQL psycopg then rewrites a query of 10,000 placeholders in Python, which costs
more than the query. On PostgreSQL this lookup sends the list as one array parameter
(``= ANY(%s)``); elsewhere it is ``IN (…)``. One query in the importer, two renderings.

Text needs no conversion on its way into a text column, so a list of plain strings for
one is passed on as it is: preparing 10,000 values one by one through the field (twice:
``get_prep_value``, then ``get_db_prep_value``) cost more than the query itself.
"""

from django.db.models import Field
from django.db.models.lookups import In

_TEXT_FIELDS = {"CharField", "EmailField", "TextField", "SlugField"}


@Field.register_lookup
class OneOf(In):
    lookup_name = "one_of"

    def _plain_text(self) -> bool:
        field = getattr(self.lhs, "output_field", None)
        return (
            field is not None
            and field.get_internal_type() in _TEXT_FIELDS
            and isinstance(self.rhs, list | tuple | set)
            and all(type(value) is str for value in self.rhs)
        )

    def get_prep_lookup(self):
        if self._plain_text():
            return list(self.rhs)
        return super().get_prep_lookup()

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if self._plain_text():
            values = self.rhs
        else:
            field = self.lhs.output_field
            values = [field.get_db_prep_value(value, connection) for value in self.rhs]
        return f"{lhs} = ANY(%s)", (*lhs_params, values)
