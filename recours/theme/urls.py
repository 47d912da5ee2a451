from django.urls import path

from recours.theme import views

app_name = "theme"

urlpatterns = [
    path("", views.home, name="home"),
    path("mentions-legales/", views.notice, {"kind": "legal"}, name="legal"),
    path("donnees-personnelles/", views.notice, {"kind": "privacy"}, name="privacy"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("effacer-mes-traces/", views.safe_browsing, name="safe_browsing"),
    path("theme/instance.css", views.instance_css, name="instance_css"),
    path("theme/logo", views.logo, name="logo"),
    path("_composants/", views.gallery, name="gallery"),
]
