"""The orientation step of a case: the person pointed to services of the directory and, with her
consent, handed over to them.

Casework owns it (issue 17.1): the orientation belongs to the case, moves the case, and is read
back by the case file, the follow-up page and the recap mail. The directory only answers the
search (`recours.directory.selectors.directory_search`) and holds the services; it knows no case.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recours.casework.models import Case, ConsentHow, Orientation, OrientationStatus
from recours.casework.selectors import case_criteria, case_domain, orientations_for_case  # noqa: F401  (re-exported)
from recours.casework.services import case_consents_on_followup, case_mark_oriented
from recours.core.audit import audit_record
from recours.core.mail import mail_enqueue

# The salt of the partners' signed links. It keeps the name it had when the directory held
# orientations: links already mailed stay valid.
ORIENTATION_SALT = "recours.directory.orientation"
SHAREABLE = ("grounds", "place", "narrative", "contact")


def shareable_choices() -> list[tuple[str, str]]:
    return [
        ("grounds", gettext_lazy("les motifs et le domaine")),
        ("place", gettext_lazy("la commune")),
        ("narrative", gettext_lazy("le récit de la personne")),
        ("contact", gettext_lazy("ses coordonnées, pour que la structure la contacte")),
    ]


def orientation_token(orientation: Orientation) -> str:
    return signing.dumps(orientation.pk, salt=ORIENTATION_SALT, compress=True)


def orientation_from_token(token: str) -> Orientation | None:
    """The orientation a partner's link points to, or None (forged, expired or the case purged)."""
    try:
        pk = signing.loads(token, salt=ORIENTATION_SALT, max_age=settings.RECOURS_ORIENTATION_LINK_DAYS * 86400)
    except signing.BadSignature:
        return None
    orientation = Orientation.objects.select_related("service", "service__structure", "case__team").filter(
        pk=pk, handed_over=True
    ).first()
    if orientation is None or (orientation.expires_at and orientation.expires_at < timezone.now()):
        return None
    return orientation


def _handover_content(*, case: Case, shared: list[str], message: str) -> dict:
    content: dict = {"team": case.team.name if case.team_id else "", "message": message}
    if "grounds" in shared:
        domain = case_domain(case)
        content["grounds"] = [c.label for c in case_criteria(case)]
        content["domain"] = domain.label if domain else ""
    if "place" in shared:
        content["place"] = " ".join(p for p in (case.postal_code, case.commune.name if case.commune_id else "") if p)
    if "narrative" in shared:
        content["narrative"] = case.narrative
    if "contact" in shared:
        content["contact"] = {k: v for k, v in (case.contact or {}).items() if k in ("name", "email", "phone", "best_time") and v}
    return content


def _partner_address(service) -> str:
    return service.courriel_orientation or service.courriel or service.structure.courriel


@transaction.atomic
def orientation_record(
    *, case: Case, services: list, actor, hand_over: bool = False, consent: bool = False, shared: list[str] = (),
    message: str = "", link_for=None,
) -> list[Orientation]:
    """Record that the person was oriented to `services`; with `hand_over`, the information the
    person agrees to share goes to each one, through a mail holding a signed, expiring link.

    Who agrees depends on the channel (`casework.services.case_consents_on_followup`): a person
    who reads her follow-up page (form, chat, API) confirms the hand-over there herself, so the
    adviser only proposes it (status PROPOSED: nothing reaches the partner before she says yes,
    `orientation_person_answer`); on a phone case the adviser's tick is her oral consent
    (`consent`, recorded as ConsentHow.ORAL) and the hand-over goes at once.

    `link_for(token)` makes the absolute address of the partner's page (the view knows the host).
    """
    if not services:
        raise ValidationError({"services": _("Choisissez au moins un service.")})
    shared = [s for s in shared if s in SHAREABLE]
    message = (message or "").strip()
    person_confirms = hand_over and case_consents_on_followup(case)
    if hand_over:
        errors = {}
        if not consent and not person_confirms:
            errors["consent"] = _("Sans l'accord de la personne, rien n'est transmis : cochez son accord, ou donnez-lui seulement le contact.")
        if not shared and not message:
            errors["shared"] = _("Choisissez ce qui sera transmis, ou écrivez un message à la structure.")
        missing = [s.nom for s in services if not _partner_address(s)]
        if missing:
            errors["services"] = _("Ces services n'ont pas d'adresse pour recevoir une orientation : %(names)s. Donnez-en le contact à la personne.") % {"names": ", ".join(missing)}
        if errors:
            raise ValidationError(errors)
    content = _handover_content(case=case, shared=shared, message=message) if hand_over else {}
    made = []
    for service in services:
        if person_confirms:
            orientation = Orientation.objects.create(
                case=case, service=service, created_by=actor, status=OrientationStatus.PROPOSED,
                shared=shared, handover=content, message=message,
            )
            audit_record(
                actor=actor, action="orientation.propose", case=case, orientation=orientation.pk, service=service.pk,
                shared=shared,
            )
        else:
            orientation = Orientation.objects.create(
                case=case, service=service, created_by=actor, status=OrientationStatus.GIVEN,
                shared=shared if hand_over else [], handover=content, message=message if hand_over else "",
            )
            audit_record(
                actor=actor, action="orientation.record", case=case, orientation=orientation.pk, service=service.pk,
                handed_over=hand_over, shared=shared if hand_over else [],
                **({"consent": ConsentHow.ORAL} if hand_over else {}),
            )
            if hand_over:
                _handover_send(orientation=orientation, consent_how=ConsentHow.ORAL, link_for=link_for)
        made.append(orientation)
    case_mark_oriented(case=case, actor=actor)
    return made


