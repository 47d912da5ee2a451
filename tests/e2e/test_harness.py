"""The harness itself: axe really runs under the application's strict CSP, with or without
JavaScript; serious violations fail, moderate ones warn; CSP violations are caught; the
outside world is a stand-in neutral site."""

import pytest
from django.conf import settings

from tests.e2e.axe import AccessibilityWarning, assert_accessible

# The policy the application sends, rebuilt from the settings.
CSP = "; ".join(f"{name} {' '.join(values)}" for name, values in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].items())
PROBE_URL = "http://127.0.0.1:9/axe-probe/"  # answered by the route below: nothing listens there
PROBE_PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Sonde</title></head>
<body><main><h1>Sonde</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<script>window.inlineScriptRan = true;</script></main><p>Hors de tout repère.</p></body></html>"""


def serve_probe(page):
    page.route(
        PROBE_URL,
        lambda route: route.fulfill(
            status=200,
            content_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": CSP},
            body=PROBE_PAGE,
        ),
    )
    page.goto(PROBE_URL)


@pytest.mark.parametrize("fixture", ["page", "nojs_page"])
def test_axe_runs_under_the_strict_csp_and_reports_violations(request, fixture, browser_log):
    page = request.getfixturevalue(fixture)
    serve_probe(page)
    if fixture == "page":
        # The policy is enforced on this page and its violations are caught...
        assert len(browser_log.csp_violations) == 1 and "script-src" in browser_log.csp_violations[0]
    assert not page.evaluate("() => 'inlineScriptRan' in window")
    browser_log.csp_violations.clear()

    with pytest.warns(AccessibilityWarning, match=r"region \[moderate\]"), pytest.raises(AssertionError) as failure:
        assert_accessible(page, context="sonde")
    message = str(failure.value)
    assert "image-alt [critical]" in message
    assert '<img src="data:image/gif' in message.split("image-alt", 1)[1]  # the node, with its HTML
    # ...and running axe caused none.
    assert browser_log.csp_violations == []
    assert page.evaluate("() => window.axe.version").startswith("4.")


def test_the_outside_world_is_a_neutral_stand_in(page, browser_log):
    page.goto("https://www.meteofrance.com/")
    assert page.title() == "Site neutre"
    assert browser_log.outside_requests == ["https://www.meteofrance.com/"]
