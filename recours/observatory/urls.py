"""The observatory's console routes (unprefixed French); the public ones are in public_urls.py."""

from django.urls import path

from recours.observatory import views

app_name = "observatory"

urlpatterns = [
    path("console/observatoire/extraits/", views.review_list, name="reviews"),
    path("console/observatoire/conservation/", views.retention, name="retention"),
    path("console/observatoire/extraits/<int:review_id>/", views.review, name="review"),
]
