"""Appenders to the audit trail wait their turn here before they take SQLite's write lock.

Every page that shows personal data appends to the audit trail, so on SQLite every page view
is a write. SQLite's busy handler retries a taken write lock in sleeps of up to 100 ms, so
writers contending through it wait far longer than the lock is held. Queued here instead,
threads of one process on a lock and processes on an advisory lock file beside the
database, the next appender is woken the moment the last one is done. PostgreSQL, and an
append inside a transaction that already holds the write lock, go straight through.
"""

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

_threads = threading.Lock()
_files: dict[str, int] = {}


def _lock_file(database: str) -> int | None:
    if not database or database == ":memory:" or database.startswith("file:"):
        return None  # an in-memory database has one process
    if database not in _files:
        _files[database] = os.open(f"{database}.append-lock", os.O_RDWR | os.O_CREAT, 0o600)
    return _files[database]


@contextmanager
def queued() -> Iterator[None]:
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with _threads:
        descriptor = _lock_file(str(connection.settings_dict["NAME"]))
        if descriptor is None:
            yield
            return
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
