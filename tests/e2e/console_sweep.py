"""Every console route, for the browser sweep of tests/e2e/test_console_sweep.py.

`PAGES` says how to reach each console page from a world of demo-like objects (`world_build`);
`NOT_PAGES` lists the console routes that are not pages a person reads, each with why (a form's
POST target, a file, JSON, a fragment htmx inserts in a page swept elsewhere). Every URL pattern
under /console/ must be in one of the two (test_every_console_route_is_in_the_sweep): a new page
cannot be forgotten.
"""

from __future__ import annotations

import datetime as dt

from django.urls import URLPattern, URLResolver, get_resolver

POST = "a form's POST target (its page is swept)"
FILE = "a file (PDF, CSV, Parquet, JSON, attachment), not a page"

NOT_PAGES = {
    "chat:console_accept": POST, "chat:console_transfer": POST, "chat:console_end": POST, "chat:console_note": POST,
    "casework:bulk": POST, "casework:reply": POST, "casework:note": POST, "casework:partner_message": POST,
    "casework:status": POST, "casework:qualify": POST, "casework:close": POST, "casework:reopen": POST,
    "casework:transfer": POST, "casework:advice_ask": POST, "casework:assign": POST, "casework:mail_resend": POST,
    "casework:callback_cancel": POST,
    "casework:case_templates": "an htmx fragment of the case file (the answers found), swept inside it",
    "casework:referral_pdf": FILE, "casework:referral_json": FILE, "casework:attachment": FILE,
    "collective:case_link": POST, "collective:case_create": POST, "collective:case_unlink": POST,
    "collective:file_action": POST, "collective:file_add_case": POST, "collective:campaign_test": POST,
    "collective:file_document": FILE, "collective:campaign_csv": FILE, "collective:campaign_pdf": FILE,
    "localplan:report_csv": FILE, "localplan:report_parquet": FILE, "localplan:report_pdf": FILE,
    "localplan:case_qpv": POST,
    "directory_coordination:verify": POST, "directory_coordination:retire": POST, "directory_coordination:restore": POST,
    "console:availability": POST, "console:notifications": "JSON polled by the console's script",
    "console:filter_save": POST, "console:filter_rename": POST, "console:filter_delete": POST,
    "accounts:logout": POST,
    "accounts:enrol": "the second factor's enrolment, reached only from a login without a device (tests/e2e/test_harness.py)",
}

# name -> (path built from the world, who may read it: "adviser", "coordinator" or "anyone")
PAGES = {
    "console:home": (lambda w: "/console/", "adviser"),
    "accounts:login": (lambda w: "/console/connexion/", "anonymous"),
    "casework:queue": (lambda w: "/console/dossiers/", "adviser"),
    "casework:call_new": (lambda w: "/console/dossiers/appel/", "adviser"),
    "casework:advice_list": (lambda w: "/console/dossiers/avis/", "adviser"),
    "casework:advice_detail": (lambda w: f"/console/dossiers/avis/{w['advice'].pk}/", "adviser"),
    "casework:templates": (lambda w: "/console/dossiers/reponses-types/", "adviser"),
    "casework:template_create": (lambda w: "/console/dossiers/reponses-types/nouvelle/", "coordinator"),
    "casework:template_edit": (lambda w: f"/console/dossiers/reponses-types/{w['template'].pk}/", "coordinator"),
    "casework:template_by_key": (lambda w: f"/console/dossiers/reponses-types/cle/{w['template'].key}/", "adviser"),
    "casework:case": (lambda w: f"/console/dossiers/{w['case'].reference}/", "adviser"),
    "casework:call": (lambda w: f"/console/dossiers/{w['case'].reference}/appels/", "adviser"),
    "casework:callback_plan": (lambda w: f"/console/dossiers/{w['case'].reference}/rappels/prevoir/", "adviser"),
    "casework:referral": (lambda w: f"/console/dossiers/{w['case'].reference}/saisine/", "adviser"),
    "casework:orient": (lambda w: f"/console/dossiers/{w['case'].reference}/orienter/", "adviser"),
    "chat:console_queue": (lambda w: "/console/tchat/", "adviser"),
    "chat:console_conversation": (lambda w: f"/console/tchat/{w['conversation'].pk}/", "adviser"),
    "collective:files": (lambda w: "/console/collectif/", "coordinator"),
    "collective:respondents": (lambda w: "/console/collectif/mis-en-cause/", "coordinator"),
    "collective:case_respondents": (lambda w: f"/console/collectif/dossiers/{w['case'].reference}/mis-en-cause/", "adviser"),
    "collective:file_create": (lambda w: "/console/collectif/dossiers-collectifs/nouveau/", "coordinator"),
    "collective:file": (lambda w: f"/console/collectif/dossiers-collectifs/{w['file'].pk}/", "coordinator"),
    "collective:campaign_create": (lambda w: "/console/collectif/campagnes/nouvelle/", "coordinator"),
    "collective:campaign": (lambda w: f"/console/collectif/campagnes/{w['campaign'].pk}/", "coordinator"),
    "localplan:index": (lambda w: "/console/plan-local/", "coordinator"),
    "localplan:qpv": (lambda w: "/console/plan-local/quartiers/", "coordinator"),
    "localplan:report": (lambda w: f"/console/plan-local/{w['team'].pk}/{w['year']}/", "coordinator"),
    "directory_coordination:list": (lambda w: "/console/annuaire/", "coordinator"),
    "directory_coordination:create": (lambda w: "/console/annuaire/nouvelle/", "coordinator"),
    "directory_coordination:import": (lambda w: "/console/annuaire/import/", "coordinator"),
    "directory_coordination:edit": (lambda w: f"/console/annuaire/{w['service'].pk}/", "coordinator"),
    "partners_console:list": (lambda w: "/console/partenaires/", "coordinator"),
    "partners_arrivals:new": (lambda w: "/console/signalements/nouveau/", "adviser"),
    "partners_arrivals:receipt": (lambda w: "/console/signalements/recu/", "adviser"),
    "rights_console:list": (lambda w: "/console/droits/", "coordinator"),
    "rights_console:edit": (lambda w: f"/console/droits/{w['rights_slug']}/", "coordinator"),
    "rights_console:versions": (lambda w: f"/console/droits/{w['rights_slug']}/versions/", "coordinator"),
    "observatory:reviews": (lambda w: "/console/observatoire/extraits/", "adviser"),
    "observatory:retention": (lambda w: "/console/observatoire/conservation/", "coordinator"),
    "observatory:review": (lambda w: f"/console/observatoire/extraits/{w['review'].pk}/", "adviser"),
}


