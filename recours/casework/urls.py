from django.urls import path

from recours.casework import views

app_name = "casework"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<str:reference>/", views.case_file, name="case"),
    path("<str:reference>/repondre/", views.case_reply, name="reply"),
    path("<str:reference>/note/", views.case_note, name="note"),
    path("<str:reference>/statut/", views.case_status, name="status"),
    path("<str:reference>/attribuer/", views.case_assign, name="assign"),
    path("<str:reference>/pieces/<int:attachment_id>/", views.case_attachment, name="attachment"),
]
