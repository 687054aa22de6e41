"""`manage.py notifications_send`: e-mails any notification not yet sent (one left behind by
a crash between a commit and its e-mail). Safe to run every minute from cron."""

from typing import Any

from django.core.management.base import BaseCommand

from goldenthread.notifications.services import notifications_send_pending


class Command(BaseCommand):
    help = "Send the e-mails of notifications not yet sent."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{notifications_send_pending()} e-mails sent")
