"""Every write of case conferencing: one transactional function each, with its audit
event."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.conferencing.agenda import agenda_items, flags_waiting
from goldenthread.conferencing.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Flag,
    GroupKind,
    ItemNote,
    Meeting,
    Reason,
    WorkGroup,
)
from goldenthread.organizations.models import Organization, Site
from goldenthread.people.models import Person
from goldenthread.text import printable


@transaction.atomic
def work_group_create(
    *,
    actor: User | None,
    site: Site,
    name: str,
    organizations: list[Organization],
    members: list[User],
    cadence_days: int = 14,
    area: str = "",
    kind: str = GroupKind.OPERATIONAL,
) -> WorkGroup:
    if any(o.site_id != site.pk for o in organizations):
        raise ValidationError(_("A work group's organizations belong to its site."))
    group = WorkGroup(site=site, name=name, cadence_days=cadence_days, area=area, kind=kind)
    group.full_clean()
    group.save()
    group.organizations.set(organizations)
    group.members.set(members)
    audit_record(action=Action.CREATE, actor=actor, obj=group)
    return group


@transaction.atomic
def meeting_schedule(*, actor: User | None, work_group: WorkGroup, starts_at: datetime) -> Meeting:
    """A meeting with its agenda built from what needs attention; the flags it takes up
    are spent."""
    meeting = Meeting.objects.create(work_group=work_group, starts_at=starts_at)
    AgendaItem.objects.bulk_create(agenda_items(meeting))
    flags_waiting(meeting).update(taken_up_at=meeting)
    audit_record(
        action=Action.CREATE, actor=actor, obj=meeting, detail={"items": meeting.items.count()}
    )
    return meeting


def next_meeting_time(work_group: WorkGroup, now: datetime) -> datetime:
    """One cadence after the group's latest meeting, stepped on by whole cadences until it
    is ahead of now; a group that never met starts one cadence from now."""
    latest = work_group.meetings.order_by("-starts_at").values_list("starts_at", flat=True)
    starts_at = latest.first() or now
    while starts_at <= now:
        starts_at += work_group.cadence
    return starts_at


@transaction.atomic
def meeting_schedule_next(*, actor: User, work_group: WorkGroup) -> Meeting:
    now = timezone.now()
    WorkGroup.objects.select_for_update().get(pk=work_group.pk)
    ahead = work_group.meetings.filter(starts_at__gt=now).order_by("starts_at").first()
    if ahead is not None:
        raise ValidationError(
            _("The next meeting is already scheduled for %(when)s.")
            % {"when": f"{timezone.localtime(ahead.starts_at):%Y-%m-%d %H:%M}"}
        )
    return meeting_schedule(
        actor=actor, work_group=work_group, starts_at=next_meeting_time(work_group, now)
    )


def _open(meeting: Meeting) -> None:
    """Refuses any change to a meeting whose minutes are closed: they are the record."""
    if meeting.held:
        raise ValidationError(
            _("The minutes of this meeting are closed; raise it at the next meeting.")
        )


@transaction.atomic
def item_note_add(
    *, actor: User, item: AgendaItem, text: str, sharing: str, is_decision: bool = False
) -> ItemNote:
    """A note or decision on one item; never edited afterwards."""
    _open(Meeting.objects.select_for_update().get(pk=item.meeting_id))
    note = ItemNote(
        item=item,
        text=printable(text, keep_newlines=True).strip(),
        sharing=sharing,
        is_decision=is_decision,
        author=actor,
    )
    note.full_clean()
    note.save()
    audit_record(
        action=Action.CREATE,
        actor=actor,
        obj=note,
        subject_person_id=item.person_id,
        detail={"sharing": sharing, "decision": is_decision},
    )
    return note


@transaction.atomic
def attendance_record(*, actor: User, meeting: Meeting, attendees: list[User]) -> None:
    """Who was there, from the group's roster."""
    _open(Meeting.objects.select_for_update().get(pk=meeting.pk))
    roster = set(meeting.work_group.members.values_list("pk", flat=True))
    if any(user.pk not in roster for user in attendees):
        raise ValidationError(_("Attendees come from the work group's members."))
    meeting.attendees.set(attendees)
    audit_record(
        action=Action.UPDATE, actor=actor, obj=meeting, detail={"attendees": len(attendees)}
    )


