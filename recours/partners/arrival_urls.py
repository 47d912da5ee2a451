from django.urls import path

from recours.partners import arrival_views

app_name = "partners_arrivals"

urlpatterns = [
    path("nouveau/", arrival_views.staff_arrival, name="new"),
    path("recu/", arrival_views.staff_receipt, name="receipt"),
]