def _handover_send(*, orientation: Orientation, consent_how: str, link_for=None) -> None:
    """The hand-over itself, once the person agreed: the orientation is marked sent with her
    consent (when and how), and the partner gets a mail holding only the signed link."""
    now = timezone.now()
    case, service = orientation.case, orientation.service
    orientation.handed_over, orientation.status = True, OrientationStatus.SENT
    orientation.consent_at, orientation.consent_how = now, consent_how
    orientation.expires_at = now + dt.timedelta(days=settings.RECOURS_ORIENTATION_LINK_DAYS)
    orientation.save(update_fields=["handed_over", "status", "consent_at", "consent_how", "expires_at"])
    link = link_for(orientation_token(orientation)) if link_for else orientation_token(orientation)
    mail_enqueue(
        to=_partner_address(service),
        subject=_("Une personne vous est orientée"),
        body=_(
            "Bonjour,\n\n%(team)s vous oriente une personne, avec son accord, pour « %(service)s ».\n\n"
            "Ce qu'elle a accepté de vous transmettre se lit à cette adresse, valable jusqu'au %(until)s :\n"
            "%(link)s\n\nSur cette page, vous pouvez accuser réception, accepter ou décliner l'orientation. "
            "Ce lien est personnel : ne le transférez pas.\n"
        ) % {
            "team": case.team.name if case.team_id else _("Une équipe"), "service": service.nom,
            "until": timezone.localtime(orientation.expires_at).strftime("%d/%m/%Y"), "link": link,
        },
        kind="orientation", case=case,
    )


def case_handover_answer(*, case: Case, orientation_id: int, accept: bool, link_for=None) -> Orientation:
    """The person's yes or no to a hand-over proposed on her case (from her follow-up page).

    The orientation is looked up among this case's own: another receipt's session can neither
    read nor answer it (ValidationError, the page shows nothing of it).
    """
    orientation = Orientation.objects.filter(pk=orientation_id, case=case, status=OrientationStatus.PROPOSED).first()
    if orientation is None:
        raise ValidationError(_("Cette proposition n'existe pas ou a déjà reçu votre réponse."))
    return orientation_person_answer(orientation=orientation, accept=accept, link_for=link_for)


@transaction.atomic
def orientation_person_answer(*, orientation: Orientation, accept: bool, link_for=None) -> Orientation:
    """The person's answer, on her follow-up page, to a proposed hand-over.

    Yes: the hand-over goes (ConsentHow.PERSON). No: nothing is sent, and the copy of what
    would have been shared is erased; the service stays a contact she was given. Callers
    look the orientation up among the person's own case (`case_handover_answer`).
    """
    orientation = Orientation.objects.select_for_update(of=("self",)).select_related(
        "case__team", "service__structure"
    ).get(pk=orientation.pk)
    if orientation.status != OrientationStatus.PROPOSED:
        raise ValidationError(_("Vous avez déjà répondu à cette proposition."))
    if accept:
        _handover_send(orientation=orientation, consent_how=ConsentHow.PERSON, link_for=link_for)
        audit_record(actor=None, action="orientation.consent", case=orientation.case_id, orientation=orientation.pk,
                     consent=ConsentHow.PERSON, shared=orientation.shared)
    else:
        orientation.status, orientation.refused_at = OrientationStatus.REFUSED, timezone.now()
        orientation.handover, orientation.message, orientation.shared = {}, "", []
        orientation.save(update_fields=["status", "refused_at", "handover", "message", "shared"])
        audit_record(actor=None, action="orientation.refuse", case=orientation.case_id, orientation=orientation.pk)
    return orientation


