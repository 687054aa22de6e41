"""The restore drill, as an operator runs it: the demo site in a scratch database of the
engine under test, backed up while it holds participants and their audit trail; then a
participant renamed and a row added; then the restore, which must find every table as
backed up and the audit chain intact. A manifest that does not match is refused."""

import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[3]
CHANGE = (
    "from goldenthread.people.models import Person; "
    "Person.objects.filter(pk=Person.objects.order_by('pk').first().pk)"
    ".update(preferred_name='renamed after the backup'); "
    "from goldenthread.casework.models import Contact; "
    "c = Contact.objects.order_by('pk').first(); c.pk = None; c.save()"
)


@contextmanager
def scratch_database(folder: Path) -> Iterator[dict[str, str]]:
    """The environment of a site on an empty database of the engine the suite runs on."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith("GT_")}
    keep.pop("DATABASE_URL", None)
    env = {**keep, "GT_DEBUG": "true", "GT_SECRET_KEY": "drill", "GT_AUDIT_KEY": "drill"}
    server = os.environ.get("DATABASE_URL", "")
    if not server:
        yield {**env, "GT_SQLITE_PATH": str(folder / "drill.sqlite3")}
        return
    name = f"drill_{uuid.uuid4().hex[:12]}"
    parts = urlsplit(server)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "DATABASE_URL": urlunsplit(parts._replace(path=f"/{name}"))}
    finally:
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


class RestoreDrillTests(SimpleTestCase):
    def manage(self, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    def ok(self, env: dict[str, str], *args: str) -> str:
        done = self.manage(env, *args)
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
            refused = self.manage(env, "restore", "--from", backup, "--yes")
            self.assertNotEqual(refused.returncode, 0)
            self.assertIn("differs from the backup", refused.stderr)
            self.assertIn("--yes", self.manage(env, "restore", "--from", backup).stderr)
            self.assertIn("never overwrites", self.manage(env, "backup", "--out", backup).stderr)
