"""The collective treatment in the console, under /console/collectif/."""

from django.urls import path

from recours.collective import views

app_name = "collective"

urlpatterns = [
    path("", views.files, name="files"),
    path("mis-en-cause/", views.respondent_report, name="respondents"),
    path("dossiers/<str:reference>/mis-en-cause/", views.case_respondents, name="case_respondents"),
    path("dossiers/<str:reference>/mis-en-cause/lier/", views.case_respondent_link, name="case_link"),
    path("dossiers/<str:reference>/mis-en-cause/creer/", views.case_respondent_create, name="case_create"),
    path("dossiers/<str:reference>/mis-en-cause/<int:pk>/retirer/", views.case_respondent_unlink, name="case_unlink"),
    path("dossiers-collectifs/nouveau/", views.file_create, name="file_create"),
    path("dossiers-collectifs/<int:pk>/", views.file_detail, name="file"),
    path("dossiers-collectifs/<int:pk>/actions/", views.file_action, name="file_action"),
    path("dossiers-collectifs/<int:pk>/dossiers/", views.file_add_case, name="file_add_case"),
    path("dossiers-collectifs/<int:pk>/documents/<int:document_id>/", views.file_document, name="file_document"),
    path("campagnes/nouvelle/", views.campaign_create, name="campaign_create"),
    path("campagnes/<int:pk>/", views.campaign_detail, name="campaign"),
    path("campagnes/<int:pk>/tests/", views.campaign_test, name="campaign_test"),
    path("campagnes/<int:pk>/campagne.csv", views.campaign_csv, name="campaign_csv"),
    path("campagnes/<int:pk>/campagne.pdf", views.campaign_pdf, name="campaign_pdf"),
]
