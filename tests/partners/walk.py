"""A member files a report with a person through the real HTTP views: the consent page, then
the public form's own steps at /partenaires/signaler/etapes/."""

import re

from tests.intake.walk import VALID_ANSWERS, page

STEPS_URL = "/partenaires/signaler/etapes/"


def start(client, *, shared: bool = True, contact_way: str = "direct", present: bool = True):
    return client.post("/partenaires/signaler/", {
        "person_present": "yes" if present else "no", "share_with_partner": "yes" if shared else "no",
        "contact_way": contact_way, "consent": "on",
    })


def file_report(client, **consent) -> str:
    """Consent, every step, send; returns the receipt page's text."""
    assert start(client, **consent)["Location"] == STEPS_URL
    for step, answers in VALID_ANSWERS.items():
        response = client.post(STEPS_URL, {"step": step, "action": "next", **answers}, follow=True)
        assert [url for url, _ in response.redirect_chain] == [STEPS_URL]
        assert "Il y a un problème" not in page(response), (step, page(response)[:1500])
    response = client.post(STEPS_URL, {"step": "summary", "action": "submit"}, follow=True)
    return page(response)


def receipt_in(text: str) -> str:
    return re.search(r'id="receipt-code"><strong>([\d ]+)</strong>', text).group(1)
