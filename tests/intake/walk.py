"""Walking the report form through the real HTTP views, as a browser without JavaScript would."""

import html

VALID_ANSWERS = {
    "role": {"role": "victime"},
    "what": {"narrative": "L'agence a refusé ma candidature quand elle a vu mon nom.", "respondent": "Une agence"},
    "where": {"place": "lieu", "postal_code": "44000"},
    "when": {"period": "mois"},
    "grounds": {"grounds": ["nom", "origine"]},
    "domain": {"domain": "logement"},
    "steps": {"steps_taken": ["rien"]},
    "contact": {"contact_wanted": "oui", "email": "personne@example.org", "notify_by_email": "on"},
    "files": {},
    "consent": {"consent": "on"},
}


def post_form(client, payload, **extra):
    """Post to the form as a browser does: the answer is always a redirect to /formulaire/
    (never a page a browser could post again); the response is the page it leads to."""
    response = client.post("/formulaire/", payload, follow=True, **extra)
    assert [url for url, _ in response.redirect_chain] == ["/formulaire/"], response.redirect_chain
    return response


def post_step(client, step, data=None, action="next", **extra):
    payload = {"step": step, "action": action, **(data if data is not None else VALID_ANSWERS[step]), **extra}
    return post_form(client, payload)


def submit(client, **extra):
    """Send the report from the summary; the page shown after (the receipt, or the errors)."""
    return post_form(client, {"step": "summary", "action": "submit"}, **extra)


def fill_all_steps(client, **overrides):
    """Answer every step (overrides replace a step's answers) and land on the summary."""
    for step, answers in VALID_ANSWERS.items():
        response = post_step(client, step, overrides.get(step, answers))
        assert "Il y a un problème" not in page(response), (step, page(response)[:2000])
    return client.get("/formulaire/")


def page(response) -> str:
    """The page's text as a person reads it (HTML entities such as &#x27; decoded)."""
    return html.unescape(response.content.decode())
