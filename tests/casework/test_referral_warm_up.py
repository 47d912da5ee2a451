"""A web process lays out a PDF when it starts, so the first referral file is not the slow one
(bench/referral_pdf.py measures it; docs/performance.md has the figures)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys, threading
import recours.asgi  # what uvicorn imports
warm = [t for t in threading.enumerate() if t.name == "pdf-warm-up"]
for t in warm:
    t.join()
print(len(warm), "weasyprint" in sys.modules)
"""


def start_web_process(warm_up: str) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "recours.settings", "RECOURS_PDF_WARM_UP": warm_up,
           "SECRET_KEY": "x" * 50, "RECOURS_ENCRYPTION_KEYS": "q5Yy0gSfq9FfQv3L3h9k1m1Jr6o0aYq3pUoV2W8nq0Q=",
           "RECOURS_TLS": "0", "DJANGO_DEBUG": "0"}
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "PDF warm-up failed" not in done.stderr
    return done.stdout.strip()


def test_a_web_process_lays_out_a_pdf_when_it_starts():
    assert start_web_process("1") == "1 True"


def test_the_warm_up_can_be_turned_off():
    assert start_web_process("0") == "0 False"


def test_the_warm_up_needs_no_case_and_holds_nobody_s_data():
    from recours.casework.referral import _WARM_UP_DOCUMENT, pdf_warm_up

    pdf_warm_up()  # no database access (no db fixture): a case-less document
    assert not any(_WARM_UP_DOCUMENT["person"].values())
