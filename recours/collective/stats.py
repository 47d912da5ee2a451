"""Statistics of a paired testing campaign (pure: counts in, figures out).

Each test sends two profiles that differ only by the tested criterion to the same respondent;
a test is one of four cells:

    a: both treated favourably        b: only the reference profile (A)
    c: only the tested profile (B)    d: neither

Tests where neither profile got a favourable answer (d) say nothing about unequal treatment:
the shares are taken over the usable tests, n = a + b + c (the practice of situation testing
in France: ISM-CORUM, the DARES and the Défenseur des droits' testing campaigns).

* Share of tests favouring A: b / n; favouring B: c / n; equal treatment: a / n.
* Net discrimination rate: (b - c) / n.
* McNemar's exact test: under no discrimination, a discordant pair favours A or B with
  probability 1/2, so b follows Binomial(b + c, 1/2); the p-value is the two-sided binomial
  test (scipy.stats.binomtest).
* Confidence intervals (95 %): Wilson's score interval for each share (scipy's
  `proportion_ci(method="wilson")`), and the exact (Clopper–Pearson) interval of the share of
  discordant tests that favour A, b / (b + c) — the quantity McNemar's test compares with 1/2
  (no interval is given for the net rate itself: no simple interval for a difference of two
  shares of one multinomial sample holds well with the few dozen tests of a campaign).
"""

from __future__ import annotations

from dataclasses import dataclass

from scipy.stats import binomtest

CONFIDENCE = 0.95


@dataclass(frozen=True)
class PairedResult:
    a: int  # both favourable
    b: int  # only the reference profile
    c: int  # only the tested profile
    d: int  # neither
    usable: int
    share_a: float | None
    share_b: float | None
    share_equal: float | None
    share_a_ci: tuple[float, float] | None
    share_b_ci: tuple[float, float] | None
    net_rate: float | None
    discordant_a: float | None  # b / (b + c)
    discordant_a_ci: tuple[float, float] | None
    mcnemar_p: float | None

    @property
    def total(self) -> int:
        return self.a + self.b + self.c + self.d

    @property
    def significant(self) -> bool:
        return self.mcnemar_p is not None and self.mcnemar_p < 1 - CONFIDENCE


def _wilson(successes: int, n: int) -> tuple[float, float]:
    interval = binomtest(successes, n).proportion_ci(confidence_level=CONFIDENCE, method="wilson")
    return (float(interval.low), float(interval.high))


def paired_result(*, a: int, b: int, c: int, d: int) -> PairedResult:
    usable = a + b + c
    if usable == 0:
        return PairedResult(a, b, c, d, 0, None, None, None, None, None, None, None, None, None)
    discordant = b + c
    if discordant:
        test = binomtest(b, discordant, 0.5, alternative="two-sided")
        p_value = float(test.pvalue)
        interval = test.proportion_ci(confidence_level=CONFIDENCE, method="exact")
        discordant_a, discordant_a_ci = b / discordant, (float(interval.low), float(interval.high))
    else:
        p_value, discordant_a, discordant_a_ci = 1.0, None, None
    return PairedResult(
        a=a, b=b, c=c, d=d, usable=usable,
        share_a=b / usable, share_b=c / usable, share_equal=a / usable,
        share_a_ci=_wilson(b, usable), share_b_ci=_wilson(c, usable),
        net_rate=(b - c) / usable, discordant_a=discordant_a, discordant_a_ci=discordant_a_ci,
        mcnemar_p=p_value,
    )


def cells_of(tests) -> dict[str, int]:
    """The four cells from (a_favourable, b_favourable) pairs."""
    cells = {"a": 0, "b": 0, "c": 0, "d": 0}
    for a_ok, b_ok in tests:
        key = "a" if a_ok and b_ok else "b" if a_ok else "c" if b_ok else "d"
        cells[key] += 1
    return cells
