from django.urls import path

from recours.console import views

app_name = "console"

urlpatterns = [
    path("", views.home, name="home"),
    path("disponibilite/", views.availability, name="availability"),
    path("notifications/", views.notifications_poll, name="notifications"),
    path("filtres/", views.filter_save, name="filter_save"),
    path("filtres/<int:pk>/renommer/", views.filter_rename, name="filter_rename"),
    path("filtres/<int:pk>/supprimer/", views.filter_delete, name="filter_delete"),
]
