"""Writes of the collective treatment. Keyword-only, atomic, French ValidationErrors, audited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from recours.accounts.selectors import teams_managed_by
from recours.casework.attachments import attachment_check, safe_filename
from recours.casework.selectors import cases_visible_to
from recours.collective.models import (
    ActionDocument,
    ActionKind,
    Campaign,
    CampaignTest,
    CaseRespondent,
    CollectiveAction,
    CollectiveFile,
    CollectiveFileCase,
    Nature,
    Respondent,
)
from recours.collective.names import name_normalise, siret_clean, siret_valid
from recours.core.audit import audit_record


def _visible_case(case, actor):
    if not cases_visible_to(actor).filter(pk=case.pk).exists():
        raise ValidationError(_("Ce dossier n'est pas accessible."))


@transaction.atomic
def respondent_create(*, nature: str, kind: str, name: str, commune=None, siret: str = "", actor, case) -> Respondent:
    """Create a respondent from a case the actor sees, and link it to the case."""
    _visible_case(case, actor)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Indiquez le nom du mis en cause.")})
    siret = siret_clean(siret)
    if siret and nature == Nature.INDIVIDUAL:
        raise ValidationError({"siret": _("Un particulier n'a pas de numéro SIREN ou SIRET.")})
    if siret and not siret_valid(siret):
        raise ValidationError({"siret": _("Ce numéro n'est pas un SIREN (9 chiffres) ou un SIRET (14 chiffres) valide.")})
    if nature == Nature.INDIVIDUAL:
        respondent = Respondent.objects.create(nature=nature, kind=kind, private_name=name, commune=commune, created_by=actor)
    else:
        respondent = Respondent.objects.create(
            nature=nature, kind=kind, name=name, name_normalised=name_normalise(name), commune=commune, siret=siret,
            created_by=actor,
        )
    audit_record(actor=actor, action="respondent.create", case=case, respondent=respondent.pk, nature=nature)
    respondent_link(respondent=respondent, case=case, actor=actor)
    return respondent


@transaction.atomic
def respondent_link(*, respondent: Respondent, case, actor) -> CaseRespondent:
    _visible_case(case, actor)
    link, created = CaseRespondent.objects.get_or_create(case=case, respondent=respondent, defaults={"linked_by": actor})
    Respondent.objects.filter(pk=respondent.pk).update(last_linked_at=timezone.now())
    if created:
        audit_record(actor=actor, action="respondent.link", case=case, respondent=respondent.pk)
    return link


@transaction.atomic
def respondent_unlink(*, respondent: Respondent, case, actor) -> None:
    """Remove the link; an individual named by no other case goes (personal data kept for nothing)."""
    _visible_case(case, actor)
    deleted, _rows = CaseRespondent.objects.filter(case=case, respondent=respondent).delete()
    if not deleted:
        return
    audit_record(actor=actor, action="respondent.unlink", case=case, respondent=respondent.pk)
    if respondent.is_individual and not respondent.links.exists():
        respondent.delete()


def respondents_expire(*, now=None) -> int:
    """Delete the respondents that nothing keeps any more: named by no case, no collective file
    and no campaign test, and last named more than RECOURS_RESPONDENT_RETENTION_MONTHS ago
    (organisations outlive their cases for collective treatment, not for ever; an individual
    left without a case — which the purge and the unlink already prevent — goes at once)."""
    now = now or timezone.now()
    limit = now - dt.timedelta(days=round(settings.RECOURS_RESPONDENT_RETENTION_MONTHS * 30.44))
    unused = Respondent.objects.filter(links__isnull=True, collective_files__isnull=True, tests__isnull=True)
    old = Q(last_linked_at__lt=limit) | Q(last_linked_at__isnull=True, created_at__lt=limit)
    expired = unused.filter(old | Q(nature=Nature.INDIVIDUAL))
    deleted, _rows = Respondent.objects.filter(pk__in=list(expired.values_list("pk", flat=True))).delete()
    return deleted


# --- Collective files ------------------------------------------------------------------------


def _managed_team(team, actor):
    if team is None or not teams_managed_by(actor).filter(pk=team.pk).exists():
        raise ValidationError({"team": _("Vous ne coordonnez pas cette équipe.")})


def _cases_of_team(case_ids, team, actor):
    cases = list(cases_visible_to(actor).filter(pk__in=case_ids, team=team))
    if len(cases) != len(set(case_ids)):
        raise ValidationError({"cases": _("Seuls les dossiers de l'équipe du dossier collectif peuvent y être ajoutés.")})
    return cases


@transaction.atomic
def collective_file_create(*, team, title: str, practice: str = "", case_ids=(), respondent_ids=(), actor) -> CollectiveFile:
    _managed_team(team, actor)
    if not title.strip():
        raise ValidationError({"title": _("Donnez un intitulé au dossier collectif.")})
    cases = _cases_of_team(list(case_ids), team, actor)
    file = CollectiveFile.objects.create(team=team, title=title.strip(), practice=practice, created_by=actor)
    for case in cases:
        CollectiveFileCase.objects.create(file=file, case=case)
    respondents = Respondent.objects.filter(pk__in=list(respondent_ids), links__case__team=team).distinct()
    file.respondents.set(respondents)
    audit_record(actor=actor, action="collective.create", file=file.pk, cases=len(cases))
    return file


@transaction.atomic
def collective_file_add_case(*, file: CollectiveFile, case, actor) -> None:
    _managed_team(file.team, actor)
    _cases_of_team([case.pk], file.team, actor)
    _link, created = CollectiveFileCase.objects.get_or_create(file=file, case=case)
    if created:
        audit_record(actor=actor, action="collective.case_add", file=file.pk, case=case)
        for respondent in Respondent.objects.filter(links__case=case, nature=Nature.ORGANISATION):
            file.respondents.add(respondent)


LETTER_TEMPLATES = {
    ActionKind.LETTER: _(
        "Madame, Monsieur,\n\nNotre service a reçu plusieurs signalements concernant {respondent}. "
        "Les situations rapportées portent sur la pratique suivante : {practice}.\n\n"
        "Nous souhaitons échanger avec vous sur ces pratiques et vous rappeler les obligations qui "
        "découlent de l'article 225-1 du Code pénal et de la loi n° 2008-496 du 27 mai 2008.\n\n"
        "Aucune des personnes concernées n'est nommée dans ce courrier.\n\n{team}"
    ),
    ActionKind.MEDIATION: _(
        "Proposition de médiation avec {respondent} au sujet de la pratique suivante : {practice}.\n"
        "Participants, date, lieu ; points à aborder ; engagements attendus."
    ),
}


def action_template(*, kind: str, file: CollectiveFile) -> str:
    """The starting text of a letter or a mediation, filled with the file's respondents and practice."""
    template = LETTER_TEMPLATES.get(kind)
    if template is None:
        return ""
    names = ", ".join(r.name for r in file.respondents.filter(nature=Nature.ORGANISATION)) or _("l'organisme concerné")
    return str(template).format(respondent=names, practice=file.practice or file.title, team=file.team.name)