@transaction.atomic
def meeting_close(*, actor: User, meeting: Meeting) -> Meeting:
    """Closes the minutes of a meeting that has taken place. A meeting in the past with no
    notes is refused: minutes that record nothing would say the group met for nothing."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _open(locked)
    if locked.starts_at > timezone.now():
        raise ValidationError(_("This meeting has not taken place yet."))
    if not ItemNote.objects.filter(item__meeting=locked).exists():
        raise ValidationError(
            _(
                "This meeting has no notes. Write at least one note or decision on an item "
                "before closing its minutes."
            )
        )
    locked.held = True
    locked.save(update_fields=["held"])
    audit_record(action=Action.UPDATE, actor=actor, obj=locked, detail={"held": True})
    return locked


@transaction.atomic
def flag_raise(*, actor: User, work_group: WorkGroup, person: Person, why: str) -> Flag:
    """Asks the group to talk about a participant at its next meeting scheduled."""
    if person.site_id != work_group.site_id:
        raise ValidationError(_("This participant belongs to another site."))
    waiting = Flag.objects.filter(work_group=work_group, person=person, taken_up_at=None)
    if waiting.exists():
        raise ValidationError(_("This participant is already raised for the next meeting."))
    flag = Flag(work_group=work_group, person=person, why=printable(why).strip(), flagged_by=actor)
    flag.full_clean()
    flag.save()
    audit_record(action=Action.CREATE, actor=actor, obj=flag, subject_person_id=person.pk)
    return flag


@transaction.atomic
def action_item_add(
    *,
    actor: User | None,
    meeting: Meeting,
    description: str,
    due_on: date,
    owner_user: User | None = None,
    owner_organization: Organization | None = None,
    person: Person | None = None,
) -> ActionItem:
    """An action agreed at a meeting; it returns on the group's agendas until done."""
    _open(meeting)
    if owner_user is None and owner_organization is None:
        raise ValidationError(_("An action item needs an owner: a person or an organization."))
    action = ActionItem(
        work_group=meeting.work_group,
        raised_at=meeting,
        description=description.strip(),
        due_on=due_on,
        owner_user=owner_user,
        owner_organization=owner_organization,
        person=person,
    )
    action.full_clean()
    action.save()
    audit_record(
        action=Action.CREATE,
        actor=actor,
        obj=action,
        subject_person_id=person.pk if person else None,
    )
    return action


@transaction.atomic
def action_item_done(*, actor: User, action: ActionItem) -> ActionItem:
    locked = ActionItem.objects.select_for_update().get(pk=action.pk)
    if locked.status == ActionStatus.DONE:
        raise ValidationError(_("This action item is already done."))
    locked.status, locked.done_at = ActionStatus.DONE, timezone.now()
    locked.save(update_fields=["status", "done_at"])
    audit_record(action=Action.UPDATE, actor=actor, obj=locked, detail={"status": "done"})
    return locked


@transaction.atomic
def agenda_item_add(
    *, actor: User, meeting: Meeting, detail: str, person: Person | None = None
) -> AgendaItem:
    """An item the project manager adds, at the end."""
    _open(meeting)
    last = meeting.items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(
        meeting=meeting, position=last + 1, reason=Reason.ADDED, detail=detail, person=person
    )
    item.full_clean()
    item.save()
    audit_record(action=Action.CREATE, actor=actor, obj=item)
    return item


@transaction.atomic
def agenda_item_remove(*, actor: User, item: AgendaItem) -> None:
    """Off this meeting's agenda; kept, so the record shows what was set aside."""
    _open(item.meeting)
    AgendaItem.objects.filter(pk=item.pk).update(removed=True)
    audit_record(action=Action.UPDATE, actor=actor, obj=item, detail={"removed": True})


@transaction.atomic
def agenda_reorder(*, actor: User, meeting: Meeting, order: list[int]) -> None:
    """The items in the order given (their primary keys); every item must be named once."""
    _open(meeting)
    items = {item.pk: item for item in meeting.items.select_for_update()}
    if sorted(order) != sorted(items):
        raise ValidationError(_("Name every item of this agenda once."))
    for position, pk in enumerate(order, start=1):
        items[pk].position = position
    AgendaItem.objects.bulk_update(items.values(), ["position"])
    audit_record(action=Action.UPDATE, actor=actor, obj=meeting, detail={"reordered": True})
