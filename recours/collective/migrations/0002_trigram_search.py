"""PostgreSQL only: pg_trgm, a GIN trigram index and a prefix index on the respondents' normalised names.

The as-you-type search (selectors._organisations_postgresql) reads names that start as typed
on the prefix index, else ranks names by word similarity (`%>`) on the trigram index. On SQLite both operations do nothing: the
portable search reads the plain b-tree index of 0001.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = "collective_resp_name_trgm"
PREFIX_INDEX = "collective_resp_name_prefix"


class PostgreSQLOnly(migrations.RunSQL):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("collective", "0001_initial")]

    operations = [
        TrigramExtension(),
        PostgreSQLOnly(
            sql=f"CREATE INDEX {INDEX} ON collective_respondent USING gin (name_normalised gin_trgm_ops)",
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        ),
        # LIKE 'typed%' whatever the database's collation: a range scan.
        PostgreSQLOnly(
            sql=f"CREATE INDEX {PREFIX_INDEX} ON collective_respondent (name_normalised varchar_pattern_ops)",
            reverse_sql=f"DROP INDEX IF EXISTS {PREFIX_INDEX}",
        ),
    ]
