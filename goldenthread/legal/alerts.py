"""Alerts about participants' legal events: a booking or a release, a new case or
warrant, a hearing within 7 days. The notification rows are written in the same
transaction as the event (nothing lost if the process dies after the commit); the e-mails
go after the commit (notifications.services)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from goldenthread.access.policy import alertable_people, legal_alert_recipients
from goldenthread.legal.models import CourtDate, LegalMatter
from goldenthread.notifications.models import NotificationKind
from goldenthread.notifications.services import Alert, notify
from goldenthread.people.models import Person
from goldenthread.webhooks.models import Event
from goldenthread.webhooks.services import announce

HEARING_SOON = timedelta(days=7)


@dataclass(frozen=True)
class LegalEvent:
    matter: LegalMatter
    kind: str  # a NotificationKind
    about: str  # what the event is about, so it alerts each person once


def alerts_raise(events: list[LegalEvent]) -> None:
    if not events:
        return
    # Most people in a feed are nobody's alert: only those who are are read.
    people = Person.objects.select_related("site").in_bulk(
        alertable_people({event.matter.person_id for event in events})
    )
    alerts = []
    recipients: dict[int, list[Any]] = {}
    bookings: list[tuple[int, dict[str, int]]] = []
    for event in events:
        person = people.get(event.matter.person_id)
        if person is None:
            continue
        if person.pk not in recipients:
            recipients[person.pk] = [m.user for m in legal_alert_recipients(person)]
        link = reverse("legal:matters", args=[person.pk])
        alerts += [
            Alert(user, person, event.kind, event.about, link) for user in recipients[person.pk]
        ]
        if event.kind == NotificationKind.BOOKED and person.assigned_organization_id:
            payload = {"person_id": person.pk, "legal_matter_id": event.matter.pk}
            bookings.append((person.assigned_organization_id, payload))
    notify(alerts)
    # The provider serving the person may follow bookings in its own systems too.
    for organization_id, booking in bookings:
        announce(Event.BOOKING, {organization_id: booking})


def hearing_reminders(now: datetime | None = None) -> int:
    """Alerts for every hearing in the next 7 days not yet alerted (each court date alerts
    each recipient once, so running it hourly from cron is safe)."""
    now = now or timezone.now()
    court_dates = CourtDate.objects.filter(at__gte=now, at__lte=now + HEARING_SOON).select_related(
        "matter"
    )
    events = [
        LegalEvent(court.matter, NotificationKind.HEARING_SOON, f"court:{court.pk}")
        for court in court_dates
    ]
    with transaction.atomic():
        alerts_raise(events)
    return len(events)
