"""Nightly: recompute each site's outcome evaluation, which pages then read."""

from typing import Any

from goldenthread.insights.management.site_command import SiteCommand
from goldenthread.insights.services import evaluation_refresh


class Command(SiteCommand):
    help = "Recompute the outcome evaluation of every site and its areas (run nightly)."

    def handle(self, *args: Any, **options: Any) -> None:
        for site in self.sites(options["site"]):
            stored = evaluation_refresh(site=site)
            self.stdout.write(f"{site.slug}: {stored} evaluations stored.")
