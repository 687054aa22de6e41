from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from goldenthread.audit.models import AuditEvent
from goldenthread.organizations.models import Membership


def events_matching(site_id: int, filters: dict[str, Any]) -> QuerySet[AuditEvent]:
    """The audit screen's query: newest first, within one site, narrowed by any filter given.

    Events recorded before an organization was chosen (sign-in steps) carry no site; they
    belong to the site when their actor is one of its members.
    """
    members = Membership.objects.filter(organization__site_id=site_id).values("user_id")
    events = AuditEvent.objects.filter(
        Q(site_id=site_id) | Q(site_id__isnull=True, actor_id__in=members)
    )
    if filters.get("actor"):
        events = events.filter(actor_label=filters["actor"])
    if filters.get("action"):
        events = events.filter(action=filters["action"])
    if filters.get("object_type"):
        events = events.filter(object_type=filters["object_type"])
    if filters.get("subject_person_id"):
        events = events.filter(subject_person_id=filters["subject_person_id"])
    if filters.get("request_id"):
        events = events.filter(request_id=filters["request_id"])
    if filters.get("since"):
        events = events.filter(at__gte=_start_of(filters["since"]))
    if filters.get("until"):
        events = events.filter(at__lt=_start_of(filters["until"]) + timedelta(days=1))
    return events.order_by("-position")


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def chain_in_order() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("position").iterator(chunk_size=2000)


READ_ACTIONS = ("view", "list", "search", "export")


def disclosures_of(person_id: int) -> QuerySet[AuditEvent]:
    """Every read of one person's data, oldest first: the "who saw my information" report."""
    return AuditEvent.objects.filter(subject_person_id=person_id, action__in=READ_ACTIONS).order_by(
        "position"
    )
