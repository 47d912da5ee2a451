from django.urls import path

from recours.directory import views

app_name = "directory"

urlpatterns = [
    path("aide/", views.search, name="search"),
]
