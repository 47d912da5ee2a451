"""Referral file PDF: the first render of a fresh process, with and without the warm-up.

    .venv/bin/python bench/referral_pdf.py [--runs 5]

Each run starts two fresh Python processes (Django set up, as a web process is):
  cold   renders a referral file three times and prints the time of each (the first one
         includes WeasyPrint's import and first layout: what the first adviser waited for);
  warm   first runs the warm-up (recours.casework.referral.pdf_warm_up, what recours/asgi.py
         starts in a background thread), prints its time, then renders three times.
The document is the real template (casework/referral_pdf.html) filled with a ~1,500-character
account; no database is needed. Prints the median over the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, os, sys, time
sys.path.insert(0, %(root)r)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
import django
django.setup()
from django.utils import timezone
from recours.casework import referral

doc = {
    "reference": "R1234567", "team": "Équipe de Nantes", "status": "ready",
    "person": {"last_name": "Martin", "first_name": "Awa", "address": "1 rue de la Paix", "postal_code": "44000",
               "city": "Nantes", "phone": "0612345678", "email": "awa@example.org"},
    "respondent": {"name": "Agence Immo", "kind": "landlord", "kind_label": "bailleur ou agence immobilière", "address": ""},
    "grounds": [{"code": "patronyme", "label": "Patronyme", "legal_source": "Code pénal, art. 225-1"}],
    "domain": {"code": "logement", "label": "Logement"},
    "facts": "Au téléphone, l'agence m'a dit que l'appartement était libre. " * 25,
    "dates": "Mars 2026", "steps_taken": "- Rien pour l'instant", "evidence": ["SMS de l'agence"],
    "requests": "Que l'agence s'explique.", "consent": {"given_at": "2026-03-01T10:00:00", "how": "par téléphone"},
    "prepared_by": "Juriste", 
}
out = {}
if %(warm)r:
    started = time.perf_counter()
    referral.pdf_warm_up()
    out["warm_up"] = time.perf_counter() - started
renders = []
for _ in range(3):
    started = time.perf_counter()
    pdf = referral.pdf_write(referral.referral_pdf_html(doc, consent_at=timezone.now()))
    renders.append(time.perf_counter() - started)
    assert pdf.startswith(b"%%PDF")
out["renders"] = renders
print(json.dumps(out))
"""


def child(warm: bool) -> dict:
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", CHILD % {"root": str(ROOT), "warm": warm}],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    if load > 1.0:
        print(f"warning: load average {load:.1f} before the start: figures are distorted by other work")
    cold, warm = [], []
    for _ in range(args.runs):
        cold.append(child(False))
        warm.append(child(True))

    def median(values):
        return statistics.median(values)

    print(f"runs: {args.runs} (median of each figure)")
    print("cold process:  first {:.2f} s   second {:.2f} s   third {:.2f} s".format(
        *(median([run["renders"][i] for run in cold]) for i in range(3))))
    print("after warm-up: first {:.2f} s   second {:.2f} s   third {:.2f} s   (warm-up itself {:.2f} s, in the background)".format(
        *(median([run["renders"][i] for run in warm]) for i in range(3)), median([run["warm_up"] for run in warm])))


if __name__ == "__main__":
    main()
