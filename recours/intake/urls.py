from django.urls import path

from recours.intake import local_views, views

app_name = "intake"

urlpatterns = [
    path("formulaire/", views.report, name="report"),
    path("suivi/", views.followup, name="followup"),
    path("suivi/fichier/<int:attachment_id>/", views.followup_attachment, name="followup_attachment"),
    path("sortie/", views.quick_exit, name="quick_exit"),
    path("l/<slug:slug>/", local_views.entry_home, name="local_entry"),
    path("l/<slug:slug>/couleurs.css", local_views.entry_css, name="local_entry_css"),
    path("l/<slug:slug>/logo", local_views.entry_logo, name="local_entry_logo"),
]
