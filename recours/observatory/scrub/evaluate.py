"""Recall and precision of the scrubber on a corpus whose personal data is marked inline.

Markup: `{{TYPE:value}}`, TYPE being a placeholder's name (NOM, TÉLÉPHONE, ...). A marked
span counts as found when spans the engine gave the same type cover at least 80 % of its
characters; "protected" counts it when any placeholder covers it (what matters for privacy
is that it is gone, whatever its label). A span the engine gives is correct when it
overlaps a marked span of its type.

Kept words: of the words outside every marked span (a word being a run of letters or
digits), the share no placeholder touches: what a reader of the scrubbed text still has.
Blanking whole sentences would keep recall high and this share low.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from recours.observatory.scrub.engine import PLACEHOLDERS, find_entities

WORD = re.compile(r"\w+", re.UNICODE)
MARK = re.compile(r"\{\{([A-ZÉ_]+):(.*?)\}\}")
TYPE_OF_PLACEHOLDER = {placeholder.strip("[]"): entity for entity, placeholder in PLACEHOLDERS.items()}
COVERAGE = 0.8


@dataclass(frozen=True)
class Span:
    kind: str  # placeholder name: NOM, TÉLÉPHONE...
    start: int
    end: int


def parse_marked(marked: str) -> tuple[str, list[Span]]:
    """The plain text and its marked spans."""
    text, spans, cursor = [], [], 0
    length = 0
    for match in MARK.finditer(marked):
        before = marked[cursor : match.start()]
        text.append(before)
        length += len(before)
        kind, value = match.group(1), match.group(2)
        if kind not in TYPE_OF_PLACEHOLDER:
            raise ValueError(f"unknown type in corpus: {kind}")
        spans.append(Span(kind, length, length + len(value)))
        text.append(value)
        length += len(value)
        cursor = match.end()
    text.append(marked[cursor:])
    return "".join(text), spans


@dataclass
class Counts:
    gold: int = 0
    found: int = 0
    protected: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def protected_recall(self) -> float:
        return self.protected / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0


@dataclass
class Evaluation:
    by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (narrative id, type, value)
    false_alarms: list[tuple[str, str, str]] = field(default_factory=list)
    other_words: int = 0  # words outside every marked span
    kept_words: int = 0  # of those, the words no placeholder touches

    @property
    def kept_share(self) -> float:
        return self.kept_words / self.other_words if self.other_words else 1.0

    @property
    def total(self) -> Counts:
        total = Counts()
        for counts in self.by_type.values():
            for name in ("gold", "found", "protected", "predicted", "correct"):
                setattr(total, name, getattr(total, name) + getattr(counts, name))
        return total


def _covered(span: Span, predicted: list[tuple[str, int, int]], kind: str | None) -> bool:
    chars = set()
    for p_kind, start, end in predicted:
        if kind is None or p_kind == kind:
            chars.update(range(max(start, span.start), min(end, span.end)))
    return len(chars) >= COVERAGE * (span.end - span.start)


def evaluate(narratives: list[dict]) -> Evaluation:
    result = Evaluation()
    for narrative in narratives:
        text, gold = parse_marked(narrative["text"])
        predicted = [(f.placeholder.strip("[]"), f.start, f.end) for f in find_entities(text)]
        for span in gold:
            counts = result.by_type[span.kind]
            counts.gold += 1
            if _covered(span, predicted, span.kind):
                counts.found += 1
            else:
                result.misses.append((narrative["id"], span.kind, text[span.start : span.end]))
            if _covered(span, predicted, None):
                counts.protected += 1
        for word in WORD.finditer(text):
            if any(g.start < word.end() and word.start() < g.end for g in gold):
                continue
            result.other_words += 1
            if not any(start < word.end() and word.start() < end for _kind, start, end in predicted):
                result.kept_words += 1
        for kind, start, end in predicted:
            counts = result.by_type[kind]
            counts.predicted += 1
            if any(g.kind == kind and g.start < end and start < g.end for g in gold):
                counts.correct += 1
            else:
                result.false_alarms.append((narrative["id"], kind, text[start:end]))
    return result


def load_corpus(*paths: Path) -> list[dict]:
    """The narratives of one or more corpus files."""
    return [n for path in paths for n in json.loads(Path(path).read_text(encoding="utf-8"))["narratives"]]


def report(evaluation: Evaluation) -> str:
    lines = [f"{'type':<20} {'gold':>5} {'recall':>7} {'protected':>9} {'pred.':>6} {'precision':>9}"]
    for kind in sorted(evaluation.by_type):
        c = evaluation.by_type[kind]
        lines.append(f"{kind:<20} {c.gold:>5} {c.recall:>7.3f} {c.protected_recall:>9.3f} {c.predicted:>6} {c.precision:>9.3f}")
    t = evaluation.total
    lines.append(f"{'all':<20} {t.gold:>5} {t.recall:>7.3f} {t.protected_recall:>9.3f} {t.predicted:>6} {t.precision:>9.3f}")
    lines.append(f"kept words (outside marked spans): {evaluation.kept_words}/{evaluation.other_words} = {evaluation.kept_share:.3f}")
    return "\n".join(lines)
