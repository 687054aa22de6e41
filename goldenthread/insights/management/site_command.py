"""What the insights jobs share: run for every site, or for one named by its slug."""

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import QuerySet

from goldenthread.organizations.models import Site


class SiteCommand(BaseCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--site", help="one site's slug; every site when left out")

    def sites(self, slug: str | None) -> QuerySet[Site]:
        sites = Site.objects.order_by("pk")
        return sites.filter(slug=slug) if slug else sites
