"""A site on a scratch database, driven through manage.py as an operator drives it: for the
drills that back up, restore and upgrade whole sites. The engine is the one the suite runs
on: a SQLite file, or a fresh database on the suite's PostgreSQL server."""

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def scratch_database(folder: Path) -> Iterator[dict[str, str]]:
    """The environment of a site on an empty database; the database is dropped after."""
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


def manage(env: dict[str, str], *args: str, code: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`manage.py` of the code at `code` (this release unless told), on the scratch site."""
    return subprocess.run(  # noqa: S603 - our own arguments, no shell
        [sys.executable, "manage.py", *args],
        cwd=code,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
