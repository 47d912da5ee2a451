import uuid

from django.db import models

from recours.core.fields import EncryptedJSONField


class ReportDraft(models.Model):
    """A report being written, saved at every step (encrypted), so nothing typed is lost.

    Its id sits in the person's session; it is deleted when the report is sent,
    on quick exit, and when it has been left untouched for a day.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data = EncryptedJSONField(default=dict)
    current_step = models.CharField(max_length=20, default="role")
    valid_steps = models.JSONField(default=list)
    return_to_summary = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
