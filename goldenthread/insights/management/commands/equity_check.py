from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from goldenthread.insights.periods import Quarter
from goldenthread.insights.services import equity_alerts_send
from goldenthread.organizations.models import Site


class Command(BaseCommand):
    help = "Tell each site's PCG of equity indexes outside its band (this quarter and the last)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--site", help="one site's slug; every site when left out")

    def handle(self, *args: Any, **options: Any) -> None:
        sites = Site.objects.all()
        if options["site"]:
            sites = sites.filter(slug=options["site"])
        for site in sites:
            current = Quarter.of(site.today())
            for quarter in (current.previous(), current):
                sent = equity_alerts_send(site=site, quarter=quarter)
                self.stdout.write(f"{site.slug} {quarter}: {len(sent)} new alert(s)")
