"""The crash drill: partners write while the app server, and on PostgreSQL the database
server, are killed with SIGKILL at random moments; afterwards nothing acknowledged may be
missing, nothing may be written twice, every row must have its audit event and the audit
chain must verify.

    python -m goldenthread.drills.crash --cycles 20 [--engine sqlite|postgres] [--seed N]

Writers are the partners' systems: a police records system submits referrals and a case
management system logs contacts, each request under an Idempotency-Key. An answer of 200 or
201 is an acknowledgement and goes in the ledger; a request that gets no answer (the server
died under it) is sent again under the same key once the server is back, as a client
following docs/api.md would, until it is acknowledged. Each cycle lets the writers run for a
random moment, then kills: on PostgreSQL the odd cycles kill the app server and the even
ones the database server (the app keeps running and must recover its connections); on
SQLite the database runs inside the app's processes, so every kill of the app kills the
database engine mid-write with it.
"""

import argparse
import http.client
import json
import queue
import random
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from goldenthread.drills.servers import AppServer, DrillSite, drill_site, shell_json

WRITERS_PER_KIND = 2
DRAIN_SECONDS = 120


@dataclass
class Report:
    engine: str
    cycles: int
    app_kills: int = 0
    database_kills: int = 0
    attempts: int = 0
    unanswered: int = 0
    replayed: int = 0
    refused: list[str] = field(default_factory=list)
    acknowledged: int = 0
    missing: int = 0
    written_twice: int = 0
    unaudited: int = 0
    chain_ok: bool = False
    chain_events: int = 0
    seconds: float = 0.0
    found: dict[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return (
            self.acknowledged > 0
            and not self.refused
            and self.missing == 0
            and self.written_twice == 0
            and self.unaudited == 0
            and self.chain_ok
        )


class Ledger:
    """Every acknowledged write, and the keys still waiting for an answer."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []
        self.unanswered: queue.SimpleQueue[tuple[str, str, bytes, str]] = queue.SimpleQueue()
        self.lock = threading.Lock()
        self.attempts = 0
        self.failures = 0
        self.replayed = 0
        self.refused: list[str] = []

    def acknowledge(self, kind: str, key: str, answer: dict[str, Any]) -> None:
        ident = answer.get("id", answer.get("receipt_code"))
        with self.lock:
            self.entries.append({"kind": kind, "key": key, "id": ident})


class Writer(threading.Thread):
    """One partner system sending creates until told to stop."""

    def __init__(
        self, kind: str, url: str, site: dict[str, Any], participant: int, ledger: Ledger
    ) -> None:
        super().__init__(daemon=True)
        self.kind, self.url, self.site, self.ledger = kind, url, site, ledger
        self.participant = participant
        self.stop = threading.Event()
        self.sent = 0

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                request = self.ledger.unanswered.get_nowait()
            except queue.Empty:
                request = self._new()
            self.send(*request)

    def _new(self) -> tuple[str, str, bytes, str]:
        self.sent += 1
        if self.kind == "referral":
            body = {**self.site["referral"], "name": f"drill {uuid.uuid4().hex[:8]}"}
            path = "/api/v1/referrals"
        else:
            body = {"mode": "in_person", "place": "street", "note": f"drill {self.sent}"}
            path = f"/api/v1/people/{self.participant}/contacts"
        return self.kind, path, json.dumps(body).encode(), uuid.uuid4().hex

    def send(self, kind: str, path: str, body: bytes, key: str) -> None:
        request = urllib.request.Request(  # noqa: S310 - loopback
            self.url + path,
            data=body,
            method="POST",
            headers={
                "Authorization": f"Bearer {self.site['tokens'][kind]}",
                "Content-Type": "application/json",
                "Idempotency-Key": key,
            },
        )
        with self.ledger.lock:
            self.ledger.attempts += 1
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 - loopback
                self.ledger.acknowledge(kind, key, json.loads(answer.read()))
                if answer.headers.get("Idempotent-Replayed"):
                    # Written before the kill, its answer lost: the retry found it.
                    with self.ledger.lock:
                        self.ledger.replayed += 1
                return
        except urllib.error.HTTPError as error:
            if error.code < 500:
                with self.ledger.lock:
                    self.ledger.refused.append(f"{path} {error.code} {error.read()[:200]!r}")
                return
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError):
            # OSError covers refused and reset connections and timeouts; HTTPException an
            # answer cut off by the kill after its status line (IncompleteRead); ValueError
            # a body cut short of its JSON.
            pass
        # No answer, or the server failed under a dying database: the write may or may not
        # have happened. Send it again later under the same key.
        with self.ledger.lock:
            self.ledger.failures += 1
        self.ledger.unanswered.put((kind, path, body, key))
        time.sleep(0.05)


def _answer_the_rest(writer: Writer, ledger: Ledger) -> None:
    """Sends every write still unanswered again, under its key, until each is answered."""
    deadline = time.monotonic() + DRAIN_SECONDS
    while not ledger.unanswered.empty():
        if time.monotonic() > deadline:
            raise RuntimeError(f"writes still unanswered after {DRAIN_SECONDS} s")
        writer.send(*ledger.unanswered.get())


def _tally(report: Report, ledger: Ledger, found: dict[str, Any]) -> None:
    report.attempts = ledger.attempts
    report.unanswered = ledger.failures
    report.replayed = ledger.replayed
    report.refused = ledger.refused
    report.acknowledged = len(ledger.entries)
    kinds = [found[kind] for kind in ("referral", "contact")]
    report.missing = sum(len(k["missing"]) for k in kinds)
    report.written_twice = sum(len(k["unacknowledged"]) for k in kinds)
    report.unaudited = sum(len(k["unaudited"]) for k in kinds)
    report.chain_ok = bool(found["chain"]["ok"])
    report.chain_events = int(found["chain"]["events"])
    report.found = found


def run(site: DrillSite, cycles: int, seed: int = 2011) -> Report:
    started = time.monotonic()
    moments = random.Random(seed)  # noqa: S311 - when to kill, not a secret
    database, env = site.database, site.env
    report = Report(engine=site.engine, cycles=cycles)
    known = shell_json(env, "from goldenthread.drills.site import prepare; prepare()")
    app = AppServer(env, site.folder / "app.log")
    try:
        app.start()
        ledger = Ledger()
        writers = [
            Writer(kind, app.url, known, known["participants"][n], ledger)
            for kind in ("referral", "contact")
            for n in range(WRITERS_PER_KIND)
        ]
        for writer in writers:
            writer.start()
        for cycle in range(1, cycles + 1):
            time.sleep(moments.uniform(0.2, 1.5))
            if database is not None and cycle % 2 == 0:
                database.kill()
                report.database_kills += 1
                time.sleep(moments.uniform(0.1, 1.0))
                database.start()
            else:
                app.kill()
                report.app_kills += 1
                app.start()
        for writer in writers:
            writer.stop.set()
        for writer in writers:
            writer.join(timeout=60)
        _answer_the_rest(writers[0], ledger)
    finally:
        app.kill()
    ledger_path = site.folder / "ledger.json"
    ledger_path.write_text(json.dumps(ledger.entries))
    found = shell_json(
        env,
        "from goldenthread.drills.site import check; "
        f"check({str(ledger_path)!r}, {known['before']!r})",
    )
    _tally(report, ledger, found)
    report.seconds = round(time.monotonic() - started, 1)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=20)
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=2011)
    options = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="gt-crash-") as folder,
        drill_site(options.engine, Path(folder), seed=options.seed) as site,
    ):
        report = run(site, options.cycles, options.seed)
    print(json.dumps({**asdict(report), "passed": report.passed}, indent=2))
    sys.exit(0 if report.passed else 1)


if __name__ == "__main__":
    main()
