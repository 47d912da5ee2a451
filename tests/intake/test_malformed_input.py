"""Malformed input on the public pages: a clear answer in French, never a 500, nothing half-written."""

from django.test import Client

from recours.casework.models import Attachment, Message
from recours.core.receipts import receipt_format
from recours.intake.forms import WhatForm
from recours.intake.followup_forms import MessageForm
from recours.intake.models import ReportDraft
from tests.intake.walk import page


def test_a_form_step_over_the_size_limit_is_a_413_page_in_french(db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    client = Client(raise_request_exception=False)
    response = client.post("/formulaire/", {"step": "what", "narrative": "x" * 3000})

    assert response.status_code == 413
    assert "trop volumineu" in page(response)
    assert not ReportDraft.objects.exists()


def test_a_follow_up_message_over_the_size_limit_is_a_413(make_case, settings):
    _case, receipt = make_case()
    client = Client(raise_request_exception=False)
    client.post("/suivi/", {"action": "login", "receipt": receipt_format(receipt)})
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    response = client.post("/suivi/", {"action": "message", "body": "x" * 3000})
    assert response.status_code == 413
    assert not Message.objects.exists()


def test_bytes_that_are_no_utf8_are_read_as_replacement_characters_not_a_500(db):
    client = Client(raise_request_exception=False)
    response = client.post(
        "/formulaire/", b"step=what&narrative=%ED%A0%80+un+texte+assez+long", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    assert ReportDraft.objects.get().data["narrative"] == "\ufffd\ufffd\ufffd un texte assez long"


def test_the_report_forms_refuse_a_lone_surrogate_in_any_text():
    form = WhatForm(data={"narrative": "Un récit \ud800 assez long", "respondent": "x"})
    assert not form.is_valid()
    assert form.errors["narrative"] == ["Ce texte contient un caractère invalide."]
    form = WhatForm(data={"narrative": "Un récit assez long", "respondent": "\udfff"})
    assert form.errors["respondent"] == ["Ce texte contient un caractère invalide."]


def test_the_message_form_refuses_a_lone_surrogate():
    form = MessageForm(data={"body": "Bonjour \ud83d"})
    assert not form.is_valid()
    assert form.errors["body"] == ["Ce texte contient un caractère invalide."]
