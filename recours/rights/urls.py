from django.urls import path

from recours.rights import views

app_name = "rights"

urlpatterns = [
    path("droits/", views.rights_list, name="list"),
    path("droits/<slug:slug>/", views.rights_detail, name="detail"),
    # Easy-read (FALC) versions of the main public pages.
    path("facile/<slug:page>/", views.easy_read, name="easy"),
]
