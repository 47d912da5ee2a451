"""The local plan report in the console, under /console/plan-local/."""

from django.urls import path

from recours.localplan import views

app_name = "localplan"

urlpatterns = [
    path("", views.index, name="index"),
    path("quartiers/", views.qpv_import, name="qpv"),
    path("<int:team_id>/<int:year>/", views.report, name="report"),
    path("<int:team_id>/<int:year>/rapport.csv", views.report_csv, name="report_csv"),
    path("<int:team_id>/<int:year>/rapport.parquet", views.report_parquet, name="report_parquet"),
    path("<int:team_id>/<int:year>/rapport.pdf", views.report_pdf, name="report_pdf"),
    path("dossiers/<str:reference>/qpv/", views.case_qpv, name="case_qpv"),
]