def console_route_names() -> set[str]:
    """The name (namespace:name) of every URL pattern under /console/, read from the URLconf."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else (pattern.namespace or namespace)
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), f"{namespace}:{pattern.name}" if namespace else pattern.name

    return {name for route, name in walk(get_resolver().url_patterns, "", "") if route.startswith("console/")}


def world_build(teams, make_staff, make_case) -> dict:
    """A team's day as the demo has it: an adviser and a coordinator of Nantes (the coordinator
    also coordinates the national team: she reads every coordination page), a case with a
    message, an advice request, a chat waiting, a collective file and a campaign, an answer
    template of the team, a directory entry the team keeps (due for review), the rights pages,
    a closed case's excerpt to review, a saved filter of the queue for each."""
    from recours.accounts.models import Role
    from recours.accounts.services import membership_set
    from recours.casework.models import AnswerTemplate
    from recours.casework.services import advice_ask, case_close, message_add_by_adviser, message_add_by_person
    from recours.chat.services import conversation_start
    from recours.collective.services import campaign_create, collective_file_create, respondent_create
    from recours.directory.models import Service
    from recours.directory.seed import directory_national_load
    from recours.observatory.models import ExcerptReview, Stage
    from recours.observatory.services import record_save_for_case
    from recours.rights.models import RightsPage
    from recours.rights.services import rights_load
    from recours.taxonomy.models import Criterion
    from tests.directory.local import directory_local_load
    from tests.factories import NANTES, PARIS

    adviser, adviser_device = make_staff("camille", teams["nantes"], first_name="Camille", last_name="Martin")
    coordinator, coordinator_device = make_staff("lea", teams["nantes"], role=Role.COORDINATOR, first_name="Léa", last_name="Roux")
    membership_set(user=coordinator, team=teams["national"], role=Role.COORDINATOR)
    paris, _ = make_staff("sacha", teams["paris"])
    case, _ = make_case(**NANTES)
    message_add_by_adviser(case=case, body="Bonjour, avez-vous gardé les messages ?", user=adviser)
    message_add_by_person(case=case, body="Oui, je les ai gardés.")
    respondent_create(nature="organisation", kind="landlord", name="SCI Les Tilleuls", case=case, actor=adviser)
    other, _ = make_case(**PARIS)
    advice = advice_ask(case=other, to_team=teams["nantes"], question="Que pensez-vous de ce refus ?", actor=paris)
    conversation, _token = conversation_start(postal_code="44000", commune="44109")
    file = collective_file_create(team=teams["nantes"], title="Agences de Nantes", case_ids=[case.pk], actor=coordinator)
    campaign = campaign_create(
        team=teams["nantes"], title="Agences, printemps", target="Les agences de Nantes",
        criterion=Criterion.objects.get(code="origine"), profile_a="A", profile_b="B", protocol="Deux appels.",
        actor=coordinator,
    )
    template = AnswerTemplate.objects.create(
        team=teams["nantes"], topic="rights", title="Refus de visite", body="Bonjour, ...", key="refus-visite-nantes"
    )
    directory_national_load()
    directory_local_load()
    service = Service.objects.filter(code_insee="44109").order_by("pk").first()
    Service.objects.filter(pk=service.pk).update(team=teams["nantes"], date_verification=dt.date(2020, 1, 1))
    rights_load()
    from recours.console.models import SavedFilter

    for user in (adviser, coordinator):  # the queue shows its reader's saved filters
        SavedFilter.objects.create(owner=user, name="Nouveaux par formulaire", query="vue=nouveaux&channel=form")
    closed, _ = make_case(**NANTES)
    case_close(case=closed, outcome="information", actor=adviser)
    if not ExcerptReview.objects.exists():
        record_save_for_case(case=closed, stage=Stage.CLOSED)
    return {
        "adviser": adviser, "adviser_device": adviser_device, "coordinator": coordinator,
        "coordinator_device": coordinator_device, "case": case, "advice": advice, "conversation": conversation,
        "file": file, "campaign": campaign, "template": template, "service": service, "team": teams["nantes"],
        "year": dt.date.today().year, "rights_slug": RightsPage.objects.order_by("slug").first().slug,
        "review": ExcerptReview.objects.order_by("pk").first(),
    }
