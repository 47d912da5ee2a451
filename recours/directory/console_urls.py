"""Orientation routes of the case file, under /console/dossiers/ (the casework prefix)."""

from django.urls import path

from recours.directory import console_views

app_name = "directory_console"

urlpatterns = [
    path("<str:reference>/orienter/", console_views.case_orient, name="orient"),
]
