"""What a work group's meeting should talk about, each item with its reason. One function
per rule, and for each kind of group its rules in the order the agenda takes; the project
manager adds, removes and reorders items afterwards (services)."""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from goldenthread.casework.models import EngagementChange
from goldenthread.conferencing.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Flag,
    GroupKind,
    Meeting,
    Reason,
    WorkGroup,
)
from goldenthread.governance.models import PolicyVersion
from goldenthread.incidents.models import Incident, Outcome, ReviewStatus
from goldenthread.legal.models import LegalMatter, MatterKind
from goldenthread.lodging.selectors import occupancy
from goldenthread.organizations.models import SiteProgram
from goldenthread.people.models import EngagementStatus, Person
from goldenthread.referrals.models import Referral, ReferralStatus

INTAKE_DEADLINE_WITHIN = timedelta(days=7)
IN_THE_WIND_FOR = timedelta(days=30)
AWAITING_DECISION = (
    ReferralStatus.SUBMITTED,
    ReferralStatus.SCREENING,
    ReferralStatus.NEEDS_INFORMATION,
)
AWAITING_INTAKE = (ReferralStatus.APPROVED, ReferralStatus.AWAITING_INTAKE)
LEGAL_KINDS = (MatterKind.BOOKING, MatterKind.CASE, MatterKind.WARRANT)