@transaction.atomic
def collective_action_add(
    *, file: CollectiveFile, kind: str, title: str, on_date: dt.date, body: str = "", owner=None, status: str = "planned",
    outcome: str = "", campaign=None, upload=None, actor,
) -> CollectiveAction:
    _managed_team(file.team, actor)
    if owner is not None and not owner.memberships.filter(team=file.team).exists():
        raise ValidationError({"owner": _("Le ou la responsable doit être membre de l'équipe.")})
    if campaign is not None and campaign.team_id != file.team_id:
        raise ValidationError({"campaign": _("Cette campagne n'est pas de l'équipe du dossier.")})
    action = CollectiveAction.objects.create(
        file=file, kind=kind, title=title, on_date=on_date, body=body, owner=owner, status=status, outcome=outcome,
        campaign=campaign, created_by=actor,
    )
    if upload is not None:
        data = upload.read()
        content_type = attachment_check(name=upload.name, data=data)
        ActionDocument.objects.create(
            action=action, filename=safe_filename(upload.name, content_type), content_type=content_type,
            size=len(data), data=data, added_by=actor,
        )
    audit_record(actor=actor, action="collective.action", file=file.pk, kind=kind, documents=int(upload is not None))
    return action


# --- Testing campaigns ------------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *, team, title: str, target: str, criterion, profile_a: str, profile_b: str, protocol: str, file=None, actor
) -> Campaign:
    _managed_team(team, actor)
    if file is not None and file.team_id != team.pk:
        raise ValidationError({"file": _("Ce dossier collectif n'est pas de la même équipe.")})
    campaign = Campaign.objects.create(
        team=team, title=title, target=target, criterion=criterion, profile_a=profile_a, profile_b=profile_b,
        protocol=protocol, file=file, created_by=actor,
    )
    if file is not None:
        CollectiveAction.objects.create(
            file=file, kind=ActionKind.TESTING, title=title, on_date=dt.date.today(), campaign=campaign, created_by=actor,
        )
    audit_record(actor=actor, action="campaign.create", campaign=campaign.pk, file=getattr(file, "pk", None))
    return campaign


@transaction.atomic
def campaign_test_record(
    *, campaign: Campaign, tested_on: dt.date, a_favourable: bool, b_favourable: bool, respondent=None, note: str = "",
    actor,
) -> CampaignTest:
    _managed_team(campaign.team, actor)
    if respondent is not None and respondent.is_individual:
        raise ValidationError({"respondent": _("Une campagne teste des organisations, pas des particuliers.")})
    test = CampaignTest.objects.create(
        campaign=campaign, tested_on=tested_on, a_favourable=a_favourable, b_favourable=b_favourable,
        respondent=respondent, note=note, recorded_by=actor,
    )
    audit_record(actor=actor, action="campaign.test", campaign=campaign.pk, test=test.pk)
    return test
