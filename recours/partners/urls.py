from django.urls import path

from recours.partners import arrival_views, quick_views, views

app_name = "partners"

urlpatterns = [
    path("", views.home, name="home"),
    path("connexion/", views.login, name="login"),
    path("deconnexion/", views.logout, name="logout"),
    path("invitation/<str:token>/", views.join, name="join"),
    path("membres/", views.members, name="members"),
    path("signaler/", views.report_start, name="report_start"),
    path("signaler/etapes/", views.report_steps, name="report_steps"),
    path("terrain/", quick_views.quick, name="quick"),
    path("signalements/nouveau/", arrival_views.partner_arrival, name="arrival"),
    path("signalements/recu/", arrival_views.partner_receipt, name="arrival_receipt"),
    path("api/", views.api_keys, name="api_keys"),
    path("dossiers/", views.cases, name="cases"),
    path("dossiers/<str:reference>/", views.case_detail, name="case"),
    path("orientations/", views.inbox, name="inbox"),
    path("orientations/<int:pk>/", views.orientation_detail, name="orientation"),
]
