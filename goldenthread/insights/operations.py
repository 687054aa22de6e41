"""Operational figures per site, area and quarter, as SQL rollups through the ORM: what
sites report quarterly to funders and councils (lead-domain.md 8.6 and 11.8, item 36).
Each figure's definition is in insights.definitions under the same key."""

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, F, OuterRef, Q, Subquery

from goldenthread.casework.models import Contact
from goldenthread.insights.scope import Scope
from goldenthread.people.models import EngagementStatus
from goldenthread.referrals.models import Door, ReferralStatus, ReferralTransition

# "Under no circumstances" more than this many per case manager (lead-domain.md 3).
CASELOAD_LIMIT = 25


@dataclass
class Operations:
    referrals_by_door: dict[str, int] = field(default_factory=dict)
    referrals_received: int = 0
    approvals: int = 0
    enrolled_at_end: int = 0
    substantive_contacts: int = 0
    participant_months: int = 0
    contacts_per_participant_month: float | None = None
    days_to_first_contact: float | None = None
    intake_due: int = 0
    intake_in_window: float | None = None
    caseload_mean: float | None = None
    caseload_max: int | None = None
    caseloads_within_limit: float | None = None
    in_the_wind_share: float | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.referrals_received or self.enrolled_at_end or self.substantive_contacts)


def operations(scope: Scope) -> Operations:
    figures = Operations()
    by_door = Counter(dict(scope.received().values_list("door").annotate(n=Count("pk"))))
    figures.referrals_by_door = {door: by_door.get(door, 0) for door in Door.values}
    figures.referrals_received = sum(by_door.values())
    figures.approvals = ReferralTransition.objects.filter(
        referral__in=scope.referrals(),
        to_status=ReferralStatus.APPROVED,
        at__gte=scope.start,
        at__lt=scope.end,
    ).count()
    _enrollment(scope, figures)
    _contacts(scope, figures)
    _intake_window(scope, figures)
    return figures


def _enrollment(scope: Scope, figures: Operations) -> None:
    last_day = scope.quarter.last_day
    enrolled = scope.enrolled_by(last_day)
    at_end = list(enrolled.values_list("case_manager_id", "status_then"))  # type: ignore[misc]
    figures.enrolled_at_end = len(at_end)
    if at_end:
        in_the_wind = sum(1 for _, status in at_end if status == EngagementStatus.IN_THE_WIND)
        figures.in_the_wind_share = in_the_wind / len(at_end)
        loads = Counter(cm for cm, _ in at_end if cm is not None)
        if loads:
            figures.caseload_mean = sum(loads.values()) / len(loads)
            figures.caseload_max = max(loads.values())
            within = sum(1 for load in loads.values() if load <= CASELOAD_LIMIT)
            figures.caseloads_within_limit = within / len(loads)
    figures.participant_months = sum(
        scope.enrolled_by(day).count() for day in scope.quarter.month_ends()
    )


def _contacts(scope: Scope, figures: Operations) -> None:
    enrolled = scope.referrals().filter(status=ReferralStatus.ENROLLED).values("person_id")
    figures.substantive_contacts = Contact.objects.filter(
        person__in=enrolled,
        substantive=True,
        occurred_at__gte=scope.start,
        occurred_at__lt=scope.end,
    ).count()
    if figures.participant_months:
        figures.contacts_per_participant_month = (
            figures.substantive_contacts / figures.participant_months
        )
    first_contact = Contact.objects.filter(
        person=OuterRef("person_id"), occurred_at__gte=OuterRef("submitted_at")
    ).order_by("occurred_at")
    waits = [
        (contact - submitted) / timedelta(days=1)
        for submitted, contact in scope.received()
        .annotate(first=Subquery(first_contact.values("occurred_at")[:1]))
        .exclude(first=None)
        .values_list("submitted_at", "first")
    ]
    figures.days_to_first_contact = statistics.median(waits) if waits else None


def _intake_window(scope: Scope, figures: Operations) -> None:
    due = scope.referrals().filter(
        door=Door.ARREST_DIVERSION, intake_due_at__gte=scope.start, intake_due_at__lt=scope.end
    )
    counts = due.aggregate(
        total=Count("pk"),
        inside=Count("pk", filter=Q(intake_completed_at__lte=F("intake_due_at"))),
    )
    figures.intake_due = counts["total"]
    if counts["total"]:
        figures.intake_in_window = counts["inside"] / counts["total"]
