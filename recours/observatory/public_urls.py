"""The public observatory (dashboard, yearly report, exports), under the language prefix.

The console's review routes stay in recours/observatory/urls.py (namespace "observatory").
"""

from django.urls import path

from recours.observatory import views

app_name = "observatory_public"

urlpatterns = [
    path("observatoire/", views.dashboard, name="dashboard"),
    path("observatoire/rapport/<int:year>/", views.yearly_report, name="report"),
    path("observatoire/export/fiches.<str:fmt>", views.export_records, name="export_records"),
    path("observatoire/export/<str:name>.<str:fmt>", views.export_table, name="export_table"),
]
