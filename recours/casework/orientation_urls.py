"""The partner's page of an orientation, public (no account: the signed link of its mail).

Its address stays `/orientation/<token>/`: links already mailed keep working.
"""

from django.urls import path

from recours.casework import orientation_views

app_name = "orientation"

urlpatterns = [
    path("orientation/<str:token>/", orientation_views.partner, name="partner"),
]
