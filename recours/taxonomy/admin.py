from django.contrib import admin

from recours.core.admin_base import ReferenceDataAdmin
from recours.taxonomy.models import Criterion, Domain, PlainGround, RelatedSituation, ReporterRole, SituationType


class ReadOnlyAdmin(ReferenceDataAdmin):
    list_display = ("code", "label", "active")


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyAdmin):
    list_display = ("code", "label", "legal_source", "is_penal", "active")


for model in (PlainGround, RelatedSituation, Domain, SituationType, ReporterRole):
    admin.site.register(model, ReadOnlyAdmin)
