"""`make bench`: the figures recorded in docs/benchmarks.md.

1. Argon2id: the cost of hashing and of checking one password with the project's hasher.
2. The home page ("my work") against /healthz, 8 concurrent clients, served by gunicorn on
   a fresh SQLite database holding the large synthetic site. Both are measured in the same
   run, so the ratio holds whatever the machine. Server time is read from each response's
   Server-Timing header; latency is what the client saw.
3. The participant list with and without the access policy (bench/participants.py).
4. Referrals (bench/referrals.py): submission through the officer's form and the API, and
   the project manager's queue at 1,000 open referrals, against /healthz.
5. Case management (bench/casework.py): the case manager's caseload page and the timeline
   of the participant with the longest story, against /healthz, and their query counts.
6. Identity resolution (bench/identity.py): 1,000 incoming records against 1,000,000
   people, end to end against a bare Splink predict_between; one record at a time, as a
   pushed booking brings it; rebuilding a million records.
   `python -m bench.run identity` runs only this part.
7. Case conferencing (bench/conferencing.py): the whole-site agenda built over the large
   site, and a meeting page of 40 items against /healthz, with its query counts at 10 and
   40 items.
8. Feeds (bench/legal.py): 100,000 jail booking rows against 100,000 people, the same file
   again, a pushed booking to its notification, and a SIGKILL crash drill.
   `python -m bench.run legal` runs only this part.
9. Insights, lodging and outreach pages, and the HMIS export of the large site
   (`python -m bench.run insights`, `lodging`, `hmis` run one each).
10. The API's list endpoints on the large site (bench/api.py), against /healthz, and their
   queries at 20 and 200 rows (`python -m bench.run api`).
11. Backing up and restoring the large site with its check (`python -m bench.run restore`;
   `python -m bench.run api restore` builds the site once for both).
12. The national network (`python -m bench.run national`, not part of `make bench`: about
   an hour): `manage.py demo --size national` timed, then every dashboard of its first
   site and the national view over the snapshot written from its database.
   GT_BENCH_DATABASE=<file> measures a network built before instead of building one.
"""

import io
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import django

# The benchmark builds its own large site in a scratch SQLite file, never the demo's.
SCRATCH = tempfile.TemporaryDirectory(prefix="gt-bench-")
os.environ["GT_SQLITE_PATH"] = os.environ.get("GT_BENCH_DATABASE") or str(
    Path(SCRATCH.name) / "bench.sqlite3"
)
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldenthread.settings")
django.setup()

from django.contrib.auth.hashers import check_password, make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402

