from typing import Any

from goldenthread.insights.management.site_command import SiteCommand
from goldenthread.insights.periods import Quarter
from goldenthread.insights.services import equity_alerts_send


class Command(SiteCommand):
    help = "Tell each site's PCG of equity indexes outside its band (this quarter and the last)."

    def handle(self, *args: Any, **options: Any) -> None:
        for site in self.sites(options["site"]):
            current = Quarter.of(site.today())
            for quarter in (current.previous(), current):
                sent = equity_alerts_send(site=site, quarter=quarter)
                self.stdout.write(f"{site.slug} {quarter}: {len(sent)} new alert(s)")
