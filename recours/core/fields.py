"""Model fields whose values are encrypted in the database.

The Python value is clear; the stored value is a Fernet token. Such fields
cannot be filtered on or indexed: keep in clear only what queues and statistics
need (criteria, domain, commune, dates, status).
"""

import json

from django.db import models

from recours.core import crypto


class EncryptedTextField(models.TextField):
    description = "Text encrypted at rest"

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        return crypto.encrypt_str(value)

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return crypto.decrypt_str(value)


class EncryptedJSONField(models.TextField):
    """A JSON document (dict, list...) stored encrypted as a whole."""

    description = "JSON encrypted at rest"

    def get_prep_value(self, value):
        if value is None:
            return None
        return crypto.encrypt_str(json.dumps(value, ensure_ascii=False, separators=(",", ":")))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return json.loads(crypto.decrypt_str(value))

    def to_python(self, value):
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj))


class EncryptedBinaryField(models.BinaryField):
    description = "Bytes encrypted at rest"

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        return super().get_db_prep_value(crypto.encrypt_bytes(bytes(value)), connection, prepared)

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return crypto.decrypt_bytes(bytes(value))


ENCRYPTED_FIELD_TYPES = (EncryptedTextField, EncryptedJSONField, EncryptedBinaryField)
