"""A coordinator opens a collective file from the list of respondents, and keeps its timeline."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from recours.collective.models import CollectiveAction, CollectiveFile
from recours.collective.services import respondent_link
from recours.core.models import AuditEvent
from tests.factories import NANTES

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _reported(make_case, adviser, organisation, count=3):
    cases = [make_case(**NANTES)[0] for _ in range(count)]
    tilleuls = organisation("SCI Les Tilleuls", case=cases[0], actor=adviser)
    for case in cases[1:]:
        respondent_link(respondent=tilleuls, case=case, actor=adviser)
    return tilleuls, cases


def test_coordinators_see_respondents_by_number_of_reports(coordinator_console, make_case, adviser, organisation):
    tilleuls, _cases = _reported(make_case, adviser, organisation)
    page = coordinator_console.get("/console/collectif/mis-en-cause/").content.decode()
    assert "SCI Les Tilleuls" in page and "<td>3</td>" in page
    assert "Patronyme" in page or "patronyme" in page.lower()  # the grounds of the cases
    assert f"?mis_en_cause={tilleuls.pk}" in page
    assert AuditEvent.objects.filter(action="respondent.report_view").exists()


def test_an_adviser_may_not_read_the_list_of_respondents(console):
    assert console.get("/console/collectif/mis-en-cause/").status_code == 403


def test_a_coordinator_opens_a_file_with_the_cases_of_a_respondent(coordinator_console, make_case, adviser, organisation, teams):
    tilleuls, cases = _reported(make_case, adviser, organisation)
    form = coordinator_console.get(f"/console/collectif/dossiers-collectifs/nouveau/?mis_en_cause={tilleuls.pk}")
    assert all(case.reference in form.content.decode() for case in cases)
    response = coordinator_console.post("/console/collectif/dossiers-collectifs/nouveau/", {
        "team": teams["nantes"].pk, "title": "SCI Les Tilleuls", "practice": "Refus de visite selon le nom",
        "references": " ".join(case.reference for case in cases), "respondent": tilleuls.pk,
    })
    file = CollectiveFile.objects.get()
    assert response.status_code == 302 and set(file.cases.all()) == set(cases)
    assert list(file.respondents.all()) == [tilleuls]
    page = coordinator_console.get(f"/console/collectif/dossiers-collectifs/{file.pk}/").content.decode()
    assert all(case.reference in page for case in cases)
    assert "Camille" not in page and "On m'a refusé" not in page  # no adviser's or person's words
    assert AuditEvent.objects.filter(action="collective.view", detail__file=file.pk).exists()


def test_the_timeline_takes_a_letter_from_a_template_with_a_document(coordinator_console, coordinator, make_case, adviser, organisation, teams):
    from recours.collective.services import collective_file_create

    tilleuls, cases = _reported(make_case, adviser, organisation)
    file = collective_file_create(team=teams["nantes"], title="Tilleuls", practice="refus de visite",
                                  case_ids=[c.pk for c in cases], respondent_ids=[tilleuls.pk], actor=coordinator)
    form = coordinator_console.get(f"/console/collectif/dossiers-collectifs/{file.pk}/?modele=letter").content.decode()
    assert "Notre service a reçu plusieurs signalements concernant SCI Les Tilleuls" in form
    response = coordinator_console.post(f"/console/collectif/dossiers-collectifs/{file.pk}/actions/", {
        "kind": "letter", "title": "Courrier au gérant", "on_date": "2026-11-02", "owner": coordinator.pk,
        "status": "done", "body": "Madame, Monsieur", "outcome": "Réponse reçue, rendez-vous pris",
        "document": SimpleUploadedFile("courrier.pdf", PDF, content_type="application/pdf"),
    })
    assert response.status_code == 302
    action = CollectiveAction.objects.get(file=file)
    assert (action.kind, action.on_date, action.outcome) == ("letter", dt.date(2026, 11, 2), "Réponse reçue, rendez-vous pris")
    document = action.documents.get()
    download = coordinator_console.get(f"/console/collectif/dossiers-collectifs/{file.pk}/documents/{document.pk}/")
    assert download.content == PDF
    assert AuditEvent.objects.filter(action="collective.document").exists()


def test_only_cases_of_the_files_team_join_it(coordinator_console, coordinator, make_case, adviser, teams):
    from recours.collective.services import collective_file_create

    file = collective_file_create(team=teams["nantes"], title="Pratique", actor=coordinator)
    response = coordinator_console.post(f"/console/collectif/dossiers-collectifs/{file.pk}/dossiers/", {"reference": "ZZZZZZZZ"})
    assert response.status_code == 400 and not file.cases.exists()
    case, _ = make_case(**NANTES)
    coordinator_console.post(f"/console/collectif/dossiers-collectifs/{file.pk}/dossiers/", {"reference": case.reference})
    assert list(file.cases.all()) == [case]
