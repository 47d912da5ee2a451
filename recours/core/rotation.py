"""Re-encrypt every encrypted field under the newest key (after adding a key).

Works on the raw column values, batch by batch, so attachments are never all
in memory and nothing is decrypted into Python objects on the way.
"""

from django.apps import apps
from django.db import connection, transaction

from recours.core import crypto
from recours.core.fields import ENCRYPTED_FIELD_TYPES


def encrypted_fields():
    """(model, [columns]) for every model holding encrypted fields."""
    for model in apps.get_models():
        columns = [f.column for f in model._meta.concrete_fields if isinstance(f, ENCRYPTED_FIELD_TYPES)]
        if columns:
            yield model, columns


def _rotate_raw(value):
    if value is None:
        return None
    if isinstance(value, str):
        return crypto.rotate_token(value.encode("ascii")).decode("ascii")
    return crypto.rotate_token(bytes(value))


def encryption_rotate(*, batch_size: int = 200) -> dict[str, int]:
    quote = connection.ops.quote_name
    counts = {}
    for model, columns in encrypted_fields():
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        selected = ", ".join(quote(c) for c in columns)
        assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
        pk_field = model._meta.pk
        pks = [
            pk_field.get_db_prep_value(value, connection)
            for value in model._base_manager.order_by("pk").values_list("pk", flat=True)
        ]
        for start in range(0, len(pks), batch_size):
            batch = pks[start : start + batch_size]
            with transaction.atomic(), connection.cursor() as cursor:
                placeholders = ", ".join(["%s"] * len(batch))
                cursor.execute(f"SELECT {pk}, {selected} FROM {table} WHERE {pk} IN ({placeholders})", batch)
                for row in cursor.fetchall():
                    cursor.execute(
                        f"UPDATE {table} SET {assignments} WHERE {pk} = %s", [*map(_rotate_raw, row[1:]), row[0]]
                    )
        counts[model._meta.label] = len(pks)
    return counts
