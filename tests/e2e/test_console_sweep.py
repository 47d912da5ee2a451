"""axe on every console page, at 1280 x 800, as an adviser and as a coordinator: no serious or
critical violation. The pages come from tests/e2e/console_sweep.py, which holds every console
route (tests/e2e/test_console_sweep_routes.py fails when a new one is missing)."""

import pytest

from tests.e2e.axe import FAILING_IMPACTS, _describe, run_axe
from tests.e2e.console_sweep import PAGES, world_build
from tests.e2e.helpers import staff_page

pytestmark = pytest.mark.e2e

SCREEN = {"width": 1280, "height": 800}
READERS = {"adviser": {"adviser"}, "coordinator": {"adviser", "coordinator"}, "anonymous": {"anonymous"}}


@pytest.fixture
def world(live_reference_data, teams, make_staff, make_case):  # noqa: F811
    from recours.observatory.scrub import get_engine

    get_engine()  # the excerpt review's scrubber, built once per process (seconds): not during a page load
    return world_build(teams, make_staff, make_case)


def sweep(page, server_url, world, who) -> dict[str, list[str]]:
    """axe's serious and critical violations on every page `who` reads, by page."""
    failing = {}
    for name, (build, reader) in sorted(PAGES.items()):
        if reader not in READERS[who]:
            continue
        response = page.goto(server_url + build(world), timeout=60_000)
        assert response is not None and response.ok, (name, response and response.status)
        page.wait_for_load_state("load")
        violations = [v for v in run_axe(page) if v["impact"] in FAILING_IMPACTS]
        if violations:
            failing[f"{name} ({page.url})"] = [_describe(v) for v in violations]
    return failing


@pytest.mark.parametrize("who", ["adviser", "coordinator"])
def test_every_console_page_passes_axe(who, new_page, server_url, world):
    page = staff_page(new_page, world[who], server_url, viewport=SCREEN, locale="fr-FR")
    failing = sweep(page, server_url, world, who)
    assert failing == {}, "\n".join(f"{where}:\n" + "\n".join(lines) for where, lines in failing.items())


def test_the_console_login_passes_axe(new_page, server_url, world):
    page = new_page(viewport=SCREEN, locale="fr-FR")
    assert sweep(page, server_url, world, "anonymous") == {}
