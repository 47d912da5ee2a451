from django.urls import path

from recours.accounts import views

app_name = "accounts"

urlpatterns = [
    path("connexion/", views.login_view, name="login"),
    path("connexion/application/", views.enrol_view, name="enrol"),
    path("deconnexion/", views.logout_view, name="logout"),
]
