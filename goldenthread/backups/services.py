"""`manage.py backup` and `manage.py restore`: the copy with its manifest, and the restore
that proves itself (every table's rows and checksum as backed up, the audit chain intact)."""

import json
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.utils import timezone

from goldenthread.audit.chain import verify
from goldenthread.audit.models import ChainHead
from goldenthread.audit.selectors import chain_in_order
from goldenthread.backups.engines import BackupError, backup_to, restore_from
from goldenthread.backups.fingerprint import differences, fingerprint


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + ".manifest.json")


@dataclass(frozen=True)
class Restored:
    seconds: float
    tables: int
    rows: int
    audit_events: int


def backup(path: Path) -> dict[str, object]:
    tables = backup_to(path)
    manifest: dict[str, object] = {
        "engine": connection.vendor,
        "taken_at": timezone.now().isoformat(),
        "tables": tables,
    }
    manifest_path(path).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def restore(path: Path) -> Restored:
    """Restores `path`, then checks it against its manifest and the audit chain; raises
    BackupError naming every table that differs, or the first broken audit position."""
    manifest_file = manifest_path(path)
    if not manifest_file.exists():
        raise BackupError(
            f"No manifest at {manifest_file}: a restore cannot be checked without it."
        )
    manifest = json.loads(manifest_file.read_text())
    if manifest["engine"] != connection.vendor:
        raise BackupError(f"This backup is of {manifest['engine']}, not {connection.vendor}.")
    started = time.perf_counter()
    restore_from(path)
    seconds = time.perf_counter() - started
    found = fingerprint()
    wrong = differences(manifest["tables"], found)
    if wrong:
        raise BackupError("The restore differs from the backup:\n" + "\n".join(wrong))
    verdict = verify(chain_in_order(), ChainHead.objects.filter(id=1).first())
    if not verdict.ok:
        raise BackupError(
            f"Audit trail broken at position {verdict.first_bad_position}: {verdict.reason}."
        )
    return Restored(
        seconds=seconds,
        tables=len(found),
        rows=sum(t["rows"] for t in found.values()),
        audit_events=verdict.checked,
    )
