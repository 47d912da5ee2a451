"""An attacker of published tables, independent of the code under test.

It knows every published value, that each grid row sums to its total and each column to
its total, that tables of one measure share their margins, and that counts are whole and
not negative. `recover_by_subtraction` does what a reader with a calculator does;
`feasible_values` searches every table consistent with what was published.
"""

from __future__ import annotations

from recours.observatory.disclosure import TOTAL


def _equations(tables):
    """Variables: (table index, row, col) for hidden cells; equations: (terms, constant)
    meaning sum(sign * var) + constant == 0. Shared margins are tied by equalities."""
    known, unknown, equations = {}, set(), []
    for i, table in enumerate(tables):
        published = table.published()
        for (r, c), value in published.items():
            if value is None:
                unknown.add((i, r, c))
            else:
                known[(i, r, c)] = value
        for r in table.grid_rows:
            equations.append(([((i, r, c), 1) for c in table.cols] + [((i, r, TOTAL), -1)]))
        for c in table.grid_cols:
            equations.append(([((i, r, c), 1) for r in table.rows] + [((i, TOTAL, c), -1)]))
    margins = {}
    for i, table in enumerate(tables):
        for r in table.rows:
            margins.setdefault((table.measure, table.row_key, r), []).append((i, r, TOTAL))
        for c in table.cols:
            margins.setdefault((table.measure, table.col_key, c), []).append((i, TOTAL, c))
        margins.setdefault((table.measure, TOTAL, TOTAL), []).append((i, TOTAL, TOTAL))
    for cells in margins.values():
        for a, b in zip(cells, cells[1:]):
            equations.append([(a, 1), (b, -1)])
    return known, unknown, equations


def recover_by_subtraction(tables) -> dict:
    """Every hidden value a reader can compute by subtracting published values from totals."""
    known, unknown, equations = _equations(tables)
    values = dict(known)
    recovered = {}
    changed = True
    while changed:
        changed = False
        for terms in equations:
            missing = [(var, sign) for var, sign in terms if var not in values]
            if len(missing) == 1:
                var, sign = missing[0]
                rest = sum(values[v] * s for v, s in terms if v in values)
                values[var] = -rest * sign
                recovered[var] = values[var]
                changed = True
    return recovered


def feasible_values(tables, target, *, bound: int, enough: int = 2) -> set[int]:
    """Values the hidden cell `target` = (table index, row, col) can take in some table
    consistent with everything published (stops once `enough` values are found)."""
    known, unknown, equations = _equations(tables)
    order = sorted(unknown, key=str)
    found: set[int] = set()

    def check(values) -> bool:
        for terms in equations:
            if all(v in values for v, _ in terms) and sum(values[v] * s for v, s in terms) != 0:
                return False
        return True

    def search(values):
        if len(found) >= enough:
            return
        # propagate: an equation with one unknown fixes it
        for terms in equations:
            missing = [(var, sign) for var, sign in terms if var not in values]
            if len(missing) == 1:
                var, sign = missing[0]
                value = -sum(values[v] * s for v, s in terms if v in values) * sign
                if value < 0 or value > bound:
                    return
                search({**values, var: value})
                return
        if not check(values):
            return
        free = [v for v in order if v not in values]
        if not free:
            found.add(values[target])
            return
        for value in range(bound + 1):
            search({**values, free[0]: value})
            if len(found) >= enough:
                return

    search(dict(known))
    return found


class PublishedGrid:
    """A table as a reader rebuilds it from an export (long form: one row per cell, margins
    as "TOTAL"), for the attacks above."""

    def __init__(self, rows: list[dict], *, row_key: str, col_key: str, measure: str = "records"):
        self.row_key, self.col_key, self.measure = row_key, col_key, measure
        self.rows = list(dict.fromkeys(r[row_key] for r in rows if r[row_key] != "TOTAL"))
        self.cols = list(dict.fromkeys(r[col_key] for r in rows if r[col_key] != "TOTAL"))
        self._published = {
            (TOTAL if r[row_key] == "TOTAL" else r[row_key], TOTAL if r[col_key] == "TOTAL" else r[col_key]):
                None if r["effectif"] in ("", None) else int(r["effectif"])
            for r in rows
        }

    @property
    def grid_rows(self):
        return [*self.rows, TOTAL]

    @property
    def grid_cols(self):
        return [*self.cols, TOTAL]

    def published(self):
        return self._published


# --- differencing across queries --------------------------------------------------------------
#
# The attack of issue 15: ask overlapping queries, subtract. Every published cell counts a
# set of records (a bit mask over the crafted records: the attacker reasons on what each
# query's definition includes; the test supplies the sets from its own data). Knowing the
# publication rules — 0 is exact, a hidden cell holds 1 to threshold - 1, a published value
# p is the count plus a noise of at most `max_noise` either way, never below the threshold —
# each cell's count lies in an interval; for every pair of cells whose sets nest (B inside
# A), the records of A not in B number between lo(A) - hi(B) and hi(A) - lo(B). The attacker
# intersects, for each such difference, the intervals from every pair that yields it and
# from the cell that publishes it directly, if any.


def count_interval(value, *, threshold: int, max_noise: int) -> tuple[int, int]:
    """What a published value tells about the true count, under the publication rules."""
    if value == 0:
        return 0, 0
    if value is None:
        return 1, threshold - 1
    return max(threshold, value - max_noise), value + max_noise


def differencing_attack(cells: dict[tuple, int | None], *, threshold: int, max_noise: int) -> dict:
    """`cells`: (universe, mask) -> published value, a mask being a set of records as bits.
    Returns, for each set of 1 to threshold - 1 records that a published cell or a difference
    of two nested cells isolates, the interval of counts consistent with every equation.
    (Keeping only those sizes uses the truth to save time, never to help the attacker.)"""
    sizes = {mask: mask.bit_count() for _, mask in cells}
    intervals = {cell: count_interval(v, threshold=threshold, max_noise=max_noise) for cell, v in cells.items()}
    by_size: dict[tuple, list] = {}
    for (universe, mask) in cells:
        by_size.setdefault((universe, sizes[mask]), []).append(mask)
    known: dict[tuple, tuple[int, int]] = {}

    def narrow(key, lo, hi):
        old = known.get(key)
        known[key] = (max(lo, 0), hi) if old is None else (max(old[0], lo, 0), min(old[1], hi))

    for (universe, mask), (lo, hi) in intervals.items():
        if 1 <= sizes[mask] < threshold:
            narrow((universe, mask), lo, hi)
    for (universe, small_mask), (lo_b, hi_b) in intervals.items():
        size_b = sizes[small_mask]
        for extra in range(1, threshold):
            for big_mask in by_size.get((universe, size_b + extra), ()):
                if small_mask & ~big_mask:
                    continue  # B is not inside A
                lo_a, hi_a = intervals[(universe, big_mask)]
                narrow((universe, big_mask & ~small_mask), lo_a - hi_b, hi_a - lo_b)
    return known
