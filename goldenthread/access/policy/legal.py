"""Legal coordination: who reads a person's other legal matters and notes on them, who
writes which notes, who imports feeds, and who hears of a booking, a new case or warrant,
or a hearing soon.

Matters follow the legal-coordination category of a release like any other data; the
defender's notes stay inside public defense whatever a release says.

Part of the one access policy (goldenthread.access.policy).
"""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from goldenthread.access.policy.participants import DataAction, decide, with_consent_facts
from goldenthread.access.policy.roles import Capability, can, visible_one
from goldenthread.consent.models import CategoryCode, Consent, active_consent_q
from goldenthread.legal.models import (
    CoordinationNote,
    FeedImport,
    LegalMatter,
    MatterStatus,
    NoteKind,
)
from goldenthread.legal.selectors import unreferred_bookings
from goldenthread.notifications.models import Notification
from goldenthread.organizations.models import Membership, OrganizationKind, Role
from goldenthread.people.models import Person

# Who writes which note: the liaison prosecutor and the care team coordinate; only a
# public defender writes (and only public defense reads) a defense note.
NOTE_WRITERS: dict[str, frozenset[str]] = {
    NoteKind.COORDINATION: frozenset(
        {Role.LIAISON_PROSECUTOR, Role.CASE_MANAGER, Role.SUPERVISOR, Role.PROJECT_MANAGER}
    ),
    NoteKind.DEFENSE: frozenset({Role.PUBLIC_DEFENDER}),
}


def may_read_legal(membership: Membership | None, person: Person) -> bool:
    return bool(decide(membership, person, CategoryCode.LEGAL_COORDINATION, DataAction.VIEW))


def matters_visible_to(membership: Membership | None, person: Person) -> QuerySet[LegalMatter]:
    matters = LegalMatter.objects.filter(person=person)
    return matters if may_read_legal(membership, person) else matters.none()


def notes_visible_to(membership: Membership | None, person: Person) -> QuerySet[CoordinationNote]:
    """Coordination notes with the matters; defense notes to public defense alone."""
    if not may_read_legal(membership, person):
        return CoordinationNote.objects.none()
    assert membership is not None
    notes = CoordinationNote.objects.filter(matter__person=person)
    if membership.organization.kind != OrganizationKind.PUBLIC_DEFENSE:
        notes = notes.exclude(kind=NoteKind.DEFENSE)
    return notes


def may_write_legal_note(membership: Membership | None, person: Person, kind: str) -> bool:
    if membership is None or membership.role not in NOTE_WRITERS.get(kind, frozenset()):
        return False
    return may_read_legal(membership, person)


def access_matter(membership: Membership | None, person: Person, pk: Any) -> LegalMatter:
    matter: LegalMatter = visible_one(matters_visible_to(membership, person), pk)
    return matter


# Who works legal coordination from a workspace: open matters of the participants shared
# with them; the defender and the project manager also see missed diversion opportunities.
WORKSPACE_ROLES = frozenset(
    {
        Role.LIAISON_PROSECUTOR,
        Role.PUBLIC_DEFENDER,
        Role.PROJECT_MANAGER,
        Role.CASE_MANAGER,
        Role.SUPERVISOR,
    }
)
MISSED_OPPORTUNITY_ROLES = frozenset({Role.PUBLIC_DEFENDER, Role.PROJECT_MANAGER})


def may_use_legal_workspace(membership: Membership | None) -> bool:
    return membership is not None and membership.role in WORKSPACE_ROLES


def may_see_missed_opportunities(membership: Membership | None) -> bool:
    return membership is not None and membership.role in MISSED_OPPORTUNITY_ROLES


def open_matters_visible_to(membership: Membership | None) -> QuerySet[LegalMatter]:
    """Open matters of every person this member may read legal matters of: the people
    shared with them, then each person's release checked (legal coordination)."""
    if not may_use_legal_workspace(membership):
        return LegalMatter.objects.none()
    people = Person.objects.visible_to(membership)
    candidates = LegalMatter.objects.filter(status=MatterStatus.OPEN, person__in=people)
    # Their releases read at once, not a query for each person.
    holders = with_consent_facts(
        people.filter(pk__in=candidates.values("person_id")).distinct(), membership
    )
    readable = [p.pk for p in holders if may_read_legal(membership, p)]
    return candidates.filter(person_id__in=readable)


def unreferred_bookings_visible_to(membership: Membership | None) -> QuerySet[LegalMatter]:
    """Bookings of people never referred to the program (no referral, no provider), for the
    defender and the project manager to find missed diversion opportunities. Jail rosters
    are public records; these people hold no release and are shown nothing else."""
    if not may_see_missed_opportunities(membership):
        return LegalMatter.objects.none()
    assert membership is not None
    return unreferred_bookings(membership.organization.site)


def may_import_feeds(membership: Membership | None) -> bool:
    return can(membership, Capability.IMPORT_FEEDS)


def feed_imports_visible_to(membership: Membership | None) -> QuerySet[FeedImport]:
    if not may_import_feeds(membership):
        return FeedImport.objects.none()
    assert membership is not None
    return FeedImport.objects.filter(site_id=membership.organization.site_id)


def alertable_people(person_ids: set[int]) -> set[int]:
    """Of these people, those someone other than break-glass may see at all: assigned to a
    provider, or named in an active release. Everyone else in a feed (people never
    referred) is nobody's alert."""
    consented = Consent.objects.filter(active_consent_q(), person=OuterRef("pk"))
    return set(
        Person.objects.filter(pk__in=person_ids)
        .filter(Q(assigned_organization__isnull=False) | Q(Exists(consented)))
        .values_list("pk", flat=True)
    )


def legal_alert_recipients(person: Person) -> list[Membership]:
    """The assigned case manager and the members of the roles the site adds, each only if
    they may read this person's legal matters."""
    candidates = Membership.objects.filter(
        organization__site_id=person.site_id,
        organization__is_active=True,
        is_active=True,
        user__is_active=True,
    ).filter(
        Q(user_id=person.case_manager_id, organization_id=person.assigned_organization_id)
        | Q(role__in=person.site.legal_alert_roles)
    )
    return [
        m for m in candidates.select_related("organization", "user") if may_read_legal(m, person)
    ]


def notifications_visible_to(user: Any) -> QuerySet[Notification]:
    """A notification is its recipient's alone."""
    return Notification.objects.filter(user_id=user.pk)
