"""What each attendee of a work group's meeting may read of its agenda. Every attendee
sees every item's place and reason (the group decides together what to talk about); who an
item is about and what happened is shown only as the policy lets that attendee's
organization see it: referrals as the referral rules allow, legal events under the legal
coordination category, everything else about a person under "enrollment status and whom
to call". The assigned case manager's organization therefore sees everything about its
participants; an officer sees status and whom to call where a release allows it."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from goldenthread.access.policy.participants import (
    granted_categories,
    site_categories,
    with_consent_facts,
)
from goldenthread.access.policy.referrals import referrals_visible_to
from goldenthread.access.policy.roles import Capability, can, visible_one
from goldenthread.access.sharing import NoteSharing
from goldenthread.conferencing.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    GroupKind,
    ItemNote,
    Meeting,
    Reason,
    WorkGroup,
)
from goldenthread.consent.models import CategoryCode
from goldenthread.organizations.models import Membership, OrganizationKind
from goldenthread.people.models import Person

# The category an item's subject and detail belong to, for items about a participant.
CATEGORY_OF: dict[str, str] = {
    Reason.LEGAL_EVENT: CategoryCode.LEGAL_COORDINATION,
    Reason.IN_THE_WIND: CategoryCode.ENROLLMENT_STATUS,
    Reason.FLAGGED: CategoryCode.ENROLLMENT_STATUS,
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
class BriefNote:
    text: str
    is_decision: bool
    restricted: bool
    author: str
    written_at: datetime


@dataclass(frozen=True)
class BriefItem:
    pk: int
    position: int
    reason: str  # its label
    person: Person | None  # None: not about anyone, or not for this attendee
    detail: str  # "" when withheld
    withheld: bool
    notes: tuple[BriefNote, ...] = ()


@dataclass(frozen=True)
class Brief:
    items: list[BriefItem]
    # {person id: the categories of theirs this brief discloses}, for the audit trail.
    disclosed: dict[int, Iterable[str]] = field(default_factory=dict)
    part2: bool = False  # something disclosed is 42 CFR Part 2 data: the notice goes with it


class _Reader:
    """One attendee's grants over the people of one agenda, each asked once."""

    def __init__(self, membership: Membership, items: list[AgendaItem]) -> None:
        self.membership = membership
        self.referral_ids = set(
            referrals_visible_to(membership)
            .filter(pk__in={i.referral_id for i in items if i.referral_id})
            .values_list("pk", flat=True)
        )
        people = with_consent_facts({i.person for i in items if i.person}, membership)
        self.granted = {p.pk: granted_categories(membership, p) for p in people}

    def sees_item(self, item: AgendaItem) -> bool:
        if item.reason in REFERRAL_REASONS:
            return item.referral_id in self.referral_ids
        if item.person_id is None:
            return True
        return CATEGORY_OF[item.reason] in self.granted[item.person_id]

    def sees_note(self, item: AgendaItem, author_id: int, restricted: bool) -> bool:
        """Restricted notes stay with case management (about a participant: the one they
        are assigned to); shareable ones follow the case-notes category of a release. The
        author always reads their own."""
        if author_id == self.membership.user_id:
            return True
        granted = self.granted.get(item.person_id or 0, {})
        if restricted:
            if item.person is not None and item.person.assigned_organization_id:
                return granted.get(CategoryCode.CASE_NOTES) == "assigned"
            return self.membership.organization.kind == OrganizationKind.CASE_MANAGEMENT
        if item.person_id is not None:
            return CategoryCode.CASE_NOTES in granted
        return True


def _notes_of(meeting: Meeting) -> dict[int, list[tuple[int, BriefNote]]]:
    """{item id: [(author id, note)]} for the whole meeting, in one query of plain rows."""
    rows = (
        ItemNote.objects.filter(item__meeting=meeting)
        .order_by("written_at", "pk")
        .values_list(
            "item_id",
            "author_id",
            "text",
            "is_decision",
            "sharing",
            "written_at",
            "author__display_name",
            "author__username",
        )
    )
    notes: dict[int, list[tuple[int, BriefNote]]] = {}
    for item_id, author_id, text, decision, sharing, at, name, username in rows:
        note = BriefNote(text, decision, sharing == NoteSharing.TEAM, name or username, at)
        notes.setdefault(item_id, []).append((author_id, note))
    return notes


def agenda_brief(membership: Membership | None, meeting: Meeting) -> Brief:
    """The meeting's agenda and notes as this attendee may read them; nothing for someone
    outside the site."""
    if membership is None or membership.organization.site_id != meeting.work_group.site_id:
        return Brief(items=[])
    items = list(
        meeting.items.filter(removed=False)
        .select_related("person", "action_item")
        .order_by("position", "pk")
    )
    notes_of = _notes_of(meeting)
    reader = _Reader(membership, items)
    labels = dict(Reason.choices)  # translated once, not once per item
    seen: dict[int, set[str]] = {}
    brief = []
    for number, item in enumerate(items, start=1):
        shown = reader.sees_item(item)
        detail = item.detail
        if item.action_item is not None:
            detail = f"{item.action_item.description} ({item.detail})"
        notes = tuple(
            note
            for author_id, note in notes_of.get(item.pk, [])
            if shown and reader.sees_note(item, author_id, note.restricted)
        )
        if shown and item.person_id is not None:
            categories = seen.setdefault(item.person_id, set())
            categories.add(CATEGORY_OF.get(item.reason, CategoryCode.ENROLLMENT_STATUS))
            if notes:
                categories.add(CategoryCode.CASE_NOTES)
        brief.append(
            BriefItem(
                pk=item.pk,
                position=number,
                reason=str(labels[item.reason]),
                person=item.person if shown else None,
                detail=detail if shown else _("Not shared with your organization."),
                withheld=not shown,
                notes=notes,
            )
        )
    part2_codes = {c.code for c in site_categories(meeting.work_group.site_id) if c.is_part2}
    part2 = any(codes & part2_codes for codes in seen.values())
    return Brief(items=brief, disclosed=dict(seen), part2=part2)


def groups_to_raise_at(membership: Membership | None, person: Person) -> QuerySet[WorkGroup]:
    """The work groups this member may ask to talk about a participant: Operational Work
    Groups they see (the PCG talks about policies, not people), for someone whose status
    their organization may read."""
    if CategoryCode.ENROLLMENT_STATUS not in granted_categories(membership, person):
        return WorkGroup.objects.none()
    return work_groups_visible_to(membership).filter(kind=GroupKind.OPERATIONAL)


def minutes_recipients(membership: Membership | None, meeting: Meeting) -> QuerySet[Membership]:
    """Whose copy of the minutes this member may produce: the project manager's for anyone
    of the group's organizations (each copy filtered as that reader may see it); anyone
    else only their own."""
    if membership is None or not membership.is_active:
        return Membership.objects.none()
    if (
        may_run_meetings(membership)
        and membership.organization.site_id == meeting.work_group.site_id
    ):
        return Membership.objects.filter(
            organization__in=meeting.work_group.organizations.all(),
            is_active=True,
            user__is_active=True,
        ).select_related("user", "organization")
    return Membership.objects.filter(pk=membership.pk).select_related("user", "organization")


def actions_owned_by(membership: Membership | None) -> QuerySet[ActionItem]:
    """Open action items this member owns, themselves or through their organization."""
    if membership is None:
        return ActionItem.objects.none()
    return actions_visible_to(membership).filter(
        Q(owner_user_id=membership.user_id) | Q(owner_organization_id=membership.organization_id),
        status=ActionStatus.OPEN,
    )
