"""`manage.py link_rebuild --site <slug>`: deduplicate a whole site (merges at the automatic
level, proposals for review between), for instance after importing a legacy roster."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from goldenthread.accounts.models import User
from goldenthread.identity.services import site_relink
from goldenthread.organizations.models import Site


class Command(BaseCommand):
    help = "Deduplicate a site's people from all their identity records."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--site", required=True, help="the site's short name")
        parser.add_argument("--actor", required=True, help="the username the merges are by")

    def handle(self, *args: Any, site: str, actor: str, **options: Any) -> None:
        found = Site.objects.filter(slug=site).first()
        user = User.objects.filter(username=actor, is_active=True).first()
        if found is None or user is None:
            raise CommandError("No such site, or no such active user.")
        result = site_relink(actor=user, site=found)
        self.stdout.write(f"Merged {result.merged}; proposed for review {result.proposed}.")
