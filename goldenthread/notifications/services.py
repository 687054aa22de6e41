"""Writing notifications, and sending their e-mails once the transaction that wrote them
has committed. An e-mail says what kind of event happened and where to look; no names, no
charges, no clinical detail (e-mail leaves the system)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.notifications.models import Notification, NotificationKind, Preference
from goldenthread.people.models import Person


@dataclass(frozen=True)
class Alert:
    user: User
    person: Person | None
    kind: str
    about: str
    link: str
    site_id: int | None = None  # taken from the person when there is one

    @property
    def site(self) -> int:
        if self.person is not None:
            return self.person.site_id
        assert self.site_id is not None, "an alert about no person names its site"
        return self.site_id


def notify(alerts: Iterable[Alert]) -> None:
    """Writes each alert once (an event already notified to a user is not again) and sends
    the e-mails after the commit."""
    rows = [
        Notification(
            site_id=alert.site,
            user=alert.user,
            person=alert.person,
            kind=alert.kind,
            about=alert.about,
            link=alert.link,
        )
        for alert in alerts
    ]
    if not rows:
        return
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    transaction.on_commit(notifications_send_pending)


def _digest_users() -> set[int]:
    return set(Preference.objects.filter(daily_digest=True).values_list("user_id", flat=True))


def _email(user: User, subject: str, lines: list[str]) -> None:
    if not user.email:
        return
    body = "\n".join([*lines, "", _("Sign in to Golden Thread to see who and what.")])
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def notifications_send_pending() -> int:
    """E-mails every notification not yet e-mailed to people who want one per event; also
    run by `manage.py notifications_send` to catch any a crash left behind."""
    digest = _digest_users()
    pending = (
        Notification.objects.filter(emailed_at__isnull=True)
        .exclude(user_id__in=digest)
        .select_related("user")
    )
    sent = 0
    for notification in pending:
        claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if not claimed:
            continue  # another process sent it
        label = NotificationKind(notification.kind).label
        _email(
            notification.user,
            _("Golden Thread: %(event)s") % {"event": label},
            [str(label), settings.SITE_URL + notification.link],
        )
        sent += 1
    return sent


def digests_send(now: datetime | None = None) -> int:
    """One e-mail per digest reader with the day's notifications, counted by kind."""
    now = now or timezone.now()
    sent = 0
    for preference in Preference.objects.filter(daily_digest=True).select_related("user"):
        since = preference.last_digest_at or now - timedelta(days=1)
        new = Notification.objects.filter(
            user=preference.user, created_at__gt=since, created_at__lte=now
        )
        counts: dict[str, int] = {}
        for kind in new.values_list("kind", flat=True):
            counts[kind] = counts.get(kind, 0) + 1
        if counts:
            lines = [f"{NotificationKind(k).label}: {n}" for k, n in sorted(counts.items())]
            _email(preference.user, _("Golden Thread: your daily digest"), lines)
            new.update(emailed_at=now)
            sent += 1
        preference.last_digest_at = now
        preference.save(update_fields=["last_digest_at"])
    return sent


def notification_open(notification: Notification) -> None:
    """Its recipient opened it: read from now on (the first opening counts)."""
    Notification.objects.filter(pk=notification.pk, read_at=None).update(read_at=timezone.now())
