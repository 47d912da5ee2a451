"""A paired testing campaign's figures, checked against values computed by hand.

The table: 16 tests; 6 where both profiles got a favourable answer (a), 8 only the reference
profile (b), 1 only the tested profile (c), 1 neither (d). Usable tests n = a + b + c = 15.

* share favouring A = 8/15 = 0.5333, favouring B = 1/15 = 0.0667, net rate = (8 - 1)/15 = 0.4667;
* McNemar exact: 9 discordant tests, P(X <= 1 | 9, 1/2) = (1 + 9)/512, two-sided 20/512 = 0.0390625;
* Wilson 95 % for 8/15 (z = 1.959964): centre (p + z²/2n)/(1 + z²/n) = 0.52654,
  half-width z·sqrt(p(1-p)/n + z²/4n²)/(1 + z²/n) = 0.22537 → [0.30117, 0.75190];
* Clopper-Pearson for 8/9 discordant favouring A: the upper bound solves 1 - p⁹ = 0.025,
  p = 0.975^(1/9) = 0.997191; the lower one p⁹ + 9p⁸(1 - p) = 0.025 → 0.517503.
"""

import pytest

from recours.collective.stats import cells_of, paired_result


def test_the_cells_of_a_list_of_tests():
    tests = [(True, True)] * 6 + [(True, False)] * 8 + [(False, True)] + [(False, False)]
    assert cells_of(tests) == {"a": 6, "b": 8, "c": 1, "d": 1}


def test_the_figures_match_the_hand_computation():
    result = paired_result(a=6, b=8, c=1, d=1)
    assert result.total == 16 and result.usable == 15
    assert result.share_a == pytest.approx(8 / 15)
    assert result.share_b == pytest.approx(1 / 15)
    assert result.net_rate == pytest.approx(7 / 15)
    assert result.mcnemar_p == pytest.approx(20 / 512)
    assert result.significant
    assert result.share_a_ci == pytest.approx((0.30117, 0.75190), abs=1e-4)
    assert result.discordant_a_ci == pytest.approx((0.517503, 0.997191), abs=1e-5)


def test_equal_treatment_is_not_significant():
    result = paired_result(a=10, b=2, c=2, d=0)
    assert result.net_rate == 0 and result.mcnemar_p == pytest.approx(1.0) and not result.significant


def test_no_usable_test_gives_no_figure():
    result = paired_result(a=0, b=0, c=0, d=3)
    assert result.usable == 0 and result.share_a is None and result.mcnemar_p is None
