from django.urls import path

from recours.partners import console_views

app_name = "partners_console"

urlpatterns = [
    path("", console_views.partner_list, name="list"),
]
