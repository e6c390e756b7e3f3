"""``field__one_of=[…]``: membership in a long list of values, rendered for each backend.

The import asks "which of these 10,000 employee ids (e-mail addresses, usernames) are
known?" several times per chunk. ``__in`` writes one placeholder per value, and on
PostgreSQL psycopg then rewrites a query of 10,000 placeholders in Python, which costs
more than the query. On PostgreSQL this lookup sends the list as one array parameter
(``= ANY(%s)``); elsewhere it is ``IN (…)``. One query in the importer, two renderings.
"""

from django.db.models import Field
from django.db.models.lookups import In


@Field.register_lookup
class OneOf(In):
    lookup_name = "one_of"

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [self.lhs.output_field.get_db_prep_value(v, connection) for v in self.rhs]
        return f"{lhs} = ANY(%s)", (*lhs_params, values)
