"""`manage.py import_feed bookings FILE` (or `courts`, `warrants`): imports a CSV feed under
the column contract of docs/feeds.md. Rerun after a crash, it carries on where it stopped;
rerun on the same file, it creates nothing."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from goldenthread.legal.feeds.importer import FeedRefused, feed_import_file
from goldenthread.legal.models import FeedKind
from goldenthread.organizations.models import Site


class Command(BaseCommand):
    help = "Import a jail bookings, court events or warrants CSV feed."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("feed", choices=FeedKind.values)
        parser.add_argument("file", type=Path)
        parser.add_argument("--site", help="the site's short name (the only site if omitted)")

    def handle(self, *args: Any, feed: str, file: Path, site: str | None, **options: Any) -> None:
        sites = Site.objects.filter(slug=site) if site else Site.objects.all()
        if sites.count() != 1:
            raise CommandError("Name the site with --site (its short name).")
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            done = feed_import_file(actor=None, site=sites.get(), kind=feed, path=file)
        except FeedRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(
            f"import {done.pk}: read {done.rows_read}, created {done.created}, "
            f"updated {done.updated}, unchanged {done.unchanged}, "
            f"sent to review {done.sent_to_review}, rejected {done.rejected}"
        )
