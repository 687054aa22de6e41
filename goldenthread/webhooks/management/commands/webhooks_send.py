"""`manage.py webhooks_send`: sends the webhook deliveries that are due. Run it every
minute from cron; a delivery that fails waits longer before each retry (webhooks.services)."""

from typing import Any

from django.core.management.base import BaseCommand

from goldenthread.webhooks.services import send_due


class Command(BaseCommand):
    help = "Send the webhook deliveries that are due, retrying failed ones with backoff."

    def handle(self, *args: Any, **options: Any) -> None:
        tally = send_due()
        self.stdout.write(
            f"delivered {tally['delivered']}, to retry {tally['retrying']}, "
            f"failed {tally['failed']}"
        )
