"""Nightly: recompute each site's outcome evaluation, which pages then read."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from goldenthread.insights.services import evaluation_refresh
from goldenthread.organizations.models import Site


class Command(BaseCommand):
    help = "Recompute the outcome evaluation of every site and its areas (run nightly)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--site", help="one site's slug; every site when left out")

    def handle(self, *args: Any, **options: Any) -> None:
        sites = Site.objects.all()
        if options["site"]:
            sites = sites.filter(slug=options["site"])
        for site in sites:
            stored = evaluation_refresh(site=site)
            self.stdout.write(f"{site.slug}: {stored} evaluations stored.")
