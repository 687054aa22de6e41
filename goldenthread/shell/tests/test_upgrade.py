"""An upgrade as a site makes it: the previous release's code builds its demo site on a
scratch database, then this release migrates that database. Nothing may be lost: every table
the previous release had keeps every row, the audit chain still verifies, and the upgraded
site answers its own checks."""

import json
import subprocess
import tempfile
from pathlib import Path

from django.test import SimpleTestCase

from goldenthread.testing_scratch import ROOT, manage, scratch_database

# The last release sites run: the commit its CI passed on. Move it forward at each release.
PREVIOUS_RELEASE = "b95fbf8ef51b01a292c8376d46ed3dc520fd1c61"
READ_FINGERPRINT = (
    "import json; from goldenthread.backups.fingerprint import fingerprint; "
    "print(json.dumps(fingerprint()))"
)


class UpgradeTests(SimpleTestCase):
    def ok(self, env: dict[str, str], *args: str, code: Path = ROOT) -> str:
        done = manage(env, *args, code=code)
        self.assertEqual(done.returncode, 0, done.stderr[-3000:])
        return done.stdout

    def counts(self, env: dict[str, str]) -> dict[str, int]:
        out = self.ok(env, "shell", "--no-imports", "-c", READ_FINGERPRINT)
        return {table: t["rows"] for table, t in json.loads(out.splitlines()[-1]).items()}

    def test_the_previous_releases_site_upgrades_without_loss(self):
        with tempfile.TemporaryDirectory() as folder, scratch_database(Path(folder)) as env:
            previous = Path(folder) / "previous"
            previous.mkdir()
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", PREVIOUS_RELEASE],  # noqa: S607
                capture_output=True,
                check=True,
            )
            subprocess.run(
                ["tar", "-x", "-C", str(previous)],  # noqa: S607
                input=archive.stdout,
                check=True,
            )
            self.ok(env, "migrate", "--noinput", code=previous)
            self.ok(env, "demo", "--seed", "2011", code=previous)
            before = self.counts(env)
            self.assertGreater(before["people_person"], 0)

            self.ok(env, "migrate", "--noinput")
            after = self.counts(env)
            lost = {t: (n, after.get(t)) for t, n in before.items() if after.get(t, -1) < n}
            self.assertEqual(lost, {}, "tables that lost rows in the upgrade (before, after)")
            self.assertIn("Audit trail intact", self.ok(env, "audit_verify"))
            self.ok(env, "check")
