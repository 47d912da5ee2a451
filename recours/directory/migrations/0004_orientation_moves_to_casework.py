"""Orientation moves to casework (issue 17.1): it leaves the directory's state only.

The table `directory_orientation` and its rows stay where they are; casework's
0009_orientation_from_directory takes the model over with `db_table` set to it.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0003_orientation_person_consent'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Orientation')],
            database_operations=[],
        ),
    ]
