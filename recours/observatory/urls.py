from django.urls import path

from recours.observatory import views

app_name = "observatory"

urlpatterns = [
    path("observatoire/", views.dashboard, name="dashboard"),
    path("observatoire/rapport/<int:year>/", views.yearly_report, name="report"),
    path("observatoire/export/fiches.<str:fmt>", views.export_records, name="export_records"),
    path("observatoire/export/<str:name>.<str:fmt>", views.export_table, name="export_table"),
    path("console/observatoire/extraits/", views.review_list, name="reviews"),
    path("console/observatoire/conservation/", views.retention, name="retention"),
    path("console/observatoire/extraits/<int:review_id>/", views.review, name="review"),
]
