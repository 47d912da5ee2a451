from django.urls import path

from recours.intake import views

app_name = "intake"

urlpatterns = [
    path("formulaire/", views.report, name="report"),
    path("suivi/", views.followup, name="followup"),
    path("suivi/fichier/<int:attachment_id>/", views.followup_attachment, name="followup_attachment"),
    path("sortie/", views.quick_exit, name="quick_exit"),
]
