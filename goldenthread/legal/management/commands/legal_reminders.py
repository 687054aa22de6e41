"""`manage.py legal_reminders`: alerts for hearings in the next 7 days. Run it hourly from
cron; each court date alerts each recipient once however often it runs."""

from typing import Any

from django.core.management.base import BaseCommand

from goldenthread.legal.alerts import hearing_reminders


class Command(BaseCommand):
    help = "Alert case managers (and whom the site adds) of hearings within 7 days."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{hearing_reminders()} hearings within 7 days")
