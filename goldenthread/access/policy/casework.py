"""Case management: who logs contacts and reads which of them, which services out each
reader sees, whose caseload a member keeps or oversees, and whose tasks are whose.

Part of the one access policy (goldenthread.access.policy).
"""

from typing import Any

from django.db.models import QuerySet

from goldenthread.access.policy.participants import (
    DataAction,
    NoteSharing,
    decide,
    granted_categories,
    may_read_note,
)
from goldenthread.access.policy.roles import Capability, can, visible_one
from goldenthread.casework.models import SERVICE_CATEGORY, Contact, ServiceEvent, Task
from goldenthread.consent.models import CategoryCode
from goldenthread.organizations.models import Membership, Role
from goldenthread.people.models import CASELOAD_STATUSES, Person, PersonQuerySet


def may_log_contact(membership: Membership | None, person: Person) -> bool:
    """The assigned provider's care team writes the case record."""
    return bool(decide(membership, person, CategoryCode.CASE_NOTES, DataAction.EDIT))


def contacts_visible_to(membership: Membership | None, person: Person) -> QuerySet[Contact]:
    """Every contact for the care team; for a partner, only those whose author shared them
    with partners and only under a release of case notes; for anyone else, none."""
    contacts = Contact.objects.filter(person=person)
    if may_read_note(membership, person, NoteSharing.TEAM):
        return contacts
    if may_read_note(membership, person, NoteSharing.PARTNERS):
        return contacts.filter(sharing=NoteSharing.PARTNERS)
    return Contact.objects.none()


def services_visible_to(membership: Membership | None, person: Person) -> QuerySet[ServiceEvent]:
    """Each service by the release category of its kind: the care team sees all; a partner
    sees, say, benefits under a release of housing and benefits, and treatment for substance
    use only under a release that covers Part 2 data."""
    granted = granted_categories(membership, person)
    kinds = [kind for kind, category in SERVICE_CATEGORY.items() if category in granted]
    return ServiceEvent.objects.filter(person=person, kind__in=kinds)


def caseload_visible_to(
    membership: Membership | None, case_manager_id: int | None = None
) -> PersonQuerySet:
    """Participants on a caseload: a case manager's own; for a supervisor, any case
    manager's in their organization (or the whole team). Always within what the reader may
    see anyway."""
    if not can(membership, Capability.VIEW_CASELOAD):
        return Person.objects.none()
    assert membership is not None
    people = Person.objects.visible_to(membership).filter(
        assigned_organization_id=membership.organization_id,
        case_manager__isnull=False,
        engagement_status__in=CASELOAD_STATUSES,
    )
    if membership.role != Role.SUPERVISOR:
        return people.filter(case_manager_id=membership.user_id)
    return people.filter(case_manager_id=case_manager_id) if case_manager_id else people


def tasks_visible_to(membership: Membership | None) -> QuerySet[Task]:
    """Each person's own reminders, and only while they may keep a caseload here."""
    if not can(membership, Capability.VIEW_CASELOAD):
        return Task.objects.none()
    assert membership is not None
    return Task.objects.filter(assignee_id=membership.user_id)


def access_task(membership: Membership | None, pk: Any) -> Task:
    task: Task = visible_one(tasks_visible_to(membership), pk)
    return task
