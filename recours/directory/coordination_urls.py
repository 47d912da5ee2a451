"""The coordinators' screens of the directory, under /console/annuaire/."""

from django.urls import path

from recours.directory import coordination_views as views
from recours.directory.import_views import directory_import_view

app_name = "directory_coordination"

urlpatterns = [
    path("", views.entry_list, name="list"),
    path("nouvelle/", views.entry_create, name="create"),
    path("import/", directory_import_view, name="import"),
    path("<int:pk>/", views.entry_edit, name="edit"),
    path("<int:pk>/verifier/", views.entry_verify, name="verify"),
    path("<int:pk>/retirer/", views.entry_retire, name="retire"),
    path("<int:pk>/retablir/", views.entry_restore, name="restore"),
]
