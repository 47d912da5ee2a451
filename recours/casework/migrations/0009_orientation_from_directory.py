"""Orientation moves from the directory to casework (issue 17.1), in the state only.

The table keeps its name (`directory_orientation`, created by directory 0001 and changed by
directory 0003): no row is copied, a fresh database and an existing one end alike.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import recours.core.fields


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0008_case_criteria_key'),
        ('directory', '0004_orientation_moves_to_casework'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Orientation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('sent', 'envoyée à la structure'), ('acknowledged', 'reçue par la structure'), ('accepted', 'acceptée par la structure'), ('declined', 'déclinée par la structure'), ('given', 'contact donné à la personne'), ('proposed', "transmission proposée, en attente de l'accord de la personne"), ('refused', 'transmission refusée par la personne')], max_length=20, verbose_name='état')),
                        ('handed_over', models.BooleanField(default=False, verbose_name='transmise à la structure')),
                        ('consent_at', models.DateTimeField(blank=True, null=True, verbose_name='accord de la personne le')),
                        ('consent_how', models.CharField(blank=True, choices=[('person', 'accord donné par la personne sur sa page de suivi'), ('oral', 'consentement recueilli oralement')], max_length=10, verbose_name='accord donné')),
                        ('refused_at', models.DateTimeField(blank=True, null=True, verbose_name='transmission refusée le')),
                        ('shared', models.JSONField(blank=True, default=list, verbose_name='informations transmises')),
                        ('handover', recours.core.fields.EncryptedJSONField(blank=True, default=dict, verbose_name='contenu transmis')),
                        ('message', recours.core.fields.EncryptedTextField(blank=True, default='', verbose_name='message à la structure')),
                        ('partner_comment', recours.core.fields.EncryptedTextField(blank=True, default='', verbose_name='réponse de la structure')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('expires_at', models.DateTimeField(blank=True, null=True, verbose_name="lien valable jusqu'au")),
                        ('acknowledged_at', models.DateTimeField(blank=True, null=True, verbose_name='reçue le')),
                        ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='réponse le')),
                        ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='orientations', to='casework.case')),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('service', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='orientations', to='directory.service')),
                    ],
                    options={
                        'verbose_name': 'orientation',
                        'verbose_name_plural': 'orientations',
                        'db_table': 'directory_orientation',
                        'ordering': ['created_at', 'id'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('handed_over', False), ('consent_at__isnull', False), _connector='OR'), name='orientation_handover_needs_consent')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
