"""Small cells are hidden, and hidden cells cannot be recomputed from totals or other tables."""

import pytest

from recours.observatory.disclosure import TOTAL, Series, Table, protect, protect_series, protect_tables
from tests.observatory.attack import feasible_values, recover_by_subtraction

THRESHOLD = 11


def table(rows, *, row_key="departement", col_key="domain", measure="records"):
    """A table from a list of rows of counts: rows r0, r1...; columns c0, c1..."""
    counts = {(f"r{i}", f"c{j}"): v for i, row in enumerate(rows) for j, v in enumerate(row)}
    return Table.from_counts(
        counts, rows=[f"r{i}" for i in range(len(rows))], cols=[f"c{j}" for j in range(len(rows[0]))],
        row_key=row_key, col_key=col_key, measure=measure,
    )


def test_a_count_below_the_threshold_is_hidden_and_others_are_published():
    t = protect(table([[50, 40, 30], [60, 5, 70], [80, 90, 100]]), THRESHOLD)
    published = t.published()
    assert published[("r1", "c1")] is None
    assert published[("r0", "c0")] is not None or published[("r2", "c2")] is not None


def test_zero_is_published():
    t = protect(table([[50, 40, 30], [60, 0, 70], [80, 90, 100]]), THRESHOLD)
    assert t.hidden == set()
    assert t.published()[("r1", "c1")] == 0


def test_the_threshold_itself_is_published():
    t = protect(table([[50, 40], [60, 11]]), THRESHOLD)
    assert t.hidden == set()


def test_a_lone_small_cell_cannot_be_recovered_by_subtracting_from_its_totals():
    t = protect(table([[50, 40, 30], [60, 5, 70], [80, 90, 100]]), THRESHOLD)
    assert recover_by_subtraction([t]) == {}


def test_every_hidden_cell_can_take_several_values_given_everything_published():
    t = protect(table([[12, 3, 25], [14, 18, 2], [20, 1, 16]]), THRESHOLD)
    for r, c in t.hidden:
        assert len(feasible_values([t], (0, r, c), bound=60)) >= 2, (r, c)


def test_a_small_row_total_is_hidden_with_its_cells():
    t = protect(table([[2, 3, 1], [40, 50, 60], [30, 35, 45]]), THRESHOLD)
    published = t.published()
    assert published[("r0", TOTAL)] is None
    for cell in [("r0", "c0"), ("r0", "c1"), ("r0", "c2")]:
        assert published[cell] is None
    assert recover_by_subtraction([t]) == {}


def test_two_small_cells_in_one_row_alone_would_be_a_bridge_and_are_completed_into_a_cycle():
    """Two hidden cells in one row and nothing else hidden: each column then has one hidden
    cell, recoverable from the column total. The rectangle rule hides more."""
    t = protect(table([[5, 7, 40], [30, 40, 50], [25, 35, 45]]), THRESHOLD)
    assert recover_by_subtraction([t]) == {}
    for r, c in t.hidden:
        assert len(feasible_values([t], (0, r, c), bound=80)) >= 2


def test_complementary_cells_are_never_zero_so_the_hidden_cell_can_move_both_ways():
    t = protect(table([[0, 4, 30], [0, 40, 50], [25, 35, 45]]), THRESHOLD)
    for r, c in t.hidden:
        assert t.value(r, c) > 0
    assert recover_by_subtraction([t]) == {}


def test_a_table_too_empty_to_protect_publishes_no_nonzero_value():
    t = protect(table([[3, 0], [0, 0]]), THRESHOLD)
    assert all(v in (None, 0) for v in t.published().values())


def test_a_margin_hidden_in_one_table_is_hidden_in_the_other_tables_that_publish_it():
    """By domain (columns) under two tables: département x domain hides the small total of
    c2; outcome x domain must not publish it, or the first table's hidden cells follow."""
    by_territory = table([[30, 40, 4], [50, 60, 3]], row_key="departement")
    by_outcome = table([[35, 45, 5], [45, 55, 2]], row_key="outcome")
    protect_tables([by_territory, by_outcome], THRESHOLD)
    assert by_territory.published()[(TOTAL, "c2")] is None
    assert by_outcome.published()[(TOTAL, "c2")] is None
    assert recover_by_subtraction([by_territory, by_outcome]) == {}


def test_protecting_tables_apart_would_leak_through_the_shared_margin():
    """The attack is real: protected one by one, the second table gives the first away."""
    by_territory = protect(table([[30, 40, 4], [50, 60, 3]], row_key="departement"), THRESHOLD)
    by_outcome = table([[35, 45, 5], [45, 55, 2]], row_key="outcome")
    by_outcome.cells = {k: v for k, v in by_outcome.cells.items()}
    by_outcome.hidden = set()  # published whole, as a careless publisher would
    assert recover_by_subtraction([by_territory, by_outcome]) != {}


