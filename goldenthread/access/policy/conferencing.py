"""What each attendee of a work group's meeting may read of its agenda. Every attendee
sees every item's place and reason (the group decides together what to talk about); who an
item is about and what happened is shown only as the policy lets that attendee's
organization see it: referrals as the referral rules allow, legal events under the legal
coordination category, everything else about a person under "enrollment status and whom
to call". The assigned case manager's organization therefore sees everything about its
participants; an officer sees status and whom to call where a release allows it."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from goldenthread.access.policy.participants import granted_categories
from goldenthread.access.policy.referrals import referrals_visible_to
from goldenthread.access.policy.roles import Capability, can, visible_one
from goldenthread.conferencing.models import ActionItem, AgendaItem, Meeting, Reason, WorkGroup
from goldenthread.consent.models import CategoryCode
from goldenthread.organizations.models import Membership
from goldenthread.people.models import Person

# The category an item's subject and detail belong to, for items about a participant.
CATEGORY_OF: dict[str, str] = {
    Reason.LEGAL_EVENT: CategoryCode.LEGAL_COORDINATION,
    Reason.IN_THE_WIND: CategoryCode.ENROLLMENT_STATUS,
    Reason.ACTION_ITEM: CategoryCode.ENROLLMENT_STATUS,
    Reason.ADDED: CategoryCode.ENROLLMENT_STATUS,
}
REFERRAL_REASONS = frozenset({Reason.REFERRAL_DECISION, Reason.INTAKE_DEADLINE})


def may_run_meetings(membership: Membership | None) -> bool:
    return can(membership, Capability.RUN_MEETINGS)


def work_groups_visible_to(membership: Membership | None) -> QuerySet[WorkGroup]:
    """The project manager sees the site's work groups; anyone else those their
    organization sits in."""
    if membership is None or not membership.is_active:
        return WorkGroup.objects.none()
    groups = WorkGroup.objects.filter(site_id=membership.organization.site_id)
    if may_run_meetings(membership):
        return groups
    return groups.filter(organizations=membership.organization)


def access_meeting(membership: Membership | None, pk: Any) -> Meeting:
    meetings = Meeting.objects.filter(work_group__in=work_groups_visible_to(membership))
    meeting: Meeting = visible_one(meetings.select_related("work_group"), pk)
    return meeting


def actions_visible_to(membership: Membership | None) -> QuerySet[ActionItem]:
    """Action items of the work groups this member sees."""
    groups = work_groups_visible_to(membership)
    return ActionItem.objects.filter(work_group__in=groups).select_related("work_group")


def may_close_action(membership: Membership | None, action: ActionItem) -> bool:
    """Its owner (the person, or anyone of the organization) or the project manager."""
    if membership is None or not membership.is_active:
        return False
    if membership.organization.site_id != action.work_group.site_id:
        return False
    return (
        may_run_meetings(membership)
        or action.owner_user_id == membership.user_id
        or action.owner_organization_id == membership.organization_id
    )


@dataclass(frozen=True)
class BriefItem:
    pk: int
    position: int
    reason: str  # its label
    person: Person | None  # None: not about anyone, or not for this attendee
    detail: str  # "" when withheld
    withheld: bool


def _visible(membership: Membership, item: AgendaItem, referral_ids: set[int]) -> bool:
    if item.reason in REFERRAL_REASONS:
        return item.referral_id in referral_ids
    if item.person is None:
        return True
    return CATEGORY_OF[item.reason] in granted_categories(membership, item.person)


def agenda_brief(membership: Membership | None, meeting: Meeting) -> list[BriefItem]:
    """The meeting's agenda as this attendee may read it; nothing for someone outside the
    site."""
    if membership is None or membership.organization.site_id != meeting.work_group.site_id:
        return []
    items = list(
        meeting.items.filter(removed=False)
        .select_related("person", "action_item")
        .order_by("position", "pk")
    )
    referral_ids = set(
        referrals_visible_to(membership)
        .filter(pk__in={i.referral_id for i in items if i.referral_id})
        .values_list("pk", flat=True)
    )
    brief = []
    for number, item in enumerate(items, start=1):
        shown = _visible(membership, item, referral_ids)
        detail = item.detail
        if item.action_item is not None:
            detail = f"{item.action_item.description} ({item.detail})"
        brief.append(
            BriefItem(
                pk=item.pk,
                position=number,
                reason=item.get_reason_display(),
                person=item.person if shown else None,
                detail=detail if shown else _("Not shared with your organization."),
                withheld=not shown,
            )
        )
    return brief
