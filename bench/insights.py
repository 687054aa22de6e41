"""Insights at scale. Every site dashboard on the large demo site, served by gunicorn and
timed by its Server-Timing header; the site's quarter figures computed by the ORM and by
DuckDB over its snapshot, for the engine choice; and the national view over a synthetic
snapshot of 100 sites (10 million contacts, 1 million bookings) written by DuckDB itself,
against the same aggregation written directly in DuckDB, in the same run."""

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import duckdb

from bench.client import SignedInClient
from goldenthread.casework.models import Contact
from goldenthread.insights.national.figures import QUERIES, from_database, from_snapshot
from goldenthread.insights.national.snapshot import snapshot_write
from goldenthread.insights.national.view import national
from goldenthread.insights.periods import Quarter
from goldenthread.insights.public import compute as public_figures
from goldenthread.insights.services import evaluation_refresh
from goldenthread.legal.models import LegalMatter, MatterKind
from goldenthread.organizations.models import Site
from goldenthread.people.models import Person

SITES = 100
CONTACTS = 10_000_000
BOOKINGS = 1_000_000
PEOPLE_PER_SITE = 5_000
YEARS = 5
REPEAT = 15
WARMUP = 3


def best_of(run: Callable[[], Any], repeat: int = REPEAT) -> float:
    """The median of `repeat` runs after one warm-up, in seconds."""
    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pages(base: str, client: SignedInClient, paths: list[str]) -> dict[str, dict[str, float]]:
    """Each page's server time (median and largest of REPEAT sequential requests)."""
    found = {}
    for path in paths:
        for _ in range(WARMUP):
            client.timed_get(base + path)
        server = [client.timed_get(base + path)[0] for _ in range(REPEAT)]
        found[path] = {"median_ms": statistics.median(server), "max_ms": max(server)}
    return found


def site_engines(site: Site) -> dict[str, Any]:
    """The large site's figures for its current quarter, by the ORM and by DuckDB over a
    snapshot of the same database (written here, not timed)."""
    quarter = Quarter.of(site.today())
    started = time.perf_counter()
    folder = snapshot_write(Path(tempfile.mkdtemp(prefix="gt-site-snapshot-")) / "national")
    written = time.perf_counter() - started
    orm = best_of(lambda: from_database(quarter, quarter))
    duck = best_of(lambda: from_snapshot(folder, quarter, quarter))
    assert from_database(quarter, quarter) == from_snapshot(folder, quarter, quarter)
    return {"orm_s": orm, "duckdb_s": duck, "snapshot": str(folder), "snapshot_s": written}


def network_counts() -> dict[str, int]:
    return {
        "sites": Site.objects.count(),
        "participants": Person.objects.count(),
        "contacts": Contact.objects.count(),
        "bookings": LegalMatter.objects.filter(kind=MatterKind.BOOKING).count(),
    }


