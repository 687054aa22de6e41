"""`manage.py digests_send`: the daily digest for those who chose one; run once a day from
cron (for example at 07:00 site time)."""

from typing import Any

from django.core.management.base import BaseCommand

from goldenthread.notifications.services import digests_send


class Command(BaseCommand):
    help = "Send the daily digest of notifications."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{digests_send()} digests sent")
