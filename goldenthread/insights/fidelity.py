"""Fidelity to LEAD's core principles, read from the data each quarter (lead-domain.md 3,
4 and 7): caseloads within the limit, work in the field, time to first contact, Operational
Work Groups meeting at their cadence, nobody closed for non-compliance, community referrals
accepted, and equity indexes within the PCG's band. A target is stated only where the
model or the site sets one; the others are read by their trend."""

from dataclasses import dataclass

from django.db.models import Count, Q

from goldenthread.casework.models import (
    CloseReason,
    Contact,
    ContactMode,
    EngagementChange,
    PlaceType,
)
from goldenthread.conferencing.models import GroupKind, WorkGroup
from goldenthread.insights.equity import Equity
from goldenthread.insights.operations import Operations
from goldenthread.insights.scope import Scope
from goldenthread.people.models import EngagementStatus
from goldenthread.referrals.models import Door, ReferralStatus, ReferralTransition

# Closing reasons that are the person's life or choice; any other closure is looked at.
OWN_REASONS = frozenset({CloseReason.MOVED_AWAY, CloseReason.DECEASED, CloseReason.ASKED_TO_LEAVE})


@dataclass(frozen=True)
class Reading:
    """One indicator in one quarter: its value as text, and whether it met its target
    (None: no target, or nothing to read)."""

    text: str
    met: bool | None = None


def _share(part: int, whole: int) -> str:
    return f"{part / whole * 100:.0f}% ({part}/{whole})" if whole else "—"


def caseloads(figures: Operations) -> Reading:
    share = figures.caseloads_within_limit
    if share is None:
        return Reading("—")
    return Reading(f"{share * 100:.0f}%", share == 1)


def field_contacts(scope: Scope) -> Reading:
    """In-person contacts away from the office, of all in-person contacts."""
    counts = Contact.objects.filter(
        person__site=scope.site,
        mode=ContactMode.IN_PERSON,
        occurred_at__gte=scope.start,
        occurred_at__lt=scope.end,
    ).aggregate(total=Count("pk"), field=Count("pk", filter=~Q(place=PlaceType.OFFICE)))
    return Reading(_share(counts["field"], counts["total"]))


def first_contact(figures: Operations) -> Reading:
    days = figures.days_to_first_contact
    return Reading("—" if days is None else f"{days:.1f}")


def work_group_cadence(scope: Scope) -> Reading:
    """Meetings held against those each Operational Work Group's cadence calls for over
    the part of the quarter it existed (and that has passed)."""
    until = min(scope.end, scope.day_end(scope.site.today()))
    expected = held = 0
    groups = WorkGroup.objects.filter(
        site=scope.site, kind=GroupKind.OPERATIONAL, created_at__lt=until
    )
    if scope.area:
        groups = groups.filter(Q(area=scope.area) | Q(area=""))
    for group in groups.annotate(
        held=Count(
            "meetings",
            filter=Q(
                meetings__held=True,
                meetings__starts_at__gte=scope.start,
                meetings__starts_at__lt=until,
            ),
        )
    ):
        span = until - max(scope.start, group.created_at)
        due = span // group.cadence
        expected += due
        held += min(group.held, due)
    if not expected:
        return Reading("—")
    return Reading(_share(held, expected), held == expected)


def closures_looked_at(scope: Scope) -> Reading:
    """Closures in the quarter for a reason other than the person's own life or choice:
    LEAD closes nobody for non-compliance, so each of these deserves a look."""
    closed = EngagementChange.objects.filter(
        person__site=scope.site,
        to_status=EngagementStatus.CLOSED,
        at__gte=scope.start,
        at__lt=scope.end,
    ).aggregate(total=Count("pk"), other=Count("pk", filter=~Q(close_reason__in=OWN_REASONS)))
    return Reading(f"{closed['other']} / {closed['total']}", closed["other"] == 0)


def community_accepted(scope: Scope) -> Reading:
    """Community referrals decided in the quarter (approved or declined), the share
    approved."""
    decided = ReferralTransition.objects.filter(
        referral__in=scope.referrals().filter(door=Door.COMMUNITY),
        to_status__in=[ReferralStatus.APPROVED, ReferralStatus.DECLINED],
        at__gte=scope.start,
        at__lt=scope.end,
    ).aggregate(
        total=Count("pk"), approved=Count("pk", filter=Q(to_status=ReferralStatus.APPROVED))
    )
    return Reading(_share(decided["approved"], decided["total"]))


def equity_within_band(funnel: Equity) -> Reading:
    """Race and ethnicity indexes outside the band with an interval that excludes 1."""
    outside = [a for a in funnel.alerts() if a[0].dimension == "race"]
    if funnel.is_empty:
        return Reading("—")
    return Reading(str(len(outside)), not outside)


INDICATORS = (
    "fidelity_caseloads",
    "fidelity_field_contacts",
    "fidelity_first_contact",
    "fidelity_work_group_cadence",
    "fidelity_closures",
    "fidelity_community_accepted",
    "fidelity_equity_band",
)


def scorecard(scope: Scope, figures: Operations, funnel: Equity | None) -> dict[str, Reading]:
    """Each indicator's reading for the scope's quarter (equity: only when given)."""
    readings = {
        "fidelity_caseloads": caseloads(figures),
        "fidelity_field_contacts": field_contacts(scope),
        "fidelity_first_contact": first_contact(figures),
        "fidelity_work_group_cadence": work_group_cadence(scope),
        "fidelity_closures": closures_looked_at(scope),
        "fidelity_community_accepted": community_accepted(scope),
        "fidelity_equity_band": equity_within_band(funnel) if funnel else Reading("—"),
    }
    return readings