@transaction.atomic
def orientation_acknowledge(*, orientation: Orientation, actor=None) -> Orientation:
    """The structure says it received the hand-over (its signed link, or a member of its partner space)."""
    if orientation.acknowledged_at is None:
        orientation.acknowledged_at = timezone.now()
        if orientation.status == OrientationStatus.SENT:
            orientation.status = OrientationStatus.ACKNOWLEDGED
        orientation.save(update_fields=["acknowledged_at", "status"])
        audit_record(actor=actor, action="orientation.acknowledge", case=orientation.case_id, orientation=orientation.pk)
    return orientation


# The states a structure answers from, and the one it marks "help given" from.
ANSWERABLE = (OrientationStatus.SENT, OrientationStatus.ACKNOWLEDGED, OrientationStatus.ACCEPTED, OrientationStatus.DECLINED)


@transaction.atomic
def orientation_answer(
    *, orientation: Orientation, accept: bool, comment: str = "", actor=None, reason_required: bool = False,
) -> Orientation:
    """The partner accepts or declines; its comment reaches the team, never the person.

    `reason_required`: the partner space asks a reason for a decline (the signed link keeps it
    optional, as it always was)."""
    comment = (comment or "").strip()[:2000]
    if orientation.status not in ANSWERABLE:
        raise ValidationError(_("Cette orientation n'attend plus de réponse."))
    if not accept and reason_required and not comment:
        raise ValidationError({"comment": _("Dites en quelques mots pourquoi vous déclinez : l'équipe pourra orienter la personne ailleurs.")})
    now = timezone.now()
    orientation.acknowledged_at = orientation.acknowledged_at or now
    orientation.answered_at = now
    orientation.status = OrientationStatus.ACCEPTED if accept else OrientationStatus.DECLINED
    orientation.partner_comment = comment
    orientation.save(update_fields=["acknowledged_at", "answered_at", "status", "partner_comment"])
    audit_record(
        actor=actor, action="orientation.answer", case=orientation.case_id, orientation=orientation.pk,
        accepted=accept,
    )
    return orientation


@transaction.atomic
def orientation_mark_helped(*, orientation: Orientation, actor=None, comment: str = "") -> Orientation:
    """The structure met the person and gave its help: the last state of an accepted hand-over."""
    orientation = Orientation.objects.select_for_update(of=("self",)).get(pk=orientation.pk)
    if orientation.status != OrientationStatus.ACCEPTED:
        raise ValidationError(_("Acceptez d'abord l'orientation, puis indiquez que l'aide a été apportée."))
    orientation.status, orientation.helped_at = OrientationStatus.HELPED, timezone.now()
    comment = (comment or "").strip()[:2000]
    fields = ["status", "helped_at"]
    if comment:
        orientation.partner_comment = comment
        fields.append("partner_comment")
    orientation.save(update_fields=fields)
    audit_record(actor=actor, action="orientation.helped", case=orientation.case_id, orientation=orientation.pk)
    return orientation


def handovers_remind(*, now: dt.datetime | None = None) -> int:
    """Remind structures of hand-overs that wait for an answer for too long
    (RECOURS_HANDOVER_REMIND_DAYS without being answered, then again after as long); returns
    how many reminders went. The mail holds no content of the case: only where to answer."""
    now = now or timezone.now()
    wait = dt.timedelta(days=settings.RECOURS_HANDOVER_REMIND_DAYS)
    due = Orientation.objects.filter(
        handed_over=True, status__in=(OrientationStatus.SENT, OrientationStatus.ACKNOWLEDGED),
        consent_at__lte=now - wait,
    ).filter(models.Q(reminded_at__isnull=True) | models.Q(reminded_at__lte=now - wait)).filter(
        models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
    ).select_related("service__structure", "case__team")
    sent = 0
    for orientation in due:
        with transaction.atomic():
            if not Orientation.objects.filter(pk=orientation.pk, reminded_at=orientation.reminded_at).update(reminded_at=now):
                continue  # another runner took it
            mail_enqueue(
                to=_partner_address(orientation.service),
                subject=_("Rappel : une orientation attend votre réponse"),
                body=_(
                    "Bonjour,\n\nLe %(date)s, %(team)s vous a orienté une personne pour « %(service)s ». "
                    "Elle attend votre réponse.\n\nRépondez depuis votre espace partenaire, ou par le lien "
                    "de notre premier courriel (valable jusqu'au %(until)s).\n"
                ) % {
                    "date": timezone.localtime(orientation.consent_at).strftime("%d/%m/%Y"),
                    "team": orientation.case.team.name if orientation.case.team_id else _("une équipe"),
                    "service": orientation.service.nom,
                    "until": timezone.localtime(orientation.expires_at).strftime("%d/%m/%Y") if orientation.expires_at else "—",
                },
                kind="orientation.remind", case=orientation.case,
            )
            audit_record(actor=None, action="orientation.remind", case=orientation.case_id, orientation=orientation.pk)
        sent += 1
    return sent