def test_tables_of_different_measures_do_not_share_margins():
    records = table([[30, 40, 4], [50, 60, 3]], measure="records")
    mentions = table([[35, 45, 50], [45, 55, 20]], measure="mentions")
    protect_tables([records, mentions], THRESHOLD)
    assert mentions.hidden == set()


@pytest.mark.parametrize(
    "counts, expect_hidden_at_least",
    [({"a": 50, "b": 4, "c": 30}, 2), ({"a": 50, "b": 4, "c": 3}, 2), ({"a": 50, "b": 40}, 0)],
)
def test_a_series_hides_small_counts_and_never_exactly_one_value(counts, expect_hidden_at_least):
    s = protect_series(Series(labels=list(counts), counts=counts), THRESHOLD)
    assert len(s.hidden) >= expect_hidden_at_least
    assert len(s.hidden) != 1
    published = s.published()
    if len([v for v in published.values() if v is None]) >= 1:
        unknown = [k for k, v in published.items() if v is None and k != TOTAL]
        assert len(unknown) >= 2 or published[TOTAL] is None


def test_the_minimum_cell_size_is_a_setting_with_a_default_of_eleven(settings):
    from django.conf import settings as django_settings

    assert django_settings.RECOURS_OBSERVATORY_MIN_CELL == 11


# --- cell-key perturbation (issue 15: protection across queries) -----------------------------------

from recours.observatory.disclosure import cell_key, noise, noise_weights, perturb_table, published_count  # noqa: E402

D = 2


def test_the_same_count_and_key_always_get_the_same_noise():
    assert [noise(40, 17, max_noise=D) for _ in range(5)] == [noise(40, 17, max_noise=D)] * 5


def test_the_noise_is_bounded_and_every_value_of_the_table_occurs():
    values = {noise(n, k, max_noise=D) for n in range(11, 80) for k in range(256)}
    assert values == set(range(-D, D + 1))


def test_the_noise_follows_the_published_weights():
    from collections import Counter

    counts = Counter(noise(n, k, max_noise=D) for n in range(11, 211) for k in range(256))
    total = sum(w for _, w in noise_weights(D))
    for value, weight in noise_weights(D):
        assert abs(counts[value] / sum(counts.values()) - weight / total) < 0.01


def test_zero_stays_zero_small_counts_are_hidden_and_nothing_is_published_below_the_threshold():
    assert published_count(0, 200, threshold=THRESHOLD, max_noise=D) == 0
    assert all(published_count(n, k, threshold=THRESHOLD, max_noise=D) is None for n in range(1, 11) for k in range(256))
    published = [published_count(n, k, threshold=THRESHOLD, max_noise=D) for n in range(11, 40) for k in range(256)]
    assert min(published) == THRESHOLD


def test_a_margin_is_perturbed_as_a_cell_of_its_own_with_the_key_of_its_records():
    t = Table.from_counts(
        {("a", "x"): 20, ("a", "y"): 30, ("b", "x"): 40, ("b", "y"): 3},
        key_sums={("a", "x"): 100, ("a", "y"): 200, ("b", "x"): 300, ("b", "y"): 7},
    )
    perturb_table(t, threshold=THRESHOLD, max_noise=D)
    published = t.published()
    assert published[("b", "y")] is None and t.hidden == {("b", "y")}
    assert published[("a", TOTAL)] == published_count(50, cell_key(300), threshold=THRESHOLD, max_noise=D)
    assert published[(TOTAL, TOTAL)] == published_count(93, cell_key(607), threshold=THRESHOLD, max_noise=D)


def test_the_same_records_get_the_same_published_count_in_any_table():
    """A département's total under the national table and the grand total of its own table."""
    national = Table.from_counts({("44", "x"): 25, ("75", "x"): 30}, key_sums={("44", "x"): 1234, ("75", "x"): 99})
    own = Table.from_counts({("2026-01", "x"): 10, ("2026-02", "x"): 15},
                            key_sums={("2026-01", "x"): 1000, ("2026-02", "x"): 234})
    for t in (national, own):
        perturb_table(t, threshold=THRESHOLD, max_noise=D)
    assert national.published()[("44", TOTAL)] == own.published()[(TOTAL, TOTAL)]


def test_the_noise_can_be_set_in_settings_with_a_default_of_two():
    from django.conf import settings as django_settings

    assert django_settings.RECOURS_OBSERVATORY_MAX_NOISE == 2
