from django.urls import path

from recours.casework import advice_views, call_views, library_views, orientation_views, referral_views, views

app_name = "casework"

urlpatterns = [
    path("", views.queue, name="queue"),
    # Fixed words first: a case reference is 8 characters of Crockford base32, never these.
    path("appel/", call_views.call_new, name="call_new"),
    path("lot/", views.queue_bulk, name="bulk"),
    path("avis/", advice_views.advice_list, name="advice_list"),
    path("avis/<int:pk>/", advice_views.advice_detail, name="advice_detail"),
    path("reponses-types/", library_views.template_list, name="templates"),
    path("reponses-types/nouvelle/", library_views.template_create, name="template_create"),
    path("reponses-types/<int:pk>/", library_views.template_edit, name="template_edit"),
    path("reponses-types/cle/<slug:key>/", library_views.template_by_key, name="template_by_key"),
    path("<str:reference>/", views.case_file, name="case"),
    path("<str:reference>/repondre/", views.case_reply, name="reply"),
    path("<str:reference>/reponses-types/", views.case_templates, name="case_templates"),
    path("<str:reference>/note/", views.case_note, name="note"),
    path("<str:reference>/partenaire/", views.case_partner_message, name="partner_message"),
    path("<str:reference>/statut/", views.case_status, name="status"),
    path("<str:reference>/qualifier/", views.case_qualify, name="qualify"),
    path("<str:reference>/clore/", views.case_close, name="close"),
    path("<str:reference>/rouvrir/", views.case_reopen, name="reopen"),
    path("<str:reference>/transferer/", views.case_transfer, name="transfer"),
    path("<str:reference>/demander-avis/", views.case_advice_ask, name="advice_ask"),
    path("<str:reference>/attribuer/", views.case_assign, name="assign"),
    path("<str:reference>/courriels/<int:mail_id>/renvoyer/", views.case_mail_resend, name="mail_resend"),
    path("<str:reference>/appels/", call_views.case_call, name="call"),
    path("<str:reference>/rappels/prevoir/", call_views.callback_plan, name="callback_plan"),
    path("<str:reference>/rappels/<int:callback_id>/annuler/", call_views.callback_cancel, name="callback_cancel"),
    path("<str:reference>/saisine/", referral_views.referral_edit, name="referral"),
    path("<str:reference>/saisine/pdf/", referral_views.referral_pdf, name="referral_pdf"),
    path("<str:reference>/saisine/json/", referral_views.referral_json, name="referral_json"),
    path("<str:reference>/pieces/<int:attachment_id>/", views.case_attachment, name="attachment"),
    path("<str:reference>/orienter/", orientation_views.case_orient, name="orient"),
]
