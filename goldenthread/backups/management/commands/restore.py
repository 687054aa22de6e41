from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from goldenthread.backups.engines import BackupError
from goldenthread.backups.services import restore


class Command(BaseCommand):
    help = (
        "Restore the database from a backup, replacing every table, then check every table "
        "against the backup's manifest and verify the audit chain. Stop the site first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="source", required=True, type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="Replace the database without asking."
        )

    def handle(self, *args: object, **options: object) -> None:
        path = options["source"]
        assert isinstance(path, Path)
        if not options["yes"]:
            raise CommandError("A restore replaces the whole database: add --yes to go ahead.")
        try:
            done = restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {done.tables} tables, {done.rows:,} rows, in {done.seconds:.1f} s; every "
            f"table matches the backup and the audit trail's {done.audit_events:,} events verify."
        )
