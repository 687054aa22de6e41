from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from goldenthread.backups.engines import BackupError
from goldenthread.backups.services import backup, manifest_path


class Command(BaseCommand):
    help = (
        "Back up the whole database while the site serves (SQLite online backup; PostgreSQL "
        "pg_dump, custom format), with a manifest of every table's rows and checksum."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, type=Path, help="The backup file to write.")

    def handle(self, *args: object, **options: object) -> None:
        path = options["out"]
        assert isinstance(path, Path)
        if path.exists():
            raise CommandError(f"{path} exists; a backup never overwrites another.")
        try:
            manifest = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        tables = manifest["tables"]
        assert isinstance(tables, dict)
        rows = sum(t["rows"] for t in tables.values())
        self.stdout.write(
            f"Backed up {len(tables)} tables, {rows:,} rows, to {path} "
            f"({path.stat().st_size:,} bytes); manifest {manifest_path(path)}."
        )
