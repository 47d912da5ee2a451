"""Statistical disclosure control: which cells of the published tables stay hidden.

Pure functions on counts, no database. A table is published with its margins (row totals,
column totals, grand total), so a hidden cell must not be recomputable from them.

* Primary suppression: every count from 1 to `threshold - 1` is hidden (zeros reveal
  nobody and are published). Margins are cells too: a small row total is hidden as well.
* Secondary suppression (two-way tables). Think of the table *with* its margins as an
  (R+1) x (C+1) grid where each row sums to its total and each column to its total. The
  hidden cells are the edges of a bipartite graph (grid rows and grid columns as vertices).
  A hidden cell is determined by the published values exactly when its edge is a bridge of
  that graph (a cell on no cycle); a cell on a cycle can move by +e/-e around the cycle and
  every published value stays the same. So each hidden cell is put on a cycle: when it is on
  none, the cheapest rectangle through it (three more cells, all non-zero so the movement
  is possible in both directions) is hidden too. Cells on a cycle stay on it as more cells
  are hidden, so this ends with no hidden cell recomputable from the margins.
* One-way tables (a list and its total): zero or at least two hidden non-zero values.
* Several tables that share a margin (the same counts by domain under two tables): a margin
  value hidden in one is hidden in all (`protect_tables`), otherwise the other table's
  published margin would give it away; repeated until nothing changes.

This protects one table against exact recomputation by subtraction and by any linear
combination of its figures; it does not protect across queries (differencing two overlapping
periods or territories). What the observatory publishes to suppressed readers therefore goes
through the cell-key method below instead (`perturb_table`); the suppression functions stay
for tables published once and whole.

* Cell-key perturbation (`published_count`, `perturb_table`). Every record has a random,
  secret key (0..255). A published count's key is the sum of its records' keys mod 256, so
  the same set of records gets the same key whatever query publishes it. The noise added
  to a count is read from a fixed perturbation table (`noise`) indexed by the count and the
  key: the same cell always gets the same noise (asking again, or another way, teaches
  nothing), and two cells that differ by a few records get unrelated noises (subtracting
  them yields the difference plus noise). Zero stays zero; counts from 1 to threshold - 1
  are hidden; larger ones get a noise of at most `max_noise` either way and are never
  published below the threshold. Margins are perturbed as cells of their own (their own
  key), not summed from perturbed cells: a total may differ slightly from the sum of its
  lines. See docs/observatory.md for the reasoning and the limits.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

TOTAL = "__total__"
CELL_KEY_RANGE = 256


def cell_key(key_sum: int) -> int:
    """The key of a published cell from the sum of its records' keys."""
    return key_sum % CELL_KEY_RANGE


def noise_weights(max_noise: int) -> list[tuple[int, int]]:
    """The perturbation's distribution: (noise, weight) for -max_noise..max_noise, weights
    (max_noise + 1 - |noise|)^2 — small noises likelier, the extremes rare (D=2: 1, 4, 9, 4, 1)."""
    return [(e, (max_noise + 1 - abs(e)) ** 2) for e in range(-max_noise, max_noise + 1)]


def noise(count: int, key: int, *, max_noise: int) -> int:
    """The perturbation table: the noise for a count and a cell key.

    A fixed, public function (statistical offices publish their perturbation tables too):
    the secret is the records' keys. The (count, key) pair is hashed to a position in
    0..65535, read against the cumulative weights of `noise_weights`; hashing the count in
    makes a cell's noise unrelated to the noise of a cell one record larger or smaller.
    """
    if max_noise <= 0:
        return 0
    digest = hashlib.blake2b(f"{count}:{key}".encode(), digest_size=4, person=b"recours-ckm").digest()
    position = int.from_bytes(digest, "big") % 65536
    weights = noise_weights(max_noise)
    total = sum(w for _, w in weights)
    running = 0
    for value, weight in weights:
        running += weight
        if position < running * 65536 // total:
            return value
    return weights[-1][0]


def published_count(count: int, key: int, *, threshold: int, max_noise: int) -> int | None:
    """What a suppressed reader sees for a true count: 0, None (hidden: 1 to threshold - 1),
    or the count plus its noise, never below the threshold."""
    if count <= 0:
        return 0
    if count < threshold:
        return None
    return max(threshold, count + noise(count, key, max_noise=max_noise))


def is_primary(value: int, threshold: int) -> bool:
    return 0 < value < threshold


