"""The referral file (saisine) to the Défenseur des droits, prepared from a case.

The adviser prepares it with the person: facts, dates, parties, steps already taken,
evidence, what the person asks, and the person's consent. It starts from what the case
already holds (narrative, qualification, steps the person reported, contact), is kept
encrypted (`ReferralFile.content`), and exports as a PDF to print or attach, and as JSON
(`recours.saisine/1`) for a system that takes it in. Nothing is exported without the
person's consent; every save, export and change of state is in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recours.casework.models import (
    Case, Period, Qualification, ReferralFile, ReferralStatus, RespondentKind, Status, StepTaken, Witnesses,
)
from recours.casework.selectors import case_criteria, case_domain
from recours.core.audit import audit_record

logger = logging.getLogger(__name__)

FORMAT = "recours.saisine/1"
DEFENDER_URL = "https://www.defenseurdesdroits.fr/saisir-le-defenseur-des-droits"

# Text fields of the file, in the order of the form and of the PDF.
PERSON_FIELDS = ("last_name", "first_name", "address", "postal_code", "city", "phone", "email")
RESPONDENT_FIELDS = ("name", "kind", "address")
TEXT_FIELDS = ("facts", "dates", "steps", "evidence", "requests")
# What must be there before the file is ready: the Défenseur needs to know who asks, about whom, and what happened.
REQUIRED_FOR_READY = {
    "person.last_name": gettext_lazy("Indiquez le nom de la personne : une saisine ne peut pas être anonyme."),
    "person.address": gettext_lazy("Indiquez une adresse où le Défenseur des droits pourra écrire à la personne."),
    "respondent.name": gettext_lazy("Indiquez qui est mis en cause (une entreprise, une administration, une personne)."),
    "facts": gettext_lazy("Exposez les faits."),
}


def _steps_text(case: Case) -> str:
    labels = dict(StepTaken.choices)
    lines = [f"- {labels.get(code, code)}" for code in case.steps_taken or () if code != StepTaken.NOTHING]
    detail = str((case.details or {}).get("steps_detail") or "").strip()
    return "\n".join([*lines, detail] if detail else lines)


def _facts_text(case: Case) -> str:
    """The narrative, then the consequences the person described."""
    consequences = str((case.details or {}).get("consequences") or "").strip()
    parts = [case.narrative or ""]
    if consequences:
        parts.append(_("Conséquences : %(text)s") % {"text": consequences})
    return "\n\n".join(part for part in parts if part)


def _evidence_lines(case: Case) -> list[str]:
    lines = [f"- {attachment.filename}" for attachment in case.attachments.filter(message__author="person")]
    lines += [f"- {attachment.filename}" for attachment in case.attachments.filter(message__isnull=True)]
    if (case.details or {}).get("witnesses") == Witnesses.YES:
        lines.append("- " + _("Témoignages : d'autres personnes ont vu ou entendu ce qui s'est passé"))
    return lines


def _dates_text(case: Case) -> str:
    if case.occurred_on:
        return _("Faits du %(date)s") % {"date": case.occurred_on.strftime("%d/%m/%Y")}
    if case.occurred_period:
        return str(dict(Period.choices).get(case.occurred_period, ""))
    return ""


def referral_draft_content(case: Case) -> dict:
    """A first draft from what the case holds; the adviser completes it with the person."""
    contact = case.contact or {}
    qualification = Qualification.objects.filter(case=case).first()
    return {
        "person": {
            "last_name": "", "first_name": contact.get("name", ""), "address": "",
            "postal_code": case.postal_code or "", "city": case.commune.name if case.commune_id else "",
            "phone": contact.get("phone", ""), "email": contact.get("email", ""),
        },
        "respondent": {
            "name": str((case.details or {}).get("respondent") or "").strip(),
            "kind": qualification.respondent_kind if qualification else "", "address": "",
        },
        "facts": _facts_text(case),
        "dates": _dates_text(case),
        "steps": _steps_text(case),
        "evidence": "\n".join(_evidence_lines(case)),
        "requests": "",
    }


def referral_get(case: Case) -> ReferralFile | None:
    return ReferralFile.objects.filter(case=case).first()


def referral_content(case: Case) -> dict:
    """The file's content, or a draft made from the case if none is saved yet."""
    referral = referral_get(case)
    return referral.content if referral and referral.content else referral_draft_content(case)


def _content_clean(content: dict) -> dict:
    person = content.get("person") or {}
    respondent = content.get("respondent") or {}
    clean = {
        "person": {key: str(person.get(key) or "").strip() for key in PERSON_FIELDS},
        "respondent": {key: str(respondent.get(key) or "").strip() for key in RESPONDENT_FIELDS},
        **{key: str(content.get(key) or "").strip() for key in TEXT_FIELDS},
    }
    if clean["respondent"]["kind"] and clean["respondent"]["kind"] not in RespondentKind.values:
        raise ValidationError({"respondent_kind": _("Choisissez un type de mis en cause de la liste.")})
    return clean


