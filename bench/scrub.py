"""Narrative scrubbing: narratives per second on one core, recall and precision per type.

    .venv/bin/python bench/scrub.py [--repeat 5] [--corpus PATH ...]

Builds the engine once (its cold start is printed apart), then scrubs every narrative of
the corpus `--repeat` times in this one process and thread (one core) and prints the rate,
then the evaluation (recall, "protected" recall, precision) for each corpus file:
tests/observatory/corpus/narratives.json (the recognisers were tuned on it) and heldout.json
(written afterwards, never tuned on: the honest figure). Needs no database.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: no BLAS threads either

TARGET_RATE = 20.0
TARGET_RECALL = 0.95
CORPORA = [ROOT / "tests/observatory/corpus/narratives.json", ROOT / "tests/observatory/corpus/heldout.json"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus", type=Path, action="append")
    args = parser.parse_args()

    import django

    django.setup()
    from recours.observatory.scrub.engine import get_engine
    from recours.observatory.scrub.evaluate import evaluate, load_corpus, parse_marked, report

    load = os.getloadavg()[0]
    if load > 1.0:
        print(f"warning: load average {load:.1f} before the start: figures are distorted by other work")
    started = time.perf_counter()
    engine = get_engine()
    print(f"engine cold start: {time.perf_counter() - started:.2f} s")

    corpora = args.corpus or CORPORA
    texts = [parse_marked(n["text"])[0] for path in corpora for n in load_corpus(path)]
    engine.scrub(texts[0])  # warm-up
    rates = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        for text in texts:
            engine.scrub(text)
        rates.append(len(texts) / (time.perf_counter() - started))
    chars = statistics.mean(len(t) for t in texts)
    print(
        f"{len(texts)} narratives (mean {chars:.0f} characters) x {args.repeat}: "
        f"median {statistics.median(rates):.1f} narratives/s, worst {min(rates):.1f}/s on one core "
        f"(target {TARGET_RATE:.0f}/s)"
    )
    for path in corpora:
        evaluation = evaluate(load_corpus(path))
        print(f"\n{path.relative_to(ROOT)}:")
        print(report(evaluation))
        total = evaluation.total
        print(f"recall {total.recall:.3f} (target {TARGET_RECALL}), precision {total.precision:.3f}")
        for narrative_id, kind, value in evaluation.misses:
            print(f"  missed {kind} in {narrative_id}: {value!r}")
        for narrative_id, kind, value in evaluation.false_alarms:
            print(f"  false alarm {kind} in {narrative_id}: {value!r}")


if __name__ == "__main__":
    main()