@dataclass
class Table:
    """A two-way table of counts with its margins, and which of its cells are hidden.

    `cells[(row, col)]` are the interior counts; rows and columns keep their given order.
    `row_key` / `col_key` name the margins for sharing between tables (e.g. "domain").
    """

    rows: list[Hashable]
    cols: list[Hashable]
    cells: dict[tuple[Hashable, Hashable], int]
    row_key: str = "rows"
    col_key: str = "cols"
    measure: str = "records"  # what is counted: margins are shared between tables of one measure
    hidden: set[tuple[Hashable, Hashable]] = field(default_factory=set)
    key_sums: dict[tuple[Hashable, Hashable], int] = field(default_factory=dict)  # interior cells' record key sums
    perturbed: dict[tuple[Hashable, Hashable], int | None] | None = None  # set by perturb_table

    @classmethod
    def from_counts(
        cls, counts: dict[tuple[Hashable, Hashable], int], *, rows=None, cols=None, row_key="rows", col_key="cols",
        measure="records", key_sums=None,
    ):
        rows = list(rows) if rows is not None else sorted({r for r, _ in counts}, key=str)
        cols = list(cols) if cols is not None else sorted({c for _, c in counts}, key=str)
        cells = {(r, c): int(counts.get((r, c), 0)) for r in rows for c in cols}
        keys = {(r, c): int((key_sums or {}).get((r, c), 0)) for r in rows for c in cols}
        return cls(rows=rows, cols=cols, cells=cells, row_key=row_key, col_key=col_key, measure=measure, key_sums=keys)

    def key_sum(self, row, col) -> int:
        """The sum of the keys of the records behind a grid cell (a margin's records are its lines')."""
        rows = self.rows if row == TOTAL else [row]
        cols = self.cols if col == TOTAL else [col]
        return sum(self.key_sums.get((r, c), 0) for r in rows for c in cols)

    # the extended grid: interior cells, then TOTAL row / column
    def value(self, row, col) -> int:
        if row != TOTAL and col != TOTAL:
            return self.cells[(row, col)]
        if row == TOTAL and col == TOTAL:
            return sum(self.cells.values())
        if row == TOTAL:
            return sum(self.cells[(r, col)] for r in self.rows)
        if col == TOTAL:
            return sum(self.cells[(row, c)] for c in self.cols)
        return self.cells[(row, col)]

    @property
    def grid_rows(self) -> list:
        return [*self.rows, TOTAL]

    @property
    def grid_cols(self) -> list:
        return [*self.cols, TOTAL]

    def published(self) -> dict[tuple[Hashable, Hashable], int | None]:
        """Every value of the grid (margins included), None where hidden; perturbed if perturb_table ran."""
        if self.perturbed is not None:
            return dict(self.perturbed)
        return {
            (r, c): None if (r, c) in self.hidden else self.value(r, c) for r in self.grid_rows for c in self.grid_cols
        }

    def row_total(self, row) -> int | None:
        return self.published()[(row, TOTAL)]

    def col_total(self, col) -> int | None:
        return self.published()[(TOTAL, col)]


def perturb_table(table: Table, *, threshold: int, max_noise: int) -> Table:
    """Publish every grid cell, margins included, through `published_count` with its own key."""
    table.perturbed = {
        (r, c): published_count(
            table.value(r, c), cell_key(table.key_sum(r, c)), threshold=threshold, max_noise=max_noise
        )
        for r in table.grid_rows
        for c in table.grid_cols
    }
    table.hidden = {cell for cell, value in table.perturbed.items() if value is None}
    return table


def _on_cycle(hidden: set, cell) -> bool:
    """Whether `cell` (an edge row-col) lies on a cycle of the hidden cells' bipartite graph:
    whether its two ends stay connected without it."""
    start, goal = ("r", cell[0]), ("c", cell[1])
    by_row, by_col = defaultdict(list), defaultdict(list)
    for r, c in hidden:
        if (r, c) != cell:
            by_row[r].append(c)
            by_col[c].append(r)
    seen, stack = {start}, [start]
    while stack:
        kind, name = stack.pop()
        neighbours = [("c", c) for c in by_row[name]] if kind == "r" else [("r", r) for r in by_col[name]]
        for vertex in neighbours:
            if vertex == goal:
                return True
            if vertex not in seen:
                seen.add(vertex)
                stack.append(vertex)
    return False


# What hiding a value costs, per unit, by kind of cell (0: interior, 1: a row or column
# total, 2: the grand total): readers look at totals first, the grand total most.
_MARGIN_WEIGHT = {0: 1, 1: 2, 2: 10}


