"""Every way a report arrives: a letter, an email, a person at a desk.

Staff (in the console) and partner members (in their space) record such a report as a case
with its channel, attach the letter or email (as a PDF or an image, checked like every file),
and give the person her receipt the way she came: a mail holding only the code and where to
use it, or a printed card. The report is checked by the public form's own step forms
(`intake.services.report_clean` on ARRIVAL_FORMS): one set of rules for every channel.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recours.casework.models import Case, Channel
from recours.casework.services import attachment_create, case_create_from_report, receipt_issue
from recours.core.audit import audit_record
from recours.core.instance import instance_get
from recours.core.mail import mail_enqueue
from recours.core.receipts import receipt_format
from recours.intake import forms as step_forms
from recours.intake import services as intake
from recours.partners.models import ContactWay, Partner, PartnerReport

ARRIVAL_CHANNELS = (Channel.LETTER, Channel.EMAIL, Channel.IN_PERSON)
# The public form's steps that a letter, an email or a desk visit answer (no files step: the
# letter itself is attached; no consent step: the person wrote or came to report).
ARRIVAL_FORMS = (
    step_forms.RoleForm, step_forms.WhatForm, step_forms.WhereForm, step_forms.WhenForm, step_forms.GroundsForm,
    step_forms.DomainForm, step_forms.StepsTakenForm, step_forms.ContactForm,
)
RECEIPT_BY_MAIL = "mail"
RECEIPT_BY_CARD = "card"


def arrival_forms(data=None) -> list:
    """The step forms, bound to `data` (a POST) or empty, for one page."""
    if data is None:
        return [form_class() for form_class in ARRIVAL_FORMS]
    forms = [form_class(data=data) for form_class in ARRIVAL_FORMS]
    for form in forms:
        form.is_valid()
    return forms


def _receipt_mail_enqueue(*, case: Case, code: str, email: str, followup_url: str) -> None:
    """The receipt by mail: the code and where to use it, nothing of what the person reported."""
    name = instance_get().name
    mail_enqueue(
        to=email,
        subject=_("%(name)s : votre code de suivi") % {"name": name},
        body=_(
            "Bonjour,\n\nNous avons bien reçu votre signalement.\n\nVotre code de suivi : %(code)s\n\n"
            "Avec ce code, vous pouvez lire nos réponses et nous écrire sur cette page :\n%(url)s\n\n"
            "Gardez ce code : il ne sera plus envoyé. Ce courriel est envoyé automatiquement : n'y répondez pas.\n%(name)s"
        ) % {"code": receipt_format(code), "url": followup_url, "name": name},
        kind="case.receipt", case=case,
    )


def arrival_record(
    *, data, channel: str, actor, receipt_by: str, followup_url: str, document: tuple[str, bytes] | None = None,
    partner: Partner | None = None, share_with_partner: bool = False,
) -> tuple[Case, str]:
    """Record a report that came by letter, email or in person; returns the case and its receipt.

    Raises intake.services.ReportInvalid (errors by field) or ValidationError."""
    if channel not in ARRIVAL_CHANNELS:
        raise ValidationError({"channel": _("Choisissez comment le signalement est arrivé.")})
    report = intake.report_clean(data, form_classes=ARRIVAL_FORMS)
    email = (report.contact or {}).get("email", "")
    if receipt_by == RECEIPT_BY_MAIL and not email:
        raise ValidationError({"receipt_by": _("Pour envoyer le code par courriel, indiquez l'adresse de la personne dans ses coordonnées.")})
    if receipt_by not in (RECEIPT_BY_MAIL, RECEIPT_BY_CARD):
        raise ValidationError({"receipt_by": _("Choisissez comment remettre son code à la personne.")})
    attachment_ids: tuple[int, ...] = ()
    receipt = receipt_issue()
    with transaction.atomic():
        if document is not None:
            if len(document[1]) > settings.RECOURS_ATTACHMENT_MAX_BYTES:
                raise ValidationError({"document": _("Le document est trop volumineux.")})
            try:
                attachment_ids = (attachment_create(name=document[0], data=document[1]).pk,)
            except ValidationError as exc:
                raise ValidationError({"document": exc.messages}) from exc
        from dataclasses import replace

        case, code = case_create_from_report(
            report=replace(report, attachment_ids=attachment_ids), channel=channel, receipt=receipt,
            filed_by_structure=partner.structure if partner else None,
        )
        if partner is not None:
            PartnerReport.objects.create(
                case=case, partner=partner, filed_by=actor, person_present=channel == Channel.IN_PERSON,
                share_with_partner=share_with_partner, contact_way=ContactWay.DIRECT, consent_at=timezone.now(),
            )
        audit_record(actor=actor, action="case.arrival", case=case, channel=channel, receipt_by=receipt_by,
                     partner=partner.pk if partner else None, attachments=list(attachment_ids))
        if receipt_by == RECEIPT_BY_MAIL:
            _receipt_mail_enqueue(case=case, code=code, email=email, followup_url=followup_url)
    return case, code