from bench import (  # noqa: E402
    api,
    casework,
    conferencing,
    evaluation,
    hmis,
    identity,
    insights,
    legal,
    lodging,
    outreach,
    participants,
    referrals,
)
from bench.client import SignedInClient  # noqa: E402
from goldenthread.backups import services as backups  # noqa: E402
from goldenthread.demo.personas import SITE_SLUG  # noqa: E402
from goldenthread.insights.periods import Quarter  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED = 2011
CONCURRENCY = 8
REQUESTS_PER_CLIENT = 100
WARMUP = 40


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def argon2_cost() -> dict[str, Any]:
    hashes, checks = [], []
    encoded = ""
    for _ in range(20):
        started = time.perf_counter()
        encoded = make_password("a long passphrase for the benchmark")
        hashes.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        check_password("a long passphrase for the benchmark", encoded)
        checks.append((time.perf_counter() - started) * 1000)
    return {
        "hash_ms": statistics.median(hashes),
        "check_ms": statistics.median(checks),
        "params": encoded.split("$")[3],
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure(base: str, path: str, cookie_client: SignedInClient) -> dict[str, float]:
    def one_client(_: int) -> list[tuple[float, float]]:
        client = cookie_client.clone()
        return [client.timed_get(base + path) for _ in range(REQUESTS_PER_CLIENT)]

    for _ in range(WARMUP):
        cookie_client.timed_get(base + path)
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        samples = [s for batch in pool.map(one_client, range(CONCURRENCY)) for s in batch]
    server = [s for s, _ in samples]
    latency = [c for _, c in samples]
    return {
        "server_p50": percentile(server, 0.50),
        "server_p95": percentile(server, 0.95),
        "latency_p50": percentile(latency, 0.50),
        "latency_p95": percentile(latency, 0.95),
        "n": len(samples),
    }


def main() -> None:
    cost = argon2_cost()
    call_command("migrate", "--noinput", verbosity=0)
    call_command("demo", "--seed", str(SEED), "--size", "large", stdout=io.StringIO())
    people = {name: participants.measure(name) for name in ("officer.lee", "cm.okafor")}
    story_id, story_contacts = casework.long_served()
    queries = casework.query_counts("cm.okafor", story_id)
    open_referrals = referrals.fill_queue()
    secret = referrals.api_token()
    agenda, meeting_path, meeting_queries = conferencing.prepare()
    with served() as base:
        client = SignedInClient.wait_for(base)
        client.sign_in(base, "site.admin", SEED)
        home = measure(base, "/", client)
        # Monitors call /healthz without a session, so it is measured that way.
        health = measure(base, "/healthz", SignedInClient())
        manager = SignedInClient()
        manager.sign_in(base, "pm.ramirez", SEED)
        queue = measure(base, "/referrals/queue/", manager)
        officer = SignedInClient()
        officer.sign_in(base, "officer.lee", SEED)
        form = referrals.form_submissions(base, officer)
        api = referrals.api_submissions(base, secret)
        case_manager = SignedInClient()
        case_manager.sign_in(base, "cm.okafor", SEED)
        caseload = measure(base, "/caseload/", case_manager)
        story = measure(base, f"/people/{story_id}/timeline/", case_manager)
        meeting_pages = {
            "project manager": measure(base, meeting_path, manager),
            "case manager": measure(base, meeting_path, case_manager),
        }
    report(cost, home, health)
    report_people(people)
    report_referrals(open_referrals, queue, form, api, health)
    report_casework(caseload, story, story_contacts, queries, health)
    report_conferencing(agenda, meeting_pages, meeting_queries, health)


# How docs/deployment.md serves a site: sync workers, two per core and one more. Earlier
# entries of docs/benchmarks.md ran 2 workers x 4 threads; report_api measures both.
WORKERS, THREADS = 2 * (os.cpu_count() or 1) + 1, 1


@contextmanager
def served(workers: int = WORKERS, threads: int = THREADS) -> Iterator[str]:
    """The site served by gunicorn on a free loopback port, as a production site runs it."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "goldenthread.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        env=os.environ.copy(),
        cwd=ROOT,
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def report_conferencing(
    agenda: dict[str, float],
    pages: dict[str, dict[str, float]],
    queries: dict[str, int],
    health: dict[str, float],
) -> None:
    print(
        f"Case conferencing: the whole-site agenda over {agenda['active']:,} active participants "
        f"({agenda['items']:,} items) built in {agenda['median_s']:.3f} s median, "
        f"{agenda['max_s']:.3f} s max of {conferencing.ROUNDS}"
    )
    print(
        f"Meeting page, {conferencing.PAGE_ITEMS} items with 2 notes each, "
        f"{CONCURRENCY} clients x {REQUESTS_PER_CLIENT}"
    )
    print("| who | server p50 ms | server p95 ms | p50 / healthz p50 | p95 / healthz p95 |")
    print("|---|---|---|---|---|")
    for name, f in pages.items():
        print(
            f"| {name} | {f['server_p50']:.2f} | {f['server_p95']:.2f} "
            f"| {f['server_p50'] / health['server_p50']:.1f}x | {f['server_p95'] / health['server_p95']:.1f}x |"
        )
    print("Queries per page: " + ", ".join(f"{name} {count}" for name, count in queries.items()))


def report_casework(
    caseload: dict[str, float],
    story: dict[str, float],
    story_contacts: int,
    queries: dict[str, int],
    health: dict[str, float],
) -> None:
    print(
        f"Case management: cm.okafor, {CONCURRENCY} clients x {REQUESTS_PER_CLIENT}; "
        f"timeline of the participant with {story_contacts} contacts"
    )
    print("| what | server p50 ms | server p95 ms | p50 / healthz p50 | p95 / healthz p95 |")
    print("|---|---|---|---|---|")
    rows = (
        ("GET /caseload/", caseload),
        ("GET /people/<id>/timeline/", story),
        ("GET /healthz", health),
    )
    for name, f in rows:
        print(
            f"| {name} | {f['server_p50']:.2f} | {f['server_p95']:.2f} "
            f"| {f['server_p50'] / health['server_p50']:.1f}x | {f['server_p95'] / health['server_p95']:.1f}x |"
        )
    print("Queries per page: " + ", ".join(f"{name} {count}" for name, count in queries.items()))


def report_referrals(
    open_referrals: int,
    queue: dict[str, float],
    form: list[float],
    api: list[float],
    health: dict[str, float],
) -> None:
    print(
        f"Referrals: queue with {open_referrals} open referrals ({CONCURRENCY} clients x {REQUESTS_PER_CLIENT}); "
        f"submissions {referrals.CONCURRENCY} clients x {referrals.SUBMISSIONS_PER_CLIENT} each"
    )
    print("| what | server p50 ms | server p95 ms | p50 / healthz p50 | p95 / healthz p95 |")
    print("|---|---|---|---|---|")
    rows = (
        ("GET /referrals/queue/ (project manager)", queue["server_p50"], queue["server_p95"]),
        ("POST /referrals/new/ (officer form)", percentile(form, 0.5), percentile(form, 0.95)),
        ("POST /api/v1/referrals (token)", percentile(api, 0.5), percentile(api, 0.95)),
        ("GET /healthz", health["server_p50"], health["server_p95"]),
    )
    for name, p50, p95 in rows:
        print(
            f"| {name} | {p50:.2f} | {p95:.2f} | {p50 / health['server_p50']:.1f}x "
            f"| {p95 / health['server_p95']:.1f}x |"
        )


def report_people(people: dict[str, dict[str, float]]) -> None:
    print(
        f"Participant list, {participants.PAGE_SIZE} rows, large demo site, in-process, median of {participants.ROUNDS}"
    )
    print(
        "| who | people visible | with policy p50 / p95 ms | unfiltered p50 / p95 ms | ratio p50 |"
    )
    print("|---|---|---|---|---|")
    for name, f in people.items():
        print(
            f"| {name} | {f['visible']:.0f} | {f['policy_p50']:.1f} / {f['policy_p95']:.1f} "
            f"| {f['unfiltered_p50']:.1f} / {f['unfiltered_p95']:.1f} | {f['policy_p50'] / f['unfiltered_p50']:.2f}x |"
        )


def report(cost: dict[str, Any], home: dict[str, float], health: dict[str, float]) -> None:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    print(
        f"Machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )
    print(
        f"Argon2id ({cost['params']}): hash {cost['hash_ms']:.1f} ms, check {cost['check_ms']:.1f} ms (median of 20)"
    )
    print(
        f"{CONCURRENCY} concurrent clients x {REQUESTS_PER_CLIENT} requests each, gunicorn 2 workers x 4 threads, SQLite, large demo site"
    )
    print("| page | server p50 ms | server p95 ms | latency p50 ms | latency p95 ms |")
    print("|---|---|---|---|---|")
    for name, figures in (("/ (home, site admin)", home), ("/healthz", health)):
        print(
            f"| {name} | {figures['server_p50']:.2f} | {figures['server_p95']:.2f} | {figures['latency_p50']:.2f} | {figures['latency_p95']:.2f} |"
        )
    print(
        f"| ratio home / healthz | {home['server_p50'] / health['server_p50']:.1f}x | {home['server_p95'] / health['server_p95']:.1f}x "
        f"| {home['latency_p50'] / health['latency_p50']:.1f}x | {home['latency_p95'] / health['latency_p95']:.1f}x |"
    )


def report_identity() -> None:
    matching = identity.measure()
    rebuilt = identity.rebuild_alone(identity.REBUILD_PEOPLE)
    print(
        f"Identity: {matching['people']:,} people indexed (loaded in {matching['load_s']:.1f} s), "
        f"batches of {identity.BATCH:,}, median of {identity.ROUNDS}"
    )
    print("| what | median s | max s |")
    print("|---|---|---|")
    print(
        f"| end to end (features, predict_between, best person) | {matching['ours_median_s']:.3f} "
        f"| {matching['ours_max_s']:.3f} |"
    )
    print(f"| bare predict_between | {matching['bare_median_s']:.3f} | |")
    print(f"Ratio end to end / bare: {matching['ours_median_s'] / matching['bare_median_s']:.2f}")
    print(
        f"One record at a time (median of {identity.SINGLES}): warm index "
        f"{matching['one_median_s'] * 1000:.1f} ms (max {matching['one_max_s'] * 1000:.1f}), "
        f"bare predict_between {matching['bare_one_median_s'] * 1000:.1f} ms, ratio "
        f"{matching['one_median_s'] / matching['bare_one_median_s']:.2f}"
    )
    print(
        f"Rebuild: {rebuilt['records']:,} records in {rebuilt['seconds']:.1f} s, "
        f"peak {rebuilt['peak_gb']:.2f} GB (its own process), "
        f"{rebuilt['people_found']:,} people found ({rebuilt['people_true']:,} true)"
    )


def report_legal() -> None:
    call_command("migrate", "--noinput", verbosity=0)
    found = legal.measure()
    print(
        f"Feeds: {legal.ROWS:,} booking rows against {legal.PEOPLE:,} people: "
        f"{found['first_s']:.1f} s ({found['first']}); the same file again "
        f"{found['again_s']:.1f} s ({found['again']}); pushed booking to notification "
        f"{found['latency_s'] * 1000:.0f} ms (median of 5); crash drill {found['drill']}"
    )


def conferencing_only() -> None:
    """`python -m bench.run conferencing`: the large site with its 1,000 open referrals,
    then only the case-conferencing figures and /healthz."""
    call_command("migrate", "--noinput", verbosity=0)
    call_command("demo", "--seed", str(SEED), "--size", "large", stdout=io.StringIO())
    referrals.fill_queue()
    agenda, path, queries = conferencing.prepare()
    with served() as base:
        health = measure(base, "/healthz", SignedInClient.wait_for(base))
        pages = {}
        for name, username in (("project manager", "pm.ramirez"), ("case manager", "cm.okafor")):
            client = SignedInClient()
            client.sign_in(base, username, SEED)
            pages[name] = measure(base, path, client)
    report_conferencing(agenda, pages, queries, health)


def report_lodging() -> None:
    """`python -m bench.run lodging`: the occupancy board with a 200-room hotel, and the
    encampment page with 100 residents."""
    call_command("migrate", "--noinput", verbosity=0)
    call_command("demo", "--seed", str(SEED), stdout=io.StringIO())
    queries = lodging.prepare()
    camp_queries, camp_path = outreach.prepare()
    with served() as base:
        health = measure(base, "/healthz", SignedInClient.wait_for(base))
        liaison = SignedInClient()
        liaison.sign_in(base, lodging.LIAISON, SEED)
        board = measure(base, "/lodging/", liaison)
        worker = SignedInClient()
        worker.sign_in(base, outreach.WORKER, SEED)
        camp = measure(base, camp_path, worker)
    print(f"Board queries: {queries}")
    print(f"Encampment page queries: {camp_queries}")
    print("| page | server p50 ms | server p95 ms | latency p50 ms | latency p95 ms |")
    print("|---|---|---|---|---|")
    for name, row in (
        ("/lodging/ (200-room hotel and the demo's places)", board),
        ("/outreach/<id>/ (100 residents)", camp),
        ("/healthz", health),
    ):
        print(
            f"| {name} | {row['server_p50']:.2f} | {row['server_p95']:.2f} |"
            f" {row['latency_p50']:.2f} | {row['latency_p95']:.2f} |"
        )


def report_insights() -> None:
    """`python -m bench.run insights`: the large site's dashboards, the engines, and the
    national view over a synthetic 100-site snapshot."""
    call_command("migrate", "--noinput", verbosity=0)
    call_command("demo", "--seed", str(SEED), "--size", "large", stdout=io.StringIO())
    found, engines, nightly = insights.dashboards(SITE_SLUG, served, SEED)
    print(f"Nightly outcome evaluation of the large site and its areas: {nightly:.1f} s")
    print(
        f"Large site, current quarter's snapshot figures: ORM {engines['orm_s'] * 1000:.1f} ms,"
        f" DuckDB over the snapshot {engines['duckdb_s'] * 1000:.1f} ms"
    )
    print(
        f"Public dashboard computed without its cache: {engines['public_compute_s'] * 1000:.0f} ms"
    )
    duck_ms = engines["duckdb_s"] * 1000
    print("| page | server median (ms) | server max (ms) | x DuckDB direct |")
    print("|---|---|---|---|")
    for path, figures in found.items():
        print(
            f"| GET {path} | {figures['median_ms']:.1f} | {figures['max_ms']:.1f} |"
            f" {figures['median_ms'] / duck_ms:.1f}x |"
        )
    folder = Path(SCRATCH.name) / "national"
    start = time.perf_counter()
    insights.synthetic_snapshot(folder)
    written = time.perf_counter() - start
    last = Quarter(2026, 3)
    national = insights.national_figures(folder, last)
    page = insights.national_page(folder, last, served, SEED)
    print(
        f"National: {insights.SITES} sites, {insights.CONTACTS:,} contacts,"
        f" {insights.BOOKINGS:,} bookings (snapshot written in {written:.1f} s):"
        f" national view {national['view_s'] * 1000:.0f} ms, the same aggregation directly in"
        f" DuckDB {national['direct_s'] * 1000:.0f} ms ({national['ratio']:.2f}x);"
        f" the page served {page['median_ms']:.0f} ms median, {page['max_ms']:.0f} ms max"
    )


def report_hmis() -> None:
    """`python -m bench.run hmis`: the HMIS export and the evaluation extract of the large
    demo site."""
    call_command("migrate", "--noinput", verbosity=0)
    call_command("demo", "--seed", str(SEED), "--size", "large", stdout=io.StringIO())
    found = hmis.export(Path(SCRATCH.name) / "hmis")
    print(
        f"HMIS export of the large site: {found['seconds']:.1f} s for {found['people']:,}"
        f" people, {found['bytes'] / 1e6:.1f} MB of CSV; peak RSS {found['peak_rss_mb']:.0f} MB"
    )
    print("| file | rows |")
    print("|---|---|")
    for name, count in found["rows"].items():
        print(f"| {name} | {count:,} |")
    extract = evaluation.extract()
    print(
        f"Evaluation extract of the large site: {extract['seconds']:.1f} s, {extract['rows']:,}"
        f" rows, k = {extract['k']} (smallest group {extract['smallest_group']}),"
        f" {extract['suppressed']} left out; generalized: {extract['generalized']}"
    )


_LARGE_SITE_BUILT = False


def large_site() -> None:
    """The large demo site in the scratch database, built once however many parts ask."""
    global _LARGE_SITE_BUILT
    if not _LARGE_SITE_BUILT:
        call_command("migrate", "--noinput", verbosity=0)
        call_command("demo", "--seed", str(SEED), "--size", "large", stdout=io.StringIO())
        _LARGE_SITE_BUILT = True


def report_restore() -> None:
    """`python -m bench.run restore`: backing up and restoring the large site, and the
    restore's own check (every table against the manifest, the audit chain)."""
    large_site()
    path = Path(SCRATCH.name) / "large.backup"
    started = time.perf_counter()
    backups.backup(path)
    taken = time.perf_counter() - started
    started = time.perf_counter()
    done = backups.restore(path)
    checked = time.perf_counter() - started - done.seconds
    print(
        f"Large site ({done.tables} tables, {done.rows:,} rows, {done.audit_events:,} audit"
        f" events; backup {path.stat().st_size / 1e6:.0f} MB): backup with manifest"
        f" {taken:.1f} s; restore {done.seconds:.1f} s, then its check {checked:.1f} s"
    )


def report_national() -> None:
    """`python -m bench.run national`: the network's generation time and its heaviest
    dashboard."""
    call_command("migrate", "--noinput", verbosity=0)
    started = time.perf_counter()
    call_command("demo", "--seed", str(SEED), "--size", "national", stdout=io.StringIO())
    built = time.perf_counter() - started
    counts = insights.network_counts()
    print(
        f"National network ({counts['sites']} sites, {counts['participants']:,} participants,"
        f" {counts['contacts']:,} contacts, {counts['bookings']:,} bookings; database"
        f" {Path(os.environ['GT_SQLITE_PATH']).stat().st_size / 1e9:.1f} GB):"
        f" manage.py demo --size national {built:.0f} s (nothing left to build when it was"
        " built before)"
    )
    found, engines, nightly = insights.dashboards(SITE_SLUG, served, SEED)
    print(
        f"Its first site: nightly outcome evaluation {nightly:.1f} s; the network's snapshot"
        f" written in {engines['snapshot_s']:.0f} s; current quarter's figures over the whole"
        f" network: ORM {engines['orm_s'] * 1000:.0f} ms, DuckDB over the snapshot"
        f" {engines['duckdb_s'] * 1000:.0f} ms"
    )
    print("| page | server median (ms) | server max (ms) |")
    print("|---|---|---|")
    for path, figures in sorted(found.items(), key=lambda item: -item[1]["median_ms"]):
        print(f"| GET {path} | {figures['median_ms']:.1f} | {figures['max_ms']:.1f} |")


def report_api() -> None:
    """`python -m bench.run api`: every list endpoint of the API on the large site."""
    large_site()
    secrets = api.tokens()
    person_id = api.busiest_participant("cm.okafor")
    counts = api.query_counts(secrets, person_id)
    # The rate limit guards a site from one runaway client; here it would only measure itself.
    os.environ["GT_API_RATE"] = "1000000/m"
    for workers, threads in ((WORKERS, THREADS), (2, 4)):
        with served(workers, threads) as base:
            health = measure(base, "/healthz", SignedInClient.wait_for(base))
            found = {
                path: measure(base, f"{path}?limit=50", api.TokenClient(secrets[reader]))
                for reader, path in api.endpoints(person_id)
            }
        print(f"gunicorn {workers} workers x {threads} threads")
        print(
            "| GET (limit 50) | queries at 20 / 200 rows (rows) | server p50 ms | server p95 ms |"
            " latency p95 ms |"
        )
        print("|---|---|---|---|---|")
        for path, row in found.items():
            small, large, rows = counts[path]
            print(
                f"| {path} | {small} / {large} ({rows}) | {row['server_p50']:.2f} |"
                f" {row['server_p95']:.2f} | {row['latency_p95']:.2f} |"
            )
        print(
            f"| /healthz | | {health['server_p50']:.2f} | {health['server_p95']:.2f} |"
            f" {health['latency_p95']:.2f} |"
        )


if __name__ == "__main__":
    if sys.argv[1:] and set(sys.argv[1:]) <= {"api", "restore"}:
        for part in sys.argv[1:]:
            {"api": report_api, "restore": report_restore}[part]()
    elif sys.argv[1:] == ["conferencing"]:
        conferencing_only()
    elif sys.argv[1:] == ["identity"]:
        report_identity()
    elif sys.argv[1:] == ["legal"]:
        report_legal()
    elif sys.argv[1:] == ["insights"]:
        report_insights()
    elif sys.argv[1:] == ["lodging"]:
        report_lodging()
    elif sys.argv[1:] == ["hmis"]:
        report_hmis()
    elif sys.argv[1:] == ["national"]:
        report_national()
    else:
        main()
        report_identity()
        report_legal()
        report_insights()
        report_lodging()
        report_hmis()
        report_api()
        report_restore()
