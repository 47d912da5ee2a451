"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server.

A pytest plugin (loaded by tests/conftest.py), so that the browser tests of tests/e2e and the
journeys of tests/journeys share one chromium: a second sync_playwright() cannot start while
one runs. Every test under those two folders is marked `e2e`.

Fixtures
  browser       module: one headless chromium (/usr/bin/chromium, or $RECOURS_E2E_CHROMIUM;
                fails, never skips, if absent)
  server_url    the live server's base URL, without a trailing slash (transactional database)
  browser_log   what every page of the test printed: console errors, page errors, CSP
                violations, requests sent outside the test server; teardown asserts that
                no CSP violation happened
  new_page      factory: new_page(**context_options) -> a page in a fresh context (isolated
                cookies and storage), with the network closed and the log attached
  page          desktop, 1280x900, fr-FR, JavaScript on
  mobile_page   375x812, is_mobile, has_touch, device scale factor 2
  nojs_page     1280x900, JavaScript off
  chat_server   a real ASGI server (HTTP and WebSockets, tests/e2e/chat_server.py) on the test
                database, the chat open every day all day; .url, .stop(), .start()

Every request to a host other than 127.0.0.1/localhost is answered by a fake "neutral
site" page (the quick exit leaves to a third-party site and there is no network here).
"""

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an asyncio event loop in the main thread: without this,
# Django refuses database access from the test (SynchronousOnlyOperation).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.chat_server import ThreadedServer  # noqa: E402
from tests.e2e.helpers import DESKTOP, MOBILE  # noqa: E402

CHROMIUM = Path(os.environ.get("RECOURS_E2E_CHROMIUM", "/usr/bin/chromium"))
# Without these, chromium keeps trying to reach Google services on this closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
NEUTRAL_BODY = "<html><head><title>Site neutre</title></head><body><h1>Site neutre</h1></body></html>"
DEFAULT_TIMEOUT_MS = 10_000
TESTS = Path(__file__).resolve().parent.parent
BROWSER_FOLDERS = (TESTS / "e2e", TESTS / "journeys")


def pytest_collection_modifyitems(config, items):
    for item in items:
        parents = Path(str(item.path)).resolve().parents
        if any(folder in parents for folder in BROWSER_FOLDERS):
            item.add_marker(pytest.mark.e2e)


# One chromium for the whole session: every browser test lives under tests/e2e and uses
# these fixtures (a second sync_playwright() cannot start while one is running).
@pytest.fixture(scope="session")
def browser():
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"The browser tests need Debian's chromium at {CHROMIUM}: run `make browser` "
            "(apt-get install -y chromium), or deselect them with -m 'not e2e'.",
            pytrace=False,
        )
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="session")
def application_loaded(django_db_blocker):
    """The URLconf imported, with every app's views and the API's schemas, before a browser
    asks for its first page. Django imports it at the first request, in that request: on a
    loaded machine (CI, 2 cores shared) 9 to 11 s measured, past the page's 10 s timeout, so
    the first browser test of a session (or of a lone chat test) failed at its first goto."""
    from django.urls import get_resolver

    with django_db_blocker.unblock():  # as in a request, where an import may read the database
        get_resolver()._populate()


@pytest.fixture
def server_url(live_server, application_loaded) -> str:
    """The live server's base URL. Its threads (one per request) and the test share the test
    database: on SQLite a file in WAL mode (recours/settings.py), where they wait for each
    other's writes as in production."""
    return live_server.url.rstrip("/")


@dataclass
class BrowserLog:
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    def on_console(self, message):
        text = message.text
        if "Content Security Policy" in text:
            self.csp_violations.append(f"{message.page.url if message.page else '?'}: {text}")
        elif message.type == "error":
            self.console_errors.append(text)


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme not in ("http", "https", "ws", "wss") or parts.hostname in LOCAL_HOSTS


@pytest.fixture
def browser_log():
    log = BrowserLog()
    yield log
    assert not log.csp_violations, "Content Security Policy violations:\n" + "\n".join(log.csp_violations)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item (`item.report_call`), for new_page's teardown."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def new_page(request, browser, browser_log):
    """new_page(**context_options): a page in a new context; contexts are closed after the test.

    When the test fails, the address and the text of every page it opened are printed
    (shown with the failure): which page each person was on tells most failures apart."""
    contexts = []

    def neutral_site(route):
        browser_log.outside_requests.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=NEUTRAL_BODY)

    def make(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.route(lambda url: not is_local(url), neutral_site)
        context.on("console", browser_log.on_console)
        context.on("weberror", lambda error: browser_log.page_errors.append(str(error.error)))
        return context.new_page()

    yield make
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        for n, context in enumerate(contexts):
            for page in context.pages:
                try:
                    text = page.locator("body").inner_text(timeout=1000)
                except Exception as exc:  # the page may be gone or navigating: say so and go on
                    text = f"(no text: {exc.__class__.__name__})"
                print(f"--- page of context {n}: {page.url}\n{text[:3000]}")
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page(**DESKTOP)


@pytest.fixture
def mobile_page(new_page):
    return new_page(**MOBILE)


@pytest.fixture
def nojs_page(new_page):
    return new_page(**DESKTOP, java_script_enabled=False)


@pytest.fixture
def chat_server(live_reference_data, always_open, application_loaded):
    """The whole application (HTTP and WebSockets) on a real ASGI server, the chat always open."""
    server = ThreadedServer().start()
    yield server
    server.stop()
