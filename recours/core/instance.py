"""The instance's settings (name, branding, contacts, legal texts), one row."""

from recours.core.models import InstanceSettings


def instance_get() -> InstanceSettings:
    """The settings row, created with defaults the first time."""
    instance, _ = InstanceSettings.objects.get_or_create(pk=1)
    return instance
