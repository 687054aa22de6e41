"""The restore drill, as an operator runs it: the demo site in a scratch database of the
engine under test, backed up while it holds participants and their audit trail; then a
participant renamed and a row added; then the restore, which must find every table as
backed up and the audit chain intact. A manifest that does not match is refused."""

import tempfile
from pathlib import Path

from django.test import SimpleTestCase

from goldenthread.testing_scratch import manage, scratch_database

CHANGE = (
    "from goldenthread.people.models import Person; "
    "Person.objects.filter(pk=Person.objects.order_by('pk').first().pk)"
    ".update(preferred_name='renamed after the backup'); "
    "from goldenthread.casework.models import Contact; "
    "c = Contact.objects.order_by('pk').first(); c.pk = None; c.save()"
)


class RestoreDrillTests(SimpleTestCase):
    def ok(self, env: dict[str, str], *args: str) -> str:
        done = manage(env, *args)
        self.assertEqual(done.returncode, 0, done.stderr)
        return done.stdout

    def test_the_demo_site_comes_back_exactly(self):
        with tempfile.TemporaryDirectory() as folder, scratch_database(Path(folder)) as env:
            backup = str(Path(folder) / "site.backup")
            self.ok(env, "migrate", "--noinput")
            self.ok(env, "demo", "--seed", "2011")
            self.assertIn("Backed up", self.ok(env, "backup", "--out", backup))
            self.ok(env, "shell", "--no-imports", "-c", CHANGE)
            restored = self.ok(env, "restore", "--from", backup, "--yes")
            self.assertIn("every table matches the backup", restored)
            self.assertIn("Audit trail intact", self.ok(env, "audit_verify"))
            renamed = self.ok(
                env,
                "shell",
                "--no-imports",
                "-c",
                "from goldenthread.people.models import Person; "
                "print(Person.objects.filter(preferred_name='renamed after the backup').count())",
            )
            self.assertEqual(renamed.strip(), "0")

            manifest = Path(backup + ".manifest.json")
            manifest.write_text(manifest.read_text().replace('"rows": ', '"rows": 1', 1))
            refused = manage(env, "restore", "--from", backup, "--yes")
            self.assertNotEqual(refused.returncode, 0)
            self.assertIn("differs from the backup", refused.stderr)
            self.assertIn("--yes", manage(env, "restore", "--from", backup).stderr)
            self.assertIn("never overwrites", manage(env, "backup", "--out", backup).stderr)
