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
from goldenthread.conferencing.agenda import agenda_items
from goldenthread.conferencing.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Meeting,
    Reason,
    WorkGroup,
)
from goldenthread.organizations.models import Organization, Site
from goldenthread.people.models import Person


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
) -> WorkGroup:
    if any(o.site_id != site.pk for o in organizations):
        raise ValidationError(_("A work group's organizations belong to its site."))
    group = WorkGroup(site=site, name=name, cadence_days=cadence_days, area=area)
    group.full_clean()
    group.save()
    group.organizations.set(organizations)
    group.members.set(members)
    audit_record(action=Action.CREATE, actor=actor, obj=group)
    return group


@transaction.atomic
def meeting_schedule(*, actor: User | None, work_group: WorkGroup, starts_at: datetime) -> Meeting:
    """A meeting with its agenda built from what needs attention."""
    meeting = Meeting.objects.create(work_group=work_group, starts_at=starts_at)
    AgendaItem.objects.bulk_create(agenda_items(meeting))
    audit_record(
        action=Action.CREATE, actor=actor, obj=meeting, detail={"items": meeting.items.count()}
    )
    return meeting


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
    AgendaItem.objects.filter(pk=item.pk).update(removed=True)
    audit_record(action=Action.UPDATE, actor=actor, obj=item, detail={"removed": True})


@transaction.atomic
def agenda_reorder(*, actor: User, meeting: Meeting, order: list[int]) -> None:
    """The items in the order given (their primary keys); every item must be named once."""
    items = {item.pk: item for item in meeting.items.select_for_update()}
    if sorted(order) != sorted(items):
        raise ValidationError(_("Name every item of this agenda once."))
    for position, pk in enumerate(order, start=1):
        items[pk].position = position
    AgendaItem.objects.bulk_update(items.values(), ["position"])
    audit_record(action=Action.UPDATE, actor=actor, obj=meeting, detail={"reordered": True})
