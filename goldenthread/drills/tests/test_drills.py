"""The drills in the suite, on the suite's engine, on one demo site built for all three: a
short load run of the personas; 20 cycles of SIGKILL while the police records system refers
and the case management system logs contacts; and the restore drill, as an operator runs
it (backed up while it holds participants and their audit trail, a participant renamed and
a row added, then the restore, which must find every table as backed up and the audit
chain intact, and must refuse a manifest that does not match). On PostgreSQL the site has a
cluster of its own, so killing it harms no other test. The full-length runs are `make load` and
`make crash` (docs/benchmarks.md); here the load run's speed is not judged (a benchmark
does that), only that nothing failed and every answer that showed a participant is audited."""

import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from django.test import SimpleTestCase

from goldenthread.drills import crash, load
from goldenthread.drills.servers import DrillSite, drill_site
from goldenthread.testing_scratch import manage

CYCLES = 20
RENAMED = "renamed after the backup"
CHANGE = (
    "from goldenthread.people.models import Person; "
    "Person.objects.filter(pk=Person.objects.order_by('pk').first().pk)"
    f".update(preferred_name={RENAMED!r}); "
    "from goldenthread.casework.models import Contact; "
    "c = Contact.objects.order_by('pk').first(); c.pk = None; c.save()"
)
COUNT_RENAMED = (
    "from goldenthread.people.models import Person; "
    f"print(Person.objects.filter(preferred_name={RENAMED!r}).count())"
)


class DrillTests(SimpleTestCase):
    engine: str
    site: DrillSite

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.engine = "postgres" if os.environ.get("DATABASE_URL") else "sqlite"
        folder = cls.enterClassContext(tempfile.TemporaryDirectory(prefix="gt-drill-"))
        cls.site = cls.enterClassContext(drill_site(cls.engine, Path(folder)))

    def test_a_busy_hour_fails_no_request_and_audits_every_answer(self):
        report = load.run(self.site, users=12, seconds=25, size="small")
        summary = asdict(report)
        self.assertIsNotNone(report.total, summary)
        self.assertGreater(report.total.requests, 50, summary)  # type: ignore[union-attr]
        self.assertEqual(report.failures, 0, summary)
        self.assertEqual(report.failures_said, [], summary)
        self.assertGreater(report.personal_answers, 10, summary)
        self.assertEqual(report.unaudited, [], summary)
        self.assertEqual(report.audited_answers, report.personal_answers, summary)
        # Each kind of request has the server's own time beside what the client saw.
        for row in report.rows:
            self.assertGreater(row.server_p50_ms, 0, row)
            self.assertLessEqual(row.server_p50_ms, row.server_p95_ms, row)

    def test_nothing_acknowledged_is_lost_across_twenty_kills(self):
        report = crash.run(self.site, CYCLES)
        summary = asdict(report)
        self.assertEqual(report.app_kills + report.database_kills, CYCLES, summary)
        if self.engine == "postgres":
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

    def ok(self, *args: str) -> str:
        done = manage(self.site.env, *args)
        self.assertEqual(done.returncode, 0, done.stderr)
        return done.stdout

    def test_the_site_comes_back_exactly_from_its_backup(self):
        backup = str(self.site.folder / "site.backup")
        self.assertIn("Backed up", self.ok("backup", "--out", backup))
        self.ok("shell", "--no-imports", "-c", CHANGE)
        self.assertEqual(self.ok("shell", "--no-imports", "-c", COUNT_RENAMED).strip(), "1")
        restored = self.ok("restore", "--from", backup, "--yes")
        self.assertIn("every table matches the backup", restored)
        self.assertIn("Audit trail intact", self.ok("audit_verify"))
        self.assertEqual(self.ok("shell", "--no-imports", "-c", COUNT_RENAMED).strip(), "0")

        manifest = Path(backup + ".manifest.json")
        manifest.write_text(manifest.read_text().replace('"rows": ', '"rows": 1', 1))
        refused = manage(self.site.env, "restore", "--from", backup, "--yes")
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn("differs from the backup", refused.stderr)
        self.assertIn("--yes", manage(self.site.env, "restore", "--from", backup).stderr)
        self.assertIn("never overwrites", manage(self.site.env, "backup", "--out", backup).stderr)
