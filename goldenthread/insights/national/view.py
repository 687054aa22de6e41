"""What the national page shows: one quarter, every site a row, the sum of all sites at the
bottom; any count from 1 to 10 hidden, with its complement, column by column, as on each
site's public dashboard."""

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from goldenthread.insights.national.figures import FIGURES, SiteQuarter, from_snapshot, site_names
from goldenthread.insights.periods import Quarter
from goldenthread.insights.stats import suppressed


@dataclass(frozen=True)
class NationalRow:
    site: str
    values: list[int | None]  # None: hidden


@dataclass(frozen=True)
class National:
    quarter: Quarter
    taken_at: datetime
    rows: list[NationalRow]
    total: list[int]


def national(folder: Path, quarter: Quarter) -> National | None:
    """None when no snapshot has been taken yet."""
    if not (folder / "sites.parquet").exists():
        return None
    with duckdb.connect() as db:
        table = from_snapshot(folder, quarter, quarter, db)
        names = site_names(folder, db)
    sites = sorted(names, key=lambda pk: names[pk])
    figures = [table.get((pk, str(quarter)), SiteQuarter()) for pk in sites]
    columns = []
    for name in FIGURES:
        counts = [getattr(f, name) for f in figures]
        columns.append(
            [None if hide else n for n, hide in zip(counts, suppressed(counts), strict=True)]
        )
    rows = [NationalRow(names[pk], [column[i] for column in columns]) for i, pk in enumerate(sites)]
    total = [sum(getattr(f, name) for f in figures) for name in FIGURES]
    taken = datetime.fromtimestamp((folder / "sites.parquet").stat().st_mtime, UTC)
    return National(quarter, taken, rows, total)
