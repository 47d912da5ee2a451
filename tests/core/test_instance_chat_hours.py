"""The chat's hours have one source: the teams' schedules (chat.ChatHours), else RECOURS_CHAT_HOURS.
The instance settings keep no free-text hours of their own, which nothing showed and nothing read."""

from recours.core.models import InstanceSettings


def test_the_instance_settings_keep_no_chat_hours_of_their_own():
    assert "chat_hours" not in {field.name for field in InstanceSettings._meta.get_fields()}
