"""The published local plan reports, under /plan-local/."""

from django.urls import path

from recours.localplan import views

app_name = "localplan_public"

urlpatterns = [
    path("", views.public_index, name="index"),
    path("<int:team_id>/<int:year>/", views.public_report, name="report"),
]
