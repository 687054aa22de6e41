"""What a restore must give back: every table's row count and a checksum of its rows in
primary-key order. A backup writes it beside the file; a restore compares."""

import hashlib
from typing import Any

from django.db import connection

BATCH = 2000

Fingerprint = dict[str, dict[str, Any]]


def tables() -> list[tuple[str, str | None]]:
    """(table, primary key column) of every table of the site's database."""
    with connection.cursor() as cursor:
        return [
            (table, connection.introspection.get_primary_key_column(cursor, table))
            for table in sorted(connection.introspection.table_names(cursor))
        ]


def _text(value: Any) -> bytes:
    return repr(bytes(value) if isinstance(value, memoryview) else value).encode()


def fingerprint_with(cursor: Any, of: list[tuple[str, str | None]]) -> Fingerprint:
    """{table: {"rows": n, "sha256": hex}} read through a DB-API cursor; the values must
    come back as the site's driver returns them, so two fingerprints compare."""
    quote = connection.ops.quote_name
    found: Fingerprint = {}
    for table, key in of:
        order = f" ORDER BY {quote(key)}" if key else ""
        cursor.execute(f"SELECT * FROM {quote(table)}{order}")  # noqa: S608 - catalog names
        digest, rows = hashlib.sha256(), 0
        while batch := cursor.fetchmany(BATCH):
            for row in batch:
                digest.update(b"\x1e".join(_text(v) for v in row) + b"\n")
            rows += len(batch)
        found[table] = {"rows": rows, "sha256": digest.hexdigest()}
    return found


def fingerprint() -> Fingerprint:
    """The fingerprint of the site's database as it is now."""
    of = tables()
    with connection.cursor() as cursor:
        return fingerprint_with(cursor, of)


def differences(expected: Fingerprint, found: Fingerprint) -> list[str]:
    """What a restore did not give back, one line per table."""
    lines = []
    for table in sorted(set(expected) | set(found)):
        want, got = expected.get(table), found.get(table)
        if want is None or got is None:
            lines.append(f"{table}: {'missing' if got is None else 'not in the backup'}")
        elif want != got:
            lines.append(
                f"{table}: {want['rows']} rows expected, {got['rows']} found, checksums differ"
            )
    return lines
