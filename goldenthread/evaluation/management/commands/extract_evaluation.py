"""`manage.py extract_evaluation --out DIR`: the de-identified evaluation extract (the
participants and the data dictionary) written into DIR, as the evaluator's page gives it."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from goldenthread.evaluation.services import evaluation_extract
from goldenthread.organizations.models import Site


class Command(BaseCommand):
    help = "Write the de-identified evaluation extract and its data dictionary into a folder."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--out", type=Path, required=True, help="the folder to write into")
        parser.add_argument("--site", help="the site's short name (the only site if omitted)")

    def handle(self, *args: Any, out: Path, site: str | None, **options: Any) -> None:
        sites = Site.objects.filter(slug=site) if site else Site.objects.all()
        if sites.count() != 1:
            raise CommandError("Name the site with --site (its short name).")
        made = evaluation_extract(actor=None, site=sites.get())
        out.mkdir(parents=True, exist_ok=True)
        for name, text in made.files.items():
            (out / name).write_bytes(text.encode())
        self.stdout.write(
            f"{made.rows} rows, k = {made.k} (smallest group {made.smallest_group}), "
            f"{made.suppressed} left out; generalized: "
            + (", ".join(f"{n} {c}" for n, c in sorted(made.generalized.items())) or "none")
        )
