# The chat's hours have one source: the teams' schedules (chat.ChatHours), else
# RECOURS_CHAT_HOURS. The instance's free-text field was shown and edited nowhere.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0005_instancesettings_accessibility_audit_by_and_more'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='instancesettings',
            name='chat_hours',
        ),
    ]
