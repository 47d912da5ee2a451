"""Adviser workspace in a real browser: case page ready, answer library searched from a case.

    .venv/bin/python bench/console_browser.py [--runs 30] [--port 8765]

Companion of bench/console.py (server time with 100,000 cases): this one measures what the
adviser waits for in the browser, on the demo instance (`make run`'s data, SQLite, served by
uvicorn as `make run` does, DEBUG on: development settings), with Debian's chromium:

  - case page ready: navigation to a demo case file until its load event (the document,
    the stylesheet and the deferred scripts), read from the Navigation Timing entry;
  - answer search: typing words in the reply box's search and pressing "Chercher" until the
    results replace the old ones (htmx: one request, one swap), timed around it.

Target (issue 18): the answer search under 200 ms p95 in the browser.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SEARCHES = ["délais", "preuves", "logement", "employeur", "saisine", "harcèlement"]


def environment(database: Path) -> dict:
    from cryptography.fernet import Fernet

    return {
        **os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_DEBUG": "1", "RECOURS_TLS": "0",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(48), "RECOURS_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "RECOURS_RECEIPT_SALT": secrets.token_urlsafe(32), "PYTHONWARNINGS": "ignore",
    }


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(Path(tmp) / "bench.sqlite3")
        for command in (["migrate", "--noinput", "-v", "0"], ["load_reference_data"], ["load_demo_data"]):
            subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        server = subprocess.Popen(
            [PYTHON, "-m", "uvicorn", "recours.asgi:application", "--host", "127.0.0.1", "--port", str(args.port),
             "--log-level", "warning"], cwd=ROOT, env=env,
        )
        base = f"http://127.0.0.1:{args.port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            run(base, args.runs)
        finally:
            server.terminate()
            server.wait(timeout=10)


def run(base: str, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    import hashlib
    import json

    from django_otp.oath import TOTP  # what recours.accounts.otp.totp_token uses (no settings needed)

    def totp_token(key_hex: str, *, at: float) -> str:
        totp = TOTP(bytes.fromhex(key_hex), step=30, digits=6)
        totp.time = at
        return f"{totp.token():06d}"

    username = "conseillere.nantes"
    key = hashlib.sha1(f"recours-demo-totp:{username}".encode()).hexdigest()  # demo.services.demo_totp_key
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("RECOURS_E2E_CHROMIUM", "/usr/bin/chromium"),
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="fr-FR")
        page.goto(base + "/console/connexion/")
        page.get_by_label("Identifiant").fill(username)
        page.get_by_label("Mot de passe").fill("demo-console-recours")
        page.get_by_label("Code de votre application d'authentification").fill(totp_token(key, at=time.time()))
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_url(base + "/console/")
        page.goto(base + "/console/dossiers/")
        case_url = base + page.locator("#queue tbody tr .queue__open").first.get_attribute("href")
        loads = []
        for _ in range(runs):
            page.goto(case_url)
            timing = page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])")
            loads.append(json.loads(timing)["loadEventEnd"])
        searches = []
        box = page.get_by_label("Chercher une réponse type")
        for index in range(runs):
            words = SEARCHES[index % len(SEARCHES)]
            box.fill(words)
            with page.expect_response(lambda response: "reponses-types" in response.url):
                start = time.perf_counter()
                page.get_by_role("button", name="Chercher").click()
            page.wait_for_function("() => !document.querySelector('#template-results.htmx-request')")
            searches.append((time.perf_counter() - start) * 1000)
        browser.close()
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}; {runs} runs each, demo data, chromium 1280x800\n")
    print("| measure | runs | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|")
    for label, values in (("case page ready (load event)", loads), ("answer search answered", searches)):
        print(f"| {label} | {len(values)} | {statistics.median(values):.0f} | {p95(values):.0f} | {max(values):.0f} |")


if __name__ == "__main__":
    main()
