"""From a rights page, "report it" opens the form with the ground and domain chosen, and
"who can help nearby" opens the directory's search with them ticked."""

import re

from tests.intake.walk import VALID_ANSWERS, page, post_step

PAGE = "/droits/logement-refuse-a-cause-de-mon-handicap/"


def report_link(client) -> str:
    body = page(client.get(PAGE))
    match = re.search(r'<a[^>]*href="(/formulaire/\?[^"]+)"[^>]*id="rights-report"|<a[^>]*id="rights-report"[^>]*href="(/formulaire/\?[^"]+)"', body)
    return next(group for group in match.groups() if group)


def test_the_report_link_names_the_ground_and_domain(client, rights):
    assert report_link(client) == "/formulaire/?motif=handicap&domaine=logement"


def test_the_report_link_really_prefills_the_grounds_and_domain_steps(client, rights):
    start = page(client.get(report_link(client)))
    assert '<input type="hidden" name="motif" value="handicap">' in start
    assert '<input type="hidden" name="domaine" value="logement">' in start
    client.post("/formulaire/", {"action": "start", "motif": "handicap", "domaine": "logement"})
    for step in ("role", "what", "where", "when"):
        response = post_step(client, step, VALID_ANSWERS[step])
    grounds = page(response)
    assert re.search(r'<input type="checkbox" name="grounds" value="handicap"[^>]*checked', grounds)
    assert not re.search(r'<input type="checkbox" name="grounds" value="origine"[^>]*checked', grounds)
    domain = page(post_step(client, "grounds", {"grounds": ["handicap"]}))
    assert re.search(r'<input type="radio" name="domain" value="logement"[^>]*checked', domain)


def test_a_made_up_prefill_is_ignored(client, rights):
    start = page(client.get("/formulaire/?motif=<b>&domaine=nope"))
    assert 'name="motif"' not in start and 'name="domaine"' not in start
    client.post("/formulaire/", {"action": "start", "motif": "inconnu", "domaine": "nope"})
    for step in ("role", "what", "where", "when"):
        response = post_step(client, step, VALID_ANSWERS[step])
    assert "checked" not in page(response).split('name="grounds"', 1)[1].split("</fieldset>", 1)[0]


def test_the_nearby_link_opens_the_directory_search_with_the_ground_and_domain(client, rights):
    body = page(client.get(PAGE))
    url = re.search(r'href="(/aide/\?[^"]+)" id="rights-nearby"', body).group(1)
    assert url == "/aide/?motif=handicap&domaine=logement"
    search = page(client.get(url))
    assert re.search(r'<input type="checkbox" name="grounds" value="handicap"[^>]*checked', search)
    assert re.search(r'<option value="logement" selected>', search)


def test_the_form_help_and_the_followup_page_link_to_the_rights_pages(client, rights, make_case):
    assert 'href="/droits/"' in page(client.get("/formulaire/"))
    client.post("/formulaire/", {"action": "start"})
    for step in ("role", "what", "where", "when"):
        response = post_step(client, step, VALID_ANSWERS[step])
    assert 'href="/droits/"' in page(response)  # the grounds step's help
    case, receipt = make_case()
    client.post("/suivi/", {"receipt": receipt})
    assert 'href="/droits/"' in page(client.get("/suivi/"))


def test_the_report_link_fills_a_draft_under_way_where_still_unanswered_and_says_so(client, rights):
    client.post("/formulaire/", {"action": "start"})  # a report begun before reading the rights page
    post_step(client, "role", VALID_ANSWERS["role"])

    response = client.get(report_link(client))
    assert response.status_code == 302 and response["Location"] == "/formulaire/"  # the form's one address
    shown = page(client.get("/formulaire/"))
    assert "reprend le motif et le domaine de la page que vous lisiez" in shown
    assert "reprend le motif" not in page(client.get("/formulaire/"))  # said once

    for step in ("what", "where", "when"):
        response = post_step(client, step, VALID_ANSWERS[step])
    assert re.search(r'<input type="checkbox" name="grounds" value="handicap"[^>]*checked', page(response))
    domain = page(post_step(client, "grounds", {"grounds": ["handicap"]}))
    assert re.search(r'<input type="radio" name="domain" value="logement"[^>]*checked', domain)


def test_the_report_link_keeps_the_answers_already_given_and_says_so(client, rights):
    client.post("/formulaire/", {"action": "start"})
    for step in ("role", "what", "where", "when", "grounds", "domain"):
        post_step(client, step, VALID_ANSWERS[step])

    client.get(report_link(client))
    assert "vos réponses sont gardées" in page(client.get("/formulaire/"))
    client.post("/formulaire/", {"goto": "grounds"})
    grounds = page(client.get("/formulaire/"))
    assert re.search(r'<input type="checkbox" name="grounds" value="nom"[^>]*checked', grounds)
    assert not re.search(r'<input type="checkbox" name="grounds" value="handicap"[^>]*checked', grounds)
