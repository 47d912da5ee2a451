"""Every route of the collective treatment, tried by another team's adviser and coordinator.

The routes are read from the URL configuration, so a route added tomorrow is tried too. Paris's
adviser and coordinator send GET and POST to each of them with the ids of Nantes's case,
respondent link, collective file, document and campaign: a route naming one of them answers
404 (or 403/405), a list shows none of Nantes's titles, and nothing changes. A Nantes adviser
(a member who does not coordinate) may read the team's file and campaign but change nothing.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver

from recours.collective import services
from recours.collective.models import (
    CampaignTest,
    CaseRespondent,
    CollectiveAction,
    CollectiveFile,
    CollectiveFileCase,
    Respondent,
)
from recours.core.models import AuditEvent
from tests.accounts.helpers import log_in_verified
from tests.factories import NANTES

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def collective_routes() -> list[str]:
    resolver = get_resolver()
    return sorted({
        "/" + "".join(str(p) for p in (prefix.pattern, pattern.pattern))
        for prefix in resolver.url_patterns if getattr(prefix, "namespace", None) == "collective"
        for pattern in prefix.url_patterns
    })


@pytest.fixture
def nantes_world(make_case, adviser, coordinator, teams):
    case, _ = make_case(**NANTES)
    tilleuls = services.respondent_create(nature="organisation", kind="landlord", name="SCI Les Tilleuls", case=case, actor=adviser)
    person = services.respondent_create(nature="individual", kind="landlord", name="Jean Dupont", case=case, actor=adviser)
    file = services.collective_file_create(team=teams["nantes"], title="Dossier collectif de Nantes", case_ids=[case.pk],
                                           respondent_ids=[tilleuls.pk], actor=coordinator)
    action = services.collective_action_add(
        file=file, kind="letter", title="Courrier", on_date="2026-11-02", actor=coordinator,
        upload=SimpleUploadedFile("c.pdf", PDF, content_type="application/pdf"),
    )
    from recours.taxonomy.models import Criterion

    campaign = services.campaign_create(team=teams["nantes"], title="Campagne de Nantes", target="t",
                                        criterion=Criterion.objects.get(pk="origine"), profile_a="a", profile_b="b",
                                        protocol="p", file=file, actor=coordinator)
    services.campaign_test_record(campaign=campaign, tested_on="2026-11-03", a_favourable=True, b_favourable=False,
                                  respondent=tilleuls, actor=coordinator)
    return {"case": case, "respondent": person, "file": file, "document": action.documents.get(), "campaign": campaign}


def _url(route: str, world) -> str:
    ids = {
        "reference": world["case"].reference, "document_id": world["document"].pk,
        "pk": world["campaign"].pk if "campagnes" in route else world["respondent"].pk if "mis-en-cause" in route
        else world["file"].pk,
    }
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(ids[m.group(1)]), route)


def _state():
    return (
        CaseRespondent.objects.count(), Respondent.objects.count(), CollectiveFile.objects.count(),
        CollectiveFileCase.objects.count(), CollectiveAction.objects.count(), CampaignTest.objects.count(),
        AuditEvent.objects.exclude(action__in=("respondent.report_view",)).count(),
    )


FORM = {
    "respondent": "1", "nature": "organisation", "kind": "letter", "name": "X", "title": "X", "team": "1",
    "reference": "", "on_date": "2026-11-01", "status": "done", "a_favourable": "1", "b_favourable": "1",
    "tested_on": "2026-11-01", "target": "x", "criterion": "origine", "profile_a": "a", "profile_b": "b", "protocol": "p",
}


def test_the_sweep_finds_the_routes():
    routes = collective_routes()
    assert "/console/collectif/dossiers-collectifs/<int:pk>/" in routes and len(routes) >= 14, routes


@pytest.mark.parametrize("who", ["adviser", "coordinator"])
@pytest.mark.parametrize("route", collective_routes())
def test_no_collective_route_reaches_another_team(client_factory, make_staff, teams, nantes_world, route, who):
    user, _ = make_staff(f"paris.{who}", teams["paris"], role=who)
    client = client_factory()
    log_in_verified(client, user)
    url = _url(route, nantes_world)
    form = {**FORM, "team": str(teams["nantes"].pk), "reference": nantes_world["case"].reference,
            "references": nantes_world["case"].reference}
    before = _state()
    names_object = re.search(r"<(?:\w+:)?\w+>", route) is not None
    secrets = ("Dossier collectif de Nantes", "Campagne de Nantes", "Jean Dupont")
    # A form sent back with errors shows what was typed (the reference the attacker sent), nothing more.
    for response, shown in ((client.get(url), (*secrets, nantes_world["case"].reference)), (client.post(url, form), secrets)):
        if names_object:
            assert response.status_code in (403, 404, 405), (url, response.status_code)
        else:
            body = response.content.decode()
            assert response.status_code in (200, 302, 400, 403, 405), (url, response.status_code)
            for secret in shown:
                assert secret not in body, (url, secret)
    assert _state() == before, url


@pytest.mark.parametrize("route", [r for r in collective_routes() if "dossiers-collectifs/<int:pk>" in r or "campagnes/<int:pk>" in r])
def test_a_member_who_does_not_coordinate_changes_nothing(console, teams, nantes_world, route):
    url = _url(route, nantes_world)
    before = _state()
    response = console.post(url, {**FORM, "team": str(teams["nantes"].pk), "reference": nantes_world["case"].reference})
    assert response.status_code in (403, 405), (url, response.status_code)
    assert _state()[:-1] == before[:-1], url