def _best_rectangle(table: Table, values: dict, cell) -> list | None:
    """The three cells that, hidden with `cell`, close the cheapest rectangle around it.

    Only non-zero cells (a hidden zero cannot go down); already hidden cells cost nothing;
    otherwise the cost is the sum of the newly hidden values (less information lost), and
    totals cost more than interior cells, the grand total most (_MARGIN_WEIGHT).
    """
    row, col = cell
    best, best_cost = None, None
    for other_row in table.grid_rows:
        if other_row == row or values[(other_row, col)] == 0:
            continue
        for other_col in table.grid_cols:
            if other_col == col:
                continue
            corners = [(row, other_col), (other_row, col), (other_row, other_col)]
            if values[corners[0]] == 0 or values[corners[2]] == 0:
                continue
            cost = 0.0
            for corner in corners:
                if corner not in table.hidden:
                    cost += values[corner] * _MARGIN_WEIGHT.get(sum(1 for part in corner if part == TOTAL), 1)
            if best_cost is None or cost < best_cost:
                best, best_cost = corners, cost
    return best


def protect(table: Table, threshold: int, *, forced: Iterable = ()) -> Table:
    """Hide the small cells of `table` and enough others that none can be recomputed.

    `forced`: grid cells to hide whatever their value (margins hidden by another table).
    One pass is enough: a cell put on a cycle stays on it as more cells are hidden, and the
    cells a rectangle adds are on that rectangle. When no rectangle can close a cycle (a
    table too small or too empty), everything non-zero is hidden: publishing nothing is
    the safe failure.
    """
    values = {(r, c): table.value(r, c) for r in table.grid_rows for c in table.grid_cols}
    hidden = set(table.hidden) | set(forced)
    hidden |= {cell for cell, value in values.items() if is_primary(value, threshold)}
    table.hidden = hidden
    for cell in sorted(hidden, key=lambda c: (str(c[0]), str(c[1]))):
        if _on_cycle(table.hidden, cell):
            continue
        rectangle = _best_rectangle(table, values, cell)
        if rectangle is None:
            table.hidden = {cell for cell, value in values.items() if value > 0}
            return table
        table.hidden.update(rectangle)
    return table


@dataclass
class Series:
    """A one-way table: counts by one dimension, and their total."""

    labels: list[Hashable]
    counts: dict[Hashable, int]
    key: str = "series"
    hidden: set[Hashable] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def published(self) -> dict[Hashable, int | None]:
        values = {label: self.counts.get(label, 0) for label in self.labels} | {TOTAL: self.total}
        return {label: None if label in self.hidden else value for label, value in values.items()}


def protect_series(series: Series, threshold: int, *, forced: Iterable = ()) -> Series:
    """Hide the small counts, then, if exactly one value (count or total) is hidden, the
    smallest other non-zero count with it; a lone non-zero value left is hidden too."""
    values = {label: series.counts.get(label, 0) for label in series.labels} | {TOTAL: series.total}
    hidden = set(series.hidden) | set(forced) | {label for label, v in values.items() if is_primary(v, threshold)}
    if len(hidden) == 1:
        candidates = sorted((v, str(label), label) for label, v in values.items() if label not in hidden and v > 0 and label != TOTAL)
        if candidates:
            hidden.add(candidates[0][2])
        else:
            hidden |= {label for label, v in values.items() if v > 0}
    series.hidden = hidden
    return series


def protect_tables(tables: list[Table], threshold: int) -> list[Table]:
    """Protect tables that share margins: a margin hidden in one is hidden in every table
    that publishes the same margin (same `row_key` or `col_key`), until nothing changes."""
    while True:
        for table in tables:
            protect(table, threshold, forced=_forced_for(table, tables))
        if all(set(_forced_for(t, tables)) <= t.hidden for t in tables):
            return tables


def _hidden_margins(tables: list[Table]) -> dict[tuple[str, str], set]:
    margins: dict[tuple[str, str], set] = defaultdict(set)
    for table in tables:
        for r, c in table.hidden:
            if c == TOTAL and r != TOTAL:
                margins[(table.measure, table.row_key)].add(r)
            if r == TOTAL and c != TOTAL:
                margins[(table.measure, table.col_key)].add(c)
            if r == TOTAL and c == TOTAL:
                margins[(table.measure, TOTAL)].add(TOTAL)
    return margins


def _forced_for(table: Table, tables: list[Table]) -> list:
    margins = _hidden_margins(tables)
    forced = [(r, TOTAL) for r in margins.get((table.measure, table.row_key), ()) if r in table.rows]
    forced += [(TOTAL, c) for c in margins.get((table.measure, table.col_key), ()) if c in table.cols]
    if TOTAL in margins.get((table.measure, TOTAL), ()):
        forced.append((TOTAL, TOTAL))
    return forced
