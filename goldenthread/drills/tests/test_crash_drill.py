"""The crash drill in the suite, on the suite's engine: 20 cycles of SIGKILL while the
police records system refers and the case management system logs contacts. On PostgreSQL
the drill runs its own cluster, so killing it harms no other test. `make crash` runs
200 cycles on each engine (docs/benchmarks.md)."""

import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from django.test import SimpleTestCase

from goldenthread.drills import crash

CYCLES = 20


class CrashDrillTests(SimpleTestCase):
    def test_nothing_acknowledged_is_lost_across_twenty_kills(self):
        engine = "postgres" if os.environ.get("DATABASE_URL") else "sqlite"
        with tempfile.TemporaryDirectory(prefix="gt-crash-") as folder:
            report = crash.run(CYCLES, engine, seed=2011, folder=Path(folder))
        summary = asdict(report)
        self.assertEqual(report.app_kills + report.database_kills, CYCLES, summary)
        if engine == "postgres":
            self.assertEqual(report.database_kills, CYCLES // 2, summary)
        # Writes were under way when the kills came: some went unanswered and were sent again.
        self.assertGreater(report.acknowledged, CYCLES, summary)
        self.assertGreater(report.unanswered, 0, summary)
        self.assertEqual(report.refused, [], summary)
        self.assertEqual(report.missing, 0, summary)
        self.assertEqual(report.written_twice, 0, summary)
        self.assertEqual(report.unaudited, 0, summary)
        self.assertTrue(report.chain_ok, summary)
        self.assertTrue(report.passed, summary)
