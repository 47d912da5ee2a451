from django.contrib import admin
from django.urls import include, path

from recours.api.api import api

admin.site.site_header = "recours — administration"
admin.site.site_title = "recours"

urlpatterns = [
    path("", include("recours.theme.urls")),
    path("", include("recours.intake.urls")),
    path("", include("recours.observatory.urls")),
    path("", include("recours.chat.urls")),
    path("", include("recours.directory.urls")),
    path("api/v1/", api.urls),
    path("console/dossiers/", include("recours.casework.urls")),
    path("console/dossiers/", include("recours.directory.console_urls")),
    path("console/annuaire/", include("recours.directory.coordination_urls")),
    path("console/", include("recours.accounts.urls")),
    path("gestion/admin/", admin.site.urls),
]