def since_last_meeting(meeting: Meeting) -> datetime:
    """When the group last met before this meeting, or one cadence before it."""
    earlier = (
        Meeting.objects.filter(work_group=meeting.work_group, starts_at__lt=meeting.starts_at)
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    return earlier or meeting.starts_at - meeting.work_group.cadence


def _in_area(group: WorkGroup, rows: QuerySet) -> QuerySet:
    return rows.filter(area__iexact=group.area) if group.area else rows


def _referrals_awaiting_decision(meeting: Meeting) -> list[AgendaItem]:
    group = meeting.work_group
    referrals = _in_area(
        group, Referral.objects.filter(site_id=group.site_id, status__in=AWAITING_DECISION)
    ).order_by("submitted_at", "pk")
    return [
        AgendaItem(
            reason=Reason.REFERRAL_DECISION,
            referral=r,
            person_id=r.person_id,
            detail=_("received %(day)s") % {"day": f"{r.submitted_at:%Y-%m-%d}"},
        )
        for r in referrals
    ]


def _intake_deadlines(meeting: Meeting) -> list[AgendaItem]:
    group = meeting.work_group
    referrals = _in_area(
        group,
        Referral.objects.filter(
            site_id=group.site_id,
            status__in=AWAITING_INTAKE,
            intake_completed_at=None,
            intake_due_at__lte=meeting.starts_at + INTAKE_DEADLINE_WITHIN,
        ),
    ).order_by("intake_due_at", "pk")
    return [
        AgendaItem(
            reason=Reason.INTAKE_DEADLINE,
            referral=r,
            person_id=r.person_id,
            detail=_("intake due %(day)s") % {"day": f"{r.intake_due_at:%Y-%m-%d %H:%M}"},
        )
        for r in referrals
    ]


def _legal_events(meeting: Meeting) -> list[AgendaItem]:
    group = meeting.work_group
    matters = _in_area(
        group,
        LegalMatter.objects.filter(
            site_id=group.site_id,
            kind__in=LEGAL_KINDS,
            person__assigned_organization__isnull=False,
            noted_at__gt=since_last_meeting(meeting),
            noted_at__lte=meeting.starts_at,
        ),
    ).order_by("noted_at", "pk")
    return [
        AgendaItem(
            reason=Reason.LEGAL_EVENT,
            person_id=m.person_id,
            detail=f"{m.get_kind_display()} {m.number} {m.noted_at:%Y-%m-%d}"[:200],
        )
        for m in matters
    ]


def _in_the_wind(meeting: Meeting) -> list[AgendaItem]:
    group = meeting.work_group
    went = EngagementChange.objects.filter(
        person=OuterRef("pk"), to_status=EngagementStatus.IN_THE_WIND
    ).order_by("-at")
    people = (
        Person.objects.filter(
            site_id=group.site_id,
            engagement_status=EngagementStatus.IN_THE_WIND,
            merged_into__isnull=True,
        )
        .annotate(since=Subquery(went.values("at")[:1]))
        .filter(since__lte=meeting.starts_at - IN_THE_WIND_FOR)
        .order_by("since", "pk")
        .values_list("pk", "since")
    )
    return [
        AgendaItem(
            reason=Reason.IN_THE_WIND,
            person_id=pk,
            detail=_("in the wind since %(day)s") % {"day": f"{since:%Y-%m-%d}"},
        )
        for pk, since in people
    ]


def _lodging_openings(meeting: Meeting) -> list[AgendaItem]:
    """Rooms or beds free on the meeting's night: the group matches people to them."""
    site = meeting.work_group.site
    if not site.runs(SiteProgram.LODGING):
        return []
    night = meeting.starts_at.astimezone(site.zone).date()
    return [
        AgendaItem(
            reason=Reason.LODGING_OPENING,
            detail=_("%(place)s: %(free)s of %(units)s free")
            % {"place": o.place.name, "free": o.vacant, "units": o.units},
        )
        for o in occupancy(site, night)
        if o.vacant
    ]


def flags_waiting(meeting: Meeting) -> QuerySet[Flag]:
    """Participants staff raised for this group before the meeting and no meeting has
    taken up yet."""
    return Flag.objects.filter(
        work_group=meeting.work_group, taken_up_at=None, flagged_at__lte=meeting.starts_at
    )


def _incidents(meeting: Meeting) -> list[AgendaItem]:
    """How many critical incidents and deaths there were since the group last met, and how
    many wait for review: a count only, with no name, place or time, because police and
    prosecutors sit at the table and no incident may reach them (access/policy/incidents)."""
    site = meeting.work_group.site
    since = Incident.objects.filter(
        site=site, occurred_at__gte=since_last_meeting(meeting), occurred_at__lt=meeting.starts_at
    ).aggregate(
        n=Count("pk"),
        deaths=Count("pk", filter=Q(outcome=Outcome.DIED)),
        unreviewed=Count("pk", filter=~Q(status=ReviewStatus.REVIEWED)),
    )
    if not since["n"]:
        return []
    return [
        AgendaItem(
            reason=Reason.INCIDENTS,
            detail=_("Incidents: %(n)s; deaths: %(deaths)s; not yet reviewed: %(unreviewed)s")
            % since,
        )
    ]


def _flagged(meeting: Meeting) -> list[AgendaItem]:
    return [
        AgendaItem(reason=Reason.FLAGGED, person_id=flag.person_id, detail=flag.why)
        for flag in flags_waiting(meeting).order_by("flagged_at", "pk")
    ]


def _open_action_items(meeting: Meeting) -> list[AgendaItem]:
    actions = ActionItem.objects.filter(
        work_group=meeting.work_group, status=ActionStatus.OPEN
    ).order_by("due_on", "pk")
    return [
        AgendaItem(
            reason=Reason.ACTION_ITEM,
            action_item=a,
            person_id=a.person_id,
            detail=_("due %(day)s") % {"day": f"{a.due_on:%Y-%m-%d}"},
        )
        for a in actions
    ]


def _policies_awaiting_approval(meeting: Meeting) -> list[AgendaItem]:
    drafts = PolicyVersion.objects.filter(
        policy__site_id=meeting.work_group.site_id, published_at=None
    ).select_related("policy")
    return [
        AgendaItem(
            reason=Reason.POLICY_APPROVAL,
            policy_version=version,
            detail=f"{version.policy.title} v{version.number}: {version.summary}"[:200],
        )
        for version in drafts.order_by("policy__title", "number")
    ]


Rule = Callable[[Meeting], list[AgendaItem]]
# Each kind of group's rules, in the order its agenda takes.
RULES: dict[str, tuple[Rule, ...]] = {
    GroupKind.OPERATIONAL: (
        _referrals_awaiting_decision,
        _intake_deadlines,
        _legal_events,
        _in_the_wind,
        _lodging_openings,
        _incidents,
        _flagged,
        _open_action_items,
    ),
    GroupKind.POLICY: (_policies_awaiting_approval, _open_action_items),
}


def agenda_items(meeting: Meeting) -> list[AgendaItem]:
    """The meeting's agenda as the rules find it, numbered, not yet saved."""
    rules = RULES[meeting.work_group.kind]
    items = [item for rule in rules for item in rule(meeting)]
    for position, item in enumerate(items, start=1):
        item.meeting = meeting
        item.position = position
    return items
