import bisect
import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Concat

from goldenthread.accounts.models import User
from goldenthread.casework.models import (
    Contact,
    ContactMode,
    EngagementChange,
    PlaceType,
    StatusRecord,
    Task,
)
from goldenthread.lodging.models import Stay
from goldenthread.outreach.models import EncampmentStatus, Resident
from goldenthread.people.models import EngagementStatus, Person
from goldenthread.referrals.models import Referral, ReferralStatus


def contact_defaults(staff: User) -> dict[str, Any]:
    """A new contact starts like this person's last one: on a sidewalk, the next contact is
    usually the same kind in the same kind of place."""
    last = Contact.objects.filter(staff=staff).order_by("-created_at").first()
    if last is None:
        return {"mode": ContactMode.IN_PERSON, "place": PlaceType.STREET, "substantive": False}
    return {
        "mode": last.mode,
        "place": last.place,
        "substantive": last.substantive,
        "domains": last.domains,
        "sharing": last.sharing,
    }


# How a caseload can be ordered: by who has gone longest without a contact (where to go
# today), by name, or by status.
CASELOAD_ORDER = {
    "last_contact": (F("last_contact").asc(nulls_first=True), "pk"),
    "name": ("preferred_name", "legal_last_name", "pk"),
    "status": ("engagement_status", "pk"),
}


def caseload_rows(people: QuerySet[Person], order: str) -> QuerySet[Person]:
    """Each participant with their last contact, the next intake deadline of an open
    arrest diversion and where they sleep, in one query whatever the caseload's size."""
    deadline = (
        Referral.objects.filter(
            person=OuterRef("pk"),
            status__in=(ReferralStatus.APPROVED, ReferralStatus.AWAITING_INTAKE),
            intake_due_at__isnull=False,
        )
        .order_by("intake_due_at")
        .values("intake_due_at")[:1]
    )
    return (
        people.select_related("case_manager")
        .annotate(
            last_contact=F("last_contact_at"),
            intake_due=Subquery(deadline),
            **where_they_sleep(),
        )
        .order_by(*CASELOAD_ORDER.get(order, CASELOAD_ORDER["last_contact"]))
    )


def where_they_sleep() -> dict[str, Subquery]:
    """Annotations for a list of people: the room or bed they hold now (`staying_at`), or
    else the active encampment outreach last saw them at and has not lost them from
    (`camp`): where a case manager goes to find them."""
    stay = (
        Stay.objects.filter(person=OuterRef("pk"), checked_out_at=None)
        .annotate(where=Concat("unit__place__name", Value(", "), "unit__label"))
        .values("where")[:1]
    )
    camp = (
        Resident.objects.filter(
            person=OuterRef("pk"), encampment__status=EncampmentStatus.ACTIVE, lost_since=None
        )
        .order_by("-last_seen_on", "-pk")
        .values("encampment__name")[:1]
    )
    return {"staying_at": Subquery(stay), "camp": Subquery(camp)}


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def status_on(records: Iterable[StatusRecord], day: date) -> dict[str, StatusRecord]:
    """{kind: the record in force on `day`}: the latest one dated on or before it."""
    current: dict[str, StatusRecord] = {}
    for record in sorted(records, key=lambda r: (r.as_of, r.recorded_at, r.pk)):
        if record.as_of <= day:
            current[record.kind] = record
    return current


class StatusHistory:
    """Many people's dated statuses of some kinds, read in one query and asked "what was
    true for this person on day D, and since when" by bisection: an export or extract asks
    it for thousands of people and days."""

    def __init__(self, people: QuerySet[Person], kinds: Iterable[str]) -> None:
        self._days: dict[tuple[int, str], list[date]] = defaultdict(list)
        self._values: dict[tuple[int, str], list[str]] = defaultdict(list)
        records = (
            StatusRecord.objects.filter(person__in=people, kind__in=list(kinds))
            .order_by("as_of", "recorded_at", "pk")
            .values_list("person_id", "kind", "value", "as_of")
        )
        for person_id, kind, value, as_of in records:
            self._days[person_id, kind].append(as_of)
            self._values[person_id, kind].append(value)

    def on(self, person_id: int, kind: str, day: date) -> tuple[str, date] | None:
        """(value, the day it was recorded as true from) on `day`, or None."""
        days = self._days.get((person_id, kind))
        at = bisect.bisect_right(days, day) if days else 0
        if not at:
            return None
        return self._values[person_id, kind][at - 1], days[at - 1]  # type: ignore[index]

    def value(self, person_id: int, kind: str, day: date) -> str | None:
        known = self.on(person_id, kind, day)
        return known[0] if known else None


@dataclass(frozen=True)
class Enrollment:
    """A stretch in LEAD case management: from the referral's completed intake to the next
    closing of the case, if any. A person closed and later re-referred has two."""

    referral_id: int
    person_id: int
    organization_id: int
    organization_name: str
    entered_at: datetime
    exited_at: datetime | None
    close_reason: str


def enrollments_of(people: QuerySet[Person] | list[Person]) -> dict[int, list[Enrollment]]:
    """{person: enrollments, oldest first}, in two queries for any number of people."""
    closes: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
    for person_id, at, reason in (
        EngagementChange.objects.filter(person__in=people, to_status=EngagementStatus.CLOSED)
        .order_by("at", "pk")
        .values_list("person_id", "at", "close_reason")
    ):
        closes[person_id].append((at, reason))
    found: dict[int, list[Enrollment]] = defaultdict(list)
    for referral_id, person_id, intake_at, organization_id, organization_name in (
        Referral.objects.filter(
            person__in=people, status=ReferralStatus.ENROLLED, intake_completed_at__isnull=False
        )
        .order_by("intake_completed_at", "pk")
        .values_list(
            "pk",
            "person_id",
            "intake_completed_at",
            "person__assigned_organization",
            "person__assigned_organization__name",
        )
    ):
        if intake_at is None or organization_id is None:
            continue
        closed = next(((at, why) for at, why in closes[person_id] if at > intake_at), None)
        found[person_id].append(
            Enrollment(
                referral_id=referral_id,
                person_id=person_id,
                organization_id=organization_id,
                organization_name=organization_name,
                entered_at=intake_at,
                exited_at=closed[0] if closed else None,
                close_reason=closed[1] if closed else "",
            )
        )
    return found


def status_by_month(
    records: Iterable[StatusRecord], today: date, months: int = 18
) -> list[tuple[date, dict[str, StatusRecord]]]:
    """[(month, {kind: record in force at the month's end, or today for this month})],
    oldest first: the evaluators' "status by month" from one list of records."""
    records = list(records)
    rows = []
    for back in range(months - 1, -1, -1):
        year, month = divmod(today.year * 12 + today.month - 1 - back, 12)
        end = min(_month_end(year, month + 1), today)
        rows.append((date(year, month + 1, 1), status_on(records, end)))
    return rows


def open_task_counts(tasks: QuerySet[Task], person_ids: list[int]) -> dict[int, int]:
    """{person: open tasks} for one page of a caseload, in one query."""
    rows = (
        tasks.filter(person_id__in=person_ids, done_at__isnull=True)
        .values("person_id")
        .annotate(n=Count("pk"))
        .values_list("person_id", "n")
    )
    return dict(rows)
