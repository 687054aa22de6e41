"""k-anonymity for the evaluation extract: every combination of the quasi-identifiers that
appears in it appears at least k times (k set by the site).

Rows in a combination seen fewer than k times are generalized one quasi-identifier at a
time, the least useful to an evaluation first (area, then race and ethnicity, then age,
then sex), only for the rows that need it; rows still in too small a combination after all
four are left out, and the extract says how many. `smallest_group` is the check, run on
what is written.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from goldenthread.evaluation.dictionary import QUASI_IDENTIFIERS

ANY = "any"
# The order quasi-identifiers are given up in.
GIVE_UP_ORDER = ("area", "race_ethnicity", "age_band", "sex")

Row = dict[str, Any]


def _key(row: Row) -> tuple[Any, ...]:
    return tuple(row[name] for name in QUASI_IDENTIFIERS)


def smallest_group(rows: Sequence[Row]) -> int:
    """The size of the rarest combination of quasi-identifiers (0 for no rows)."""
    counts = Counter(_key(row) for row in rows)
    return min(counts.values(), default=0)


@dataclass(frozen=True)
class Result:
    rows: list[Row]
    generalized: Counter[str]  # quasi-identifier -> rows it was given up for
    suppressed: int


def k_anonymous(rows: Sequence[Row], k: int, *, rare_areas: bool = True) -> Result:
    """The rows made k-anonymous (copies; the input is left as it is)."""
    work = [dict(row) for row in rows]
    generalized: Counter[str] = Counter()
    if rare_areas:
        # An area with fewer than k people names a few streets' worth of them.
        areas = Counter(row["area"] for row in work)
        for row in work:
            if areas[row["area"]] < k:
                row["area"] = "other"
    for name in GIVE_UP_ORDER:
        counts = Counter(_key(row) for row in work)
        for row in work:
            if counts[_key(row)] < k and row[name] != ANY:
                row[name] = ANY
                generalized[name] += 1
    counts = Counter(_key(row) for row in work)
    kept = [row for row in work if counts[_key(row)] >= k]
    return Result(kept, generalized, len(work) - len(kept))
