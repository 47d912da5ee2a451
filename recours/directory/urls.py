from django.urls import path

from recours.directory import views
from recours.directory.import_views import directory_export

app_name = "directory"

urlpatterns = [
    path("aide/", views.search, name="search"),
    path("annuaire/export/<slug:kind>.<slug:fmt>", directory_export, name="export"),
]
