"""The console sweep (tests/e2e/console_sweep.py) holds every console route: a page is swept,
anything else (a POST target, a file, JSON) is listed with why."""

from tests.e2e.console_sweep import NOT_PAGES, PAGES, console_route_names


def test_every_console_route_is_in_the_sweep():
    routes = console_route_names()
    assert routes - set(PAGES) - set(NOT_PAGES) == set(), "console routes neither swept nor listed as not pages"
    assert set(PAGES) - routes == set() and set(NOT_PAGES) - routes == set(), "the sweep names routes that are gone"
    assert not set(PAGES) & set(NOT_PAGES)


def test_every_swept_page_answers_its_reader(client_factory, teams, make_staff, make_case, django_db_blocker):
    """Each page of the sweep opens (200, or a redirect to a console page) for who it is swept as."""
    from tests.accounts.helpers import log_in_verified
    from tests.e2e.console_sweep import world_build

    world = world_build(teams, make_staff, make_case)
    clients = {"anonymous": client_factory()}
    for role in ("adviser", "coordinator"):
        clients[role] = client_factory()
        log_in_verified(clients[role], world[role])
    answers = {}
    for name, (build, reader) in PAGES.items():
        response = clients[reader].get(build(world), follow=True)
        answers[name] = (response.status_code, response.redirect_chain[-1][0] if response.redirect_chain else "")
    assert {name: answer for name, answer in answers.items() if answer[0] != 200} == {}