def _missing_for_ready(content: dict) -> dict:
    errors = {}
    for path, message in REQUIRED_FOR_READY.items():
        value = content
        for part in path.split("."):
            value = value.get(part, "") if isinstance(value, dict) else ""
        if not value:
            errors[path.replace(".", "_")] = message
    return errors


def _editable(case: Case) -> None:
    if case.status == Status.CLOSED:
        raise ValidationError(_("Ce dossier est clos : rouvrez-le pour modifier sa saisine."))


@transaction.atomic
def referral_save(*, case: Case, content: dict, actor, consent: bool = False, consent_how: str = "") -> ReferralFile:
    """Save the file as a draft. The person's consent is recorded (when and how), or withdrawn:
    a file without consent goes back to draft."""
    _editable(case)
    content = _content_clean(content)
    referral = ReferralFile.objects.select_for_update().filter(case=case).first() or ReferralFile(case=case)
    if consent and not (consent_how or "").strip():
        raise ValidationError({"consent_how": _("Dites comment l'accord a été recueilli (au téléphone, par écrit...).")})
    created = referral.pk is None
    referral.content = content
    referral.prepared_by = actor
    if consent:
        if referral.consent_at is None:
            referral.consent_at = timezone.now()
            audit_record(actor=actor, action="referral.consent", case=case)
        referral.consent_how = consent_how.strip()[:200]
    elif referral.consent_at is not None:
        referral.consent_at, referral.consent_how = None, ""
        referral.status = ReferralStatus.DRAFT
        audit_record(actor=actor, action="referral.consent_withdrawn", case=case)
    if referral.status == ReferralStatus.READY and _missing_for_ready(content):
        referral.status = ReferralStatus.DRAFT
    referral.save()
    audit_record(actor=actor, action="referral.save", case=case, created=created)
    return referral


@transaction.atomic
def referral_mark_ready(*, case: Case, actor) -> ReferralFile:
    """The file is complete and the person agreed: ready to send. The case's status follows."""
    from recours.casework.services import TRANSITIONS, case_status_set

    _editable(case)
    referral = ReferralFile.objects.select_for_update().filter(case=case).first()
    if referral is None:
        raise ValidationError(_("Enregistrez d'abord la saisine."))
    errors = _missing_for_ready(referral.content or {})
    if referral.consent_at is None:
        errors["consent"] = _("Recueillez l'accord de la personne avant de préparer l'envoi.")
    if errors:
        raise ValidationError(errors)
    referral.status = ReferralStatus.READY
    referral.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="referral.ready", case=case)
    if Status.REFERRAL_PREPARED in TRANSITIONS.get(case.status, set()):
        case_status_set(case=case, status=Status.REFERRAL_PREPARED, actor=actor)
    return referral


@transaction.atomic
def referral_mark_sent(*, case: Case, actor) -> ReferralFile:
    """The file went to the Défenseur des droits (by its online form, by post, by a délégué)."""
    referral = ReferralFile.objects.select_for_update().filter(case=case).first()
    if referral is None or referral.status != ReferralStatus.READY:
        raise ValidationError(_("Seule une saisine prête à transmettre peut être marquée transmise."))
    referral.status, referral.sent_at = ReferralStatus.SENT, timezone.now()
    referral.save(update_fields=["status", "sent_at", "updated_at"])
    audit_record(actor=actor, action="referral.sent", case=case)
    return referral


def _exportable(case: Case) -> ReferralFile:
    referral = referral_get(case)
    if referral is None or referral.consent_at is None:
        raise ValidationError(_("La saisine ne peut être exportée qu'avec l'accord de la personne."))
    return referral


def _document(case: Case, referral: ReferralFile) -> dict:
    """What both exports say, as plain values."""
    content = _content_clean(referral.content or {})
    criteria, domain = case_criteria(case), case_domain(case)
    return {
        "format": FORMAT,
        "reference": case.reference,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "status": referral.status,
        "person": content["person"],
        "respondent": {**content["respondent"],
                       "kind_label": str(dict(RespondentKind.choices).get(content["respondent"]["kind"], ""))},
        "grounds": [{"code": c.pk, "label": c.label, "legal_source": c.legal_source} for c in criteria],
        "domain": {"code": domain.pk, "label": domain.label} if domain else None,
        "facts": content["facts"],
        "dates": content["dates"],
        "steps_taken": content["steps"],
        "evidence": [line.lstrip("-• ").strip() for line in content["evidence"].splitlines() if line.strip()],
        "requests": content["requests"],
        "consent": {"given_at": referral.consent_at.isoformat(timespec="seconds"), "how": referral.consent_how},
        "prepared_by": (referral.prepared_by.get_full_name() or referral.prepared_by.get_username())
        if referral.prepared_by else "",
        "team": case.team.name if case.team_id else "",
    }


