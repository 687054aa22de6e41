"""Backing up and restoring the database the site runs on, by its engine's own tools:
SQLite's online backup API, PostgreSQL's pg_dump (custom format) and pg_restore.

A backup is taken while the site serves. Its manifest (fingerprint.py) describes exactly
what was copied, so a restore can be checked against it: on SQLite the online backup copies
every page in one step and the manifest is read from the copy, through the same database
driver the site uses; on PostgreSQL a repeatable-read transaction exports its snapshot, reads
the manifest in it, and pg_dump dumps that same snapshot.
"""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection, transaction

from goldenthread.backups.fingerprint import Fingerprint, fingerprint, fingerprint_with, tables


class BackupError(Exception):
    pass


def _pg(tool: str, *args: str) -> None:
    settings = connection.settings_dict
    env = {**os.environ}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    target = [
        *(["--host", str(settings["HOST"])] if settings.get("HOST") else []),
        *(["--port", str(settings["PORT"])] if settings.get("PORT") else []),
        *(["--username", str(settings["USER"])] if settings.get("USER") else []),
    ]
    done = subprocess.run(  # noqa: S603 - our own arguments, no shell
        [tool, *target, *args, "--dbname", str(settings["NAME"])],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"{tool} failed: {done.stderr.strip()}")


def backup_to(path: Path) -> Fingerprint:
    """A consistent copy of the whole database at `path`; returns its fingerprint."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        # Read with the converters Django's SQLite driver registers, as the site reads.
        reader = sqlite3.connect(
            path, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
        )
        try:
            return fingerprint_with(reader.cursor(), tables())
        finally:
            reader.close()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        found = fingerprint()
        _pg(
            "pg_dump",
            "--format=custom",
            "--no-owner",
            f"--snapshot={snapshot}",
            "--file",
            str(path),
        )
    return found


def restore_from(path: Path) -> None:
    """The database as it was at the backup. Stop the site's workers first: a restore
    replaces every table."""
    if not path.exists():
        raise BackupError(f"No backup at {path}.")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        try:
            copy.backup(connection.connection)
        finally:
            copy.close()
        return
    connection.close()  # pg_restore drops and recreates every table
    _pg("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(path))
