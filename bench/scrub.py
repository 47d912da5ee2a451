"""Narrative scrubbing: narratives per second on one core, recall, precision, kept words.

    .venv/bin/python bench/scrub.py [--repeat 5] [--model fr_core_news_md] [--corpus PATH ...]

Builds the engine once (its cold start is printed apart), then scrubs every narrative of
the held-out corpus `--repeat` times in this one process and thread (one core) and prints
the rate (wall clock, and per CPU-second of this process, which the load of a shared machine
distorts far less), then the evaluation (recall, "protected" recall, precision, share of the other
words kept) for each corpus file: tests/observatory/corpus/heldout.json (written last,
never tuned on: the honest figure) and narratives.json (the recognisers were tuned on it:
flattering). Needs no database. Pin it to one core with `taskset -c 1`.
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
TARGET_RECALL = 0.98
TARGET_KEPT = 0.93
CORPORA = [ROOT / "tests/observatory/corpus/heldout.json", ROOT / "tests/observatory/corpus/narratives.json"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--model", help="spaCy pipeline (default: settings.RECOURS_OBSERVATORY_SCRUB_MODEL)")
    parser.add_argument("--corpus", type=Path, action="append", help="corpus file(s); the first is timed")
    parser.add_argument("--quiet", action="store_true", help="figures only, not each miss and false alarm")
    args = parser.parse_args()

    import django

    django.setup()
    from recours.observatory.scrub import engine as scrub_engine
    from recours.observatory.scrub.evaluate import evaluate, load_corpus, parse_marked, report

    load = os.getloadavg()[0]
    if load > 1.0:
        print(f"warning: load average {load:.1f} before the start: figures are distorted by other work")
    model = args.model or scrub_engine.configured_model()
    started = time.perf_counter()
    engine = scrub_engine.ScrubEngine(model)
    scrub_engine._engine = engine  # what find_entities (the evaluation) uses
    print(f"model {model}; engine cold start: {time.perf_counter() - started:.2f} s")

    corpora = args.corpus or CORPORA
    texts = [parse_marked(n["text"])[0] for n in load_corpus(corpora[0])]
    engine.scrub(texts[0])  # warm-up
    rates, cpu_rates = [], []
    for _ in range(args.repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        for text in texts:
            engine.scrub(text)
        rates.append(len(texts) / (time.perf_counter() - started))
        cpu_rates.append(len(texts) / (time.process_time() - cpu_started))
    chars = statistics.mean(len(t) for t in texts)
    print(
        f"speed, {corpora[0].name}: {len(texts)} narratives (mean {chars:.0f} characters) x {args.repeat}: "
        f"median {statistics.median(rates):.1f} narratives/s, worst {min(rates):.1f}/s on one core "
        f"(target {TARGET_RATE:.0f}/s)"
    )
    # CPU time of this process only: what other jobs on a shared machine distort least
    print(f"CPU time: median {statistics.median(cpu_rates):.1f} narratives per CPU-second (load average now {os.getloadavg()[0]:.1f})")
    for path in corpora:
        evaluation = evaluate(load_corpus(path))
        print(f"\n{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({len(load_corpus(path))} narratives):")
        print(report(evaluation))
        total = evaluation.total
        print(
            f"recall {total.recall:.3f} typed, {total.protected_recall:.3f} protected (target {TARGET_RECALL}), "
            f"precision {total.precision:.3f}, kept words {evaluation.kept_share:.3f} (target {TARGET_KEPT})"
        )
        if args.quiet:
            continue
        for narrative_id, kind, value in evaluation.misses:
            print(f"  missed {kind} in {narrative_id}: {value!r}")
        for narrative_id, kind, value in evaluation.false_alarms:
            print(f"  false alarm {kind} in {narrative_id}: {value!r}")


if __name__ == "__main__":
    main()