def synthetic_snapshot(folder: Path) -> None:
    """100 sites' five years, written straight to parquet by DuckDB: deterministic (every
    value a hash of its row number), no person anywhere, only keys."""
    folder.mkdir(parents=True, exist_ok=True)
    days = 365 * YEARS
    with duckdb.connect() as db:
        db.execute(
            f"COPY (SELECT i AS site_id, 'Site ' || lpad(i::VARCHAR, 3, '0') AS name"
            f" FROM range(1, {SITES + 1}) t(i)) TO '{folder}/sites.parquet' (FORMAT parquet)"
        )
        db.execute(
            f"""COPY (SELECT 1 + hash(i, 1) % {SITES} AS site_id,
                       (hash(i, 2) % {PEOPLE_PER_SITE})::VARCHAR AS person_key,
                       DATE '2026-12-31' - (hash(i, 3) % {days})::INTEGER AS occurred_on,
                       hash(i, 4) % 10 < 6 AS substantive,
                       hash(i, 5) % 10 < 7 AS in_person,
                       hash(i, 6) % 10 < 8 AS in_field
                FROM range({CONTACTS}) t(i))
            TO '{folder}/contacts.parquet' (FORMAT parquet)"""
        )
        db.execute(
            f"""COPY (SELECT 1 + hash(i, 7) % {SITES} AS site_id,
                       (hash(i, 8) % {PEOPLE_PER_SITE})::VARCHAR AS person_key,
                       DATE '2026-12-31' - (hash(i, 9) % {days})::INTEGER AS booked_on
                FROM range({BOOKINGS}) t(i))
            TO '{folder}/bookings.parquet' (FORMAT parquet)"""
        )
        db.execute(
            f"""COPY (SELECT 1 + hash(i, 10) % {SITES} AS site_id,
                       'social_contact' AS door,
                       DATE '2026-12-31' - (hash(i, 11) % {days})::INTEGER AS submitted_on,
                       CASE WHEN hash(i, 12) % 10 < 7
                            THEN DATE '2026-12-31' - (hash(i, 11) % {days})::INTEGER + 9
                       END AS enrolled_on
                FROM range(200000) t(i))
            TO '{folder}/referrals.parquet' (FORMAT parquet)"""
        )


def direct(folder: Path, quarter: Quarter) -> list[list[tuple[Any, ...]]]:
    """The same four aggregations written directly in DuckDB: no Python around them."""
    with duckdb.connect() as db:
        return [
            db.execute(
                sql, [str(folder / f"{file}.parquet"), quarter.first_day, quarter.last_day]
            ).fetchall()
            for sql, file, _names in QUERIES
        ]


def national_figures(folder: Path, quarter: Quarter) -> dict[str, float]:
    view = best_of(lambda: national(folder, quarter))
    plain = best_of(lambda: direct(folder, quarter))
    board = national(folder, quarter)
    assert board is not None and len(board.rows) == SITES
    return {"view_s": view, "direct_s": plain, "ratio": view / plain}


Served = Callable[[], AbstractContextManager[str]]


def dashboards(
    slug: str, served: Served, seed: int
) -> tuple[dict[str, dict[str, float]], dict[str, Any], float]:
    """Every site dashboard of the large site, the engines, and the nightly evaluation's
    time. The caller has built the large demo site and serves it."""
    site = Site.objects.get(slug=slug)
    start = time.perf_counter()
    evaluation_refresh(site=site)
    nightly = time.perf_counter() - start
    engines = site_engines(site)
    # The public dashboard is cached for minutes; this is what computing it costs.
    engines["public_compute_s"] = best_of(
        lambda: public_figures(site, Quarter.of(site.today()).previous()), repeat=5
    )
    previous = Quarter.of(site.today()).previous()
    area = (site.program_areas or [""])[0]
    os.environ["GT_SNAPSHOT_DIR"] = engines["snapshot"]
    with served() as base:
        client = SignedInClient.wait_for(base)
        manager = SignedInClient()
        manager.sign_in(base, "pm.ramirez", seed)
        found = pages(
            base,
            manager,
            [
                "/insights/",
                f"/insights/?quarter={previous}",
                f"/insights/?area={area.replace(' ', '+')}",
                "/insights/?by=officer",
                "/insights/outcomes/",
                "/insights/report/",
                "/insights/export.csv",
                "/insights/national/",
            ],
        )
        found.update(pages(base, client, [f"/s/{slug}/dashboard/"]))
    return found, engines, nightly


def national_page(folder: Path, quarter: Quarter, served: Served, seed: int) -> dict[str, float]:
    """The national page itself over the synthetic snapshot, served by gunicorn."""
    os.environ["GT_SNAPSHOT_DIR"] = str(folder)
    with served() as base:
        SignedInClient.wait_for(base)
        manager = SignedInClient()
        manager.sign_in(base, "pm.ramirez", seed)
        return pages(base, manager, [f"/insights/national/?quarter={quarter}"])[
            f"/insights/national/?quarter={quarter}"
        ]
