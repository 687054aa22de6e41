"""kill -9 in the middle of a feed import, then the same command again: nothing is
duplicated, nothing is lost, and the audit chain still verifies. The import runs in a
process of its own (crash_child.py) that really is killed; it writes to a database of its
own, on the suite's PostgreSQL server or in a SQLite file."""

import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import SimpleTestCase
from django.utils import timezone

from goldenthread.legal.tests.test_feeds import BOOKING_COLUMNS, booking

ROOT = Path(__file__).resolve().parents[3]
CHILD = "goldenthread.legal.tests.crash_child"
# People nobody knows yet, each a new person.
STRANGERS = [
    ("Lindqvist", "Erik", "1971-06-14"),
    ("Tanaka", "Hiro", "1988-12-01"),
    ("Mbeki", "Thabo", "1993-04-27"),
    ("Castillo", "Rosa", "1966-09-30"),
    ("Novak", "Jana", "2001-02-11"),
    ("Haddad", "Omar", "1959-07-04"),
    ("Okonjo", "Ife", "1982-10-19"),
]


class KilledImportTests(SimpleTestCase):
    def setUp(self) -> None:
        self.workdir = tempfile.TemporaryDirectory()
        self.addCleanup(self.workdir.cleanup)
        self.env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        db = settings.DATABASES["default"]
        if "postgresql" in db["ENGINE"]:
            self.env["DATABASE_URL"] = self.scratch_postgres(db)
        else:
            self.env["GT_SQLITE_PATH"] = str(Path(self.workdir.name) / "crash.sqlite3")
        self.child("migrate")
        self.child("seed")

    def scratch_postgres(self, db: Mapping[str, Any]) -> str:
        """A database of its own on the suite's server (the test database's audit trail
        refuses the truncation a transactional test case would end with)."""
        import psycopg

        name = f"gt_crash_{os.getpid()}"
        server = {
            "host": db["HOST"],
            "port": db["PORT"],
            "user": db["USER"],
            "password": db["PASSWORD"],
        }
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')

        def drop() -> None:
            with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        self.addCleanup(drop)
        password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
        return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{name}"

    def child(self, *args: str, killed: bool = False) -> str:
        command = (
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"]
            if args == ("migrate",)
            else [sys.executable, "-m", CHILD, *args]
        )
        done = subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True)
        if killed:
            self.assertEqual(done.returncode, -signal.SIGKILL, done.stderr)
        else:
            self.assertEqual(done.returncode, 0, done.stderr)
        return done.stdout

    def counts(self) -> dict[str, Any]:
        return json.loads(self.child("count"))

    def test_a_killed_import_run_again_loses_nothing_and_duplicates_nothing(self):
        released = (timezone.now() - timedelta(hours=1)).isoformat(timespec="minutes")
        rows = [
            booking("K-1", "Bell", "Marcus", "1984-03-09"),
            booking("K-2", "Reyes", "Ana", "1979-11-02"),
            *(
                booking(f"K-{n}", last, first, born)
                for n, (last, first, born) in enumerate(STRANGERS, start=3)
            ),
            booking("K-1", "Bell", "Marcus", "1984-03-09", released_at=released),
        ]
        path = Path(self.workdir.name) / "bookings.csv"
        with path.open("w", newline="", encoding="utf-8") as stream:
            writer = csv.DictWriter(stream, fieldnames=BOOKING_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)

        # Batches of three: killed inside the second, after its writes, before its commit.
        self.child("import", str(path), "2", killed=True)
        after_kill = self.counts()
        self.assertEqual(after_kill["numbers"], ["K-1", "K-2", "K-3"])
        self.assertEqual(after_kill["imports"], [["running", 3, 3, 3, 0, 0]])
        # The two known people were matched; nothing of the killed batch remains.
        self.assertEqual((after_kill["people"], after_kill["records"]), (3, 5))
        self.assertEqual(after_kill["seen"], 3)
        self.assertTrue(after_kill["audit_chain_ok"])

        self.child("import", str(path))
        done = self.counts()
        self.assertEqual(done["numbers"], [f"K-{n}" for n in range(1, 10)])
        self.assertEqual(done["released"], ["K-1"])
        self.assertEqual(done["imports"], [["done", 10, 10, 9, 1, 0]])
        self.assertEqual((done["people"], done["records"]), (9, 11))
        self.assertEqual(done["seen"], 10)
        self.assertTrue(done["audit_chain_ok"])

        # And the whole file once more: nothing new.
        self.child("import", str(path))
        again = self.counts()
        self.assertEqual(again["numbers"], done["numbers"])
        self.assertEqual(again["imports"][-1], ["done", 10, 10, 0, 0, 10])
        self.assertEqual((again["people"], again["records"]), (9, 11))
