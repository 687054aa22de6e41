"""Nightly: the de-identified parquet snapshot the national view reads."""

from typing import Any

from django.core.management.base import BaseCommand

from goldenthread.insights.national.snapshot import snapshot_write


class Command(BaseCommand):
    help = "Write the de-identified snapshot the national view reads (run nightly)."

    def handle(self, *args: Any, **options: Any) -> None:
        folder = snapshot_write()
        self.stdout.write(f"Snapshot written to {folder}.")
