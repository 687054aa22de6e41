"""`manage.py link_eval`: train a model on labelled synthetic records (without their labels)
and print pairwise and cluster precision, recall and F1 at each threshold."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from goldenthread.identity.evaluation import THRESHOLDS, evaluate
from goldenthread.identity.synthetic import labelled_records


class Command(BaseCommand):
    help = "Measure record linkage on the deterministic labelled generator."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--people", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=11)

    def handle(self, *args: Any, people: int, seed: int, **options: Any) -> None:
        records = labelled_records(people, seed)
        self.stdout.write(f"{len(records)} records of {people} people (seed {seed})")
        self.stdout.write("| measure | threshold | precision | recall | F1 |")
        self.stdout.write("|---|---|---|---|---|")
        for measure, rows in evaluate(records, THRESHOLDS).items():
            for s in rows:
                self.stdout.write(
                    f"| {measure} | {s.threshold} | {s.precision:.4f} | {s.recall:.4f} "
                    f"| {s.f1:.4f} |"
                )
