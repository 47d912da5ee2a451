from django.urls import path

from recours.directory import console_views, views

app_name = "directory"

urlpatterns = [
    path("aide/", views.search, name="search"),
    path("orientation/<str:token>/", console_views.partner, name="partner"),
]
