"""The coordinators' screens of the rights pages, under /console/droits/."""

from django.urls import path

from recours.rights import console_views as views

app_name = "rights_console"

urlpatterns = [
    path("", views.page_list, name="list"),
    path("<slug:slug>/", views.page_edit, name="edit"),
    path("<slug:slug>/versions/", views.page_versions, name="versions"),
]