def _json_bytes(case: Case, referral: ReferralFile) -> bytes:
    return json.dumps(_document(case, referral), ensure_ascii=False, indent=2).encode()


def referral_json(*, case: Case, actor) -> bytes:
    referral = _exportable(case)
    body = _json_bytes(case, referral)
    audit_record(actor=actor, action="referral.export", case=case, format="json")
    return body


def pdf_url_fetcher():
    """WeasyPrint's fetcher for our documents: they are self-contained, so nothing is ever
    fetched (no file of the server, no address on the network); only inline data: URLs."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)


_pdf_lock = threading.Lock()  # one layout at a time: the warm-up and a request never overlap


def referral_pdf_html(document: dict, *, consent_at: dt.datetime) -> str:
    return render_to_string("casework/referral_pdf.html", {
        "doc": document, "generated": timezone.localtime(), "defender_url": DEFENDER_URL,
        "consent_at": timezone.localtime(consent_at),
    })


def pdf_write(html: str) -> bytes:
    from weasyprint import HTML

    with _pdf_lock:
        return HTML(string=html, url_fetcher=pdf_url_fetcher()).write_pdf()


def _pdf_bytes(case: Case, referral: ReferralFile) -> bytes:
    return pdf_write(referral_pdf_html(_document(case, referral), consent_at=referral.consent_at))


def referral_pdf(*, case: Case, actor) -> bytes:
    referral = _exportable(case)
    pdf = _pdf_bytes(case, referral)
    audit_record(actor=actor, action="referral.export", case=case, format="pdf")
    return pdf


OFFERABLE = (ReferralStatus.READY, ReferralStatus.SENT)


def referral_offer(*, case: Case, actor, followup_url: str):
    """Give the person her own referral file: a reply on her follow-up page carrying the PDF
    (to print, or to attach to the Défenseur des droits' online form) and the JSON.

    Only a file that is ready (or sent) and that she agreed to; a copy made now, so a later
    edit of the file does not change what she was given (offer it again after an edit).
    """
    from recours.casework.services import case_reply

    referral = referral_get(case)
    if referral is None or referral.status not in OFFERABLE or referral.consent_at is None:
        raise ValidationError(
            _("Seule une saisine prête à transmettre, avec l'accord de la personne, peut lui être remise.")
        )
    documents = [
        (referral_filename(case, "pdf"), "application/pdf", _pdf_bytes(case, referral)),
        (referral_filename(case, "json"), "application/json", _json_bytes(case, referral)),
    ]
    body = _(
        "Votre dossier de saisine du Défenseur des droits est prêt : vous pouvez le télécharger ci-dessous. "
        "Le PDF s'imprime ou se joint au formulaire en ligne du Défenseur des droits : %(url)s"
    ) % {"url": DEFENDER_URL}
    message = case_reply(case=case, body=body, actor=actor, followup_url=followup_url, documents=documents)
    audit_record(actor=actor, action="referral.offer", case=case, message=message.pk)
    return message


# A referral file with nothing of anybody in it, laid out once when a web process starts.
_WARM_UP_DOCUMENT = {
    "reference": "R0000000", "team": "", "person": {}, "respondent": {}, "grounds": [], "domain": None,
    "facts": "Échauffement.", "dates": "", "steps_taken": "", "evidence": [], "requests": "",
    "consent": {"given_at": "", "how": ""}, "prepared_by": "",
}


def pdf_warm_up() -> None:
    """Import WeasyPrint and lay out a referral file (fonts found, Pango and HarfBuzz loaded):
    in a fresh process the first PDF cost 1.2 s of import and 0.3 s of first layout
    (bench/referral_pdf.py, docs/performance.md); after this, the first real one costs what
    the next ones do."""
    pdf_write(referral_pdf_html(_WARM_UP_DOCUMENT, consent_at=timezone.now()))


def pdf_warm_up_in_background() -> threading.Thread | None:
    """Start pdf_warm_up in a daemon thread (the web process's start, recours/asgi.py), unless
    RECOURS_PDF_WARM_UP is off. A failure is logged, never raised: the first PDF is then slow."""
    from django.conf import settings

    if not settings.RECOURS_PDF_WARM_UP:
        return None

    def run():
        try:
            pdf_warm_up()
        except Exception:  # the warm-up only saves time; a request would meet the same error
            logger.warning("PDF warm-up failed", exc_info=True)

    thread = threading.Thread(target=run, name="pdf-warm-up", daemon=True)
    thread.start()
    return thread


def referral_filename(case: Case, extension: str) -> str:
    return f"saisine-{case.reference}-{dt.date.today():%Y%m%d}.{extension}"
