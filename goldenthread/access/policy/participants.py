"""Participants' data: who may see which categories of whom, and why.

Part of the one access policy (goldenthread.access.policy).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet, TextChoices
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from goldenthread.access.models import BreakGlass
from goldenthread.access.policy.roles import Capability, can, visible_one
from goldenthread.access.sharing import NoteSharing
from goldenthread.consent.models import Consent, DataCategory, active_consent_q
from goldenthread.organizations.models import (
    Membership,
    Organization,
    OrganizationKind,
    Role,
)
from goldenthread.people.models import Person

# Participants: what an organization may see of a person, and why.
#
# 1. The case-management organization a participant is assigned to sees every category
#    of its participants; only its care team (CARE_TEAM_ROLES) may change them.
# 2. Any other organization sees exactly what an active consent grants to it by name or
#    to its kind, and only to read (view, list, search, count, export).
# 3. Substance-use treatment data (42 CFR Part 2) reaches police or prosecutors only when
#    a consent names their organization for it explicitly; naming the kind is not enough.
# 4. Break-glass: a designated role (BREAK_GLASS_ROLES) who states a reason may read a
#    record for BREAK_GLASS_LIFETIME; Part 2 data only in a declared medical emergency.
# 5. Everything else is denied, and a person nobody shared is indistinguishable from a
#    person who does not exist (404 everywhere).


class DataAction(TextChoices):
    VIEW = "view", _("View")
    LIST = "list", _("List")
    SEARCH = "search", _("Search")
    COUNT = "count", _("Count")
    EXPORT = "export", _("Export")
    EDIT = "edit", _("Edit")


READ_ACTIONS = frozenset(
    {DataAction.VIEW, DataAction.LIST, DataAction.SEARCH, DataAction.COUNT, DataAction.EXPORT}
)
CARE_TEAM_ROLES = frozenset({Role.CASE_MANAGER, Role.SUPERVISOR, Role.OUTREACH_WORKER})
PART2_NEEDS_NAMING = frozenset({OrganizationKind.POLICE, OrganizationKind.PROSECUTOR})
BREAK_GLASS_ROLES = frozenset({Role.SUPERVISOR, Role.PROJECT_MANAGER})
BREAK_GLASS_LIFETIME = timedelta(hours=1)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    basis: str = ""  # "assigned", or "consent:<id>"; what the audit trail records

    def __bool__(self) -> bool:
        return self.allowed


DENY = Decision(False)


def _acting(membership: Membership | None) -> Membership | None:
    if membership is None or not membership.is_active or not membership.organization.is_active:
        return None
    return membership


def people_visible_filter(membership: Membership | None) -> Q:
    """One Q for Person.objects.visible_to: assigned here, or shared here by an active
    consent for at least one category this organization may receive."""
    membership = _acting(membership)
    if membership is None:
        return Q(pk__in=[])
    organization = membership.organization
    opened = BreakGlass.objects.filter(
        user_id=membership.user_id, person=OuterRef("pk"), expires_at__gt=timezone.now()
    )
    return Q(site_id=organization.site_id, merged_into__isnull=True) & (
        Q(assigned_organization_id=organization.pk)
        | Q(Exists(_released(organization)))
        | Q(Exists(opened))
    )


def _released(organization: Organization) -> QuerySet[Consent]:
    """The active releases of the outer person that share something with this organization.

    Named by organization, any category counts, Part 2 included; named by kind, police and
    prosecutors need a category other than Part 2. One subquery for both (in one filter,
    so they share the recipient join): every list of people builds and compiles it, and
    that costs more than reading the rows."""
    named = Q(recipients__organization_id=organization.pk)
    by_kind = Q(recipients__organization_kind=organization.kind)
    if organization.kind in PART2_NEEDS_NAMING:
        by_kind &= Q(categories__is_part2=False)
    return Consent.objects.filter(active_consent_q(), named | by_kind, person=OuterRef("pk"))


def people_released_to(organization: Organization) -> QuerySet[Person]:
    """People an active release shares something with, for an organization that does none
    of the site's own work with them (a continuum of care's HMIS): no one is assigned to
    it and none of its members may break the glass, so releases are all that count."""
    return Person.objects.filter(
        Exists(_released(organization)),
        site_id=organization.site_id,
        merged_into__isnull=True,
    )


def categories_released_to(organization: Organization, person: Person) -> dict[str, str]:
    """{category code: basis} the person's active releases share with this organization
    (people_released_to); facts attached by with_consent_facts are used when present."""
    if person.site_id != organization.site_id:
        return {}
    facts = getattr(person, "consent_facts", None)
    if facts is None:
        facts = consent_facts([person.pk]).get(person.pk, [])
    return _consent_grants(organization, facts)


def _consent_grants(organization: Organization, facts: list["ConsentFact"]) -> dict[str, str]:
    named = {f.consent_id for f in facts if f.organization_id == organization.pk}
    by_kind = {f.consent_id for f in facts if f.organization_kind == organization.kind}
    granted: dict[str, str] = {}
    for fact in facts:
        if fact.consent_id not in named and fact.consent_id not in by_kind:
            continue
        if (
            fact.is_part2
            and organization.kind in PART2_NEEDS_NAMING
            and fact.consent_id not in named
        ):
            continue
        granted.setdefault(fact.category_code, f"consent:{fact.consent_id}")
    return granted


@dataclass(frozen=True)
class ConsentFact:
    """One (recipient, category) pair of one active consent: all the policy needs to know."""

    consent_id: int
    organization_id: int | None
    organization_kind: str
    category_code: str
    is_part2: bool


def consent_facts(person_ids: Iterable[int]) -> dict[int, list[ConsentFact]]:
    """The active consents of many people as plain facts, in one query for any page size."""
    rows = Consent.objects.filter(active_consent_q(), person_id__in=list(person_ids)).values_list(
        "person_id",
        "pk",
        "recipients__organization_id",
        "recipients__organization_kind",
        "categories__code",
        "categories__is_part2",
    )
    facts: dict[int, list[ConsentFact]] = {}
    for person_id, consent_id, organization_id, kind, code, is_part2 in rows:
        if code is not None:
            facts.setdefault(person_id, []).append(
                ConsentFact(consent_id, organization_id, kind or "", code, is_part2)
            )
    return facts


def open_break_glass(membership: Membership, person_ids: Iterable[int]) -> dict[int, BreakGlass]:
    live = BreakGlass.objects.filter(
        user_id=membership.user_id, person_id__in=list(person_ids), expires_at__gt=timezone.now()
    )
    return {grant.person_id: grant for grant in live}


def with_consent_facts(people: Iterable[Person], membership: Membership | None) -> list[Person]:
    """Attaches each person's consent facts, any open break-glass of this user and their
    site's categories, so `granted_categories` needs no query per row."""
    people = list(people)
    facts = consent_facts(person.pk for person in people)
    opened = open_break_glass(membership, (p.pk for p in people)) if membership else {}
    categories = {site_id: site_categories(site_id) for site_id in {p.site_id for p in people}}
    for person in people:
        person.consent_facts = facts.get(person.pk, [])  # type: ignore[attr-defined]
        owner = membership.user_id if membership else None
        person.break_glass_grants = (owner, opened.get(person.pk))  # type: ignore[attr-defined]
        person.site_categories_cache = categories[person.site_id]  # type: ignore[attr-defined]
    return people


def site_categories(site_id: int) -> list[DataCategory]:
    return list(DataCategory.objects.filter(site_id=site_id))


def _categories_of(person: Person) -> list[DataCategory]:
    # One person's pages ask about many categories; their site's list is read once.
    cached: list[DataCategory] | None = getattr(person, "site_categories_cache", None)
    if cached is None:
        cached = site_categories(person.site_id)
        person.site_categories_cache = cached  # type: ignore[attr-defined]
    return cached


def granted_categories(
    membership: Membership | None, person: Person, categories: Iterable[DataCategory] | None = None
) -> dict[str, str]:
    """{category code: basis} this membership may read about this person."""
    membership = _acting(membership)
    if membership is None or person.site_id != membership.organization.site_id:
        return {}
    organization = membership.organization
    if person.assigned_organization_id == organization.pk:
        every = categories if categories is not None else _categories_of(person)
        return {category.code: "assigned" for category in every}
    facts = getattr(person, "consent_facts", None)
    if facts is None:
        facts = consent_facts([person.pk]).get(person.pk, [])
    granted = _consent_grants(organization, facts)
    grant = _break_glass_grant(membership, person)
    if grant is not None:
        every = categories if categories is not None else _categories_of(person)
        for category in every:
            if grant.medical_emergency or not category.is_part2:
                granted.setdefault(category.code, f"break_glass:{grant.pk}")
    return granted


def _break_glass_grant(membership: Membership, person: Person) -> BreakGlass | None:
    # Lists attach the grants of the whole page (with_consent_facts); a single record asks.
    attached = getattr(person, "break_glass_grants", None)
    if attached is not None and attached[0] == membership.user_id:
        return attached[1]
    return open_break_glass(membership, [person.pk]).get(person.pk)


def decide(
    membership: Membership | None, person: Person, category: str, action: DataAction
) -> Decision:
    """Allow or deny one action on one category of one person's data. Default deny."""
    basis = granted_categories(membership, person).get(category)
    if basis is None:
        return DENY
    if action == DataAction.EDIT:
        assert membership is not None
        allowed = basis == "assigned" and membership.role in CARE_TEAM_ROLES
        return Decision(True, basis) if allowed else DENY
    return Decision(action in READ_ACTIONS, basis)


def may_read_note(membership: Membership | None, person: Person, sharing: NoteSharing) -> bool:
    """Team notes stay with the assigned provider whatever a release says; partner notes
    follow the case-notes category of the release like any other data."""
    if sharing == NoteSharing.TEAM:
        return granted_categories(membership, person).get("case_notes") == "assigned"
    return bool(decide(membership, person, "case_notes", DataAction.VIEW))


def access_person(
    membership: Membership | None, pk: Any, *, category: str | None = None, write: bool = False
) -> Person:
    """The one way a view or API operation gets a person: 404 when not visible (never
    revealing existence), 403 when visible but the category or the write is not allowed."""
    person: Person = visible_one(
        Person.objects.visible_to(membership).select_related(
            "case_manager", "assigned_organization"
        ),
        pk,
    )
    if category is not None or write:
        action = DataAction.EDIT if write else DataAction.VIEW
        if not decide(membership, person, category or "enrollment_status", action):
            raise PermissionDenied
    return person


def _consents_kept_by(membership: Membership) -> QuerySet[Consent]:
    return Consent.objects.filter(person__assigned_organization_id=membership.organization_id)


def may_read_consents(membership: Membership | None, person: Person) -> bool:
    """A participant's releases are read by the organization assigned to them."""
    membership = _acting(membership)
    return membership is not None and person.assigned_organization_id == membership.organization_id


def consents_visible_to(membership: Membership | None, person: Person) -> QuerySet[Consent]:
    membership = _acting(membership)
    if membership is None or not may_read_consents(membership, person):
        return Consent.objects.none()
    return _consents_kept_by(membership).filter(person=person)


def access_consent(membership: Membership | None, pk: Any, *, write: bool = False) -> Consent:
    """Releases (and their signed copies) belong to the participant's care: the assigned
    organization reads them; its care team records and revokes them."""
    membership = _acting(membership)
    if membership is None:
        raise Http404
    consent: Consent = visible_one(
        _consents_kept_by(membership).select_related("person"),
        pk,
    )
    if write and membership.role not in CARE_TEAM_ROLES:
        raise PermissionDenied
    return consent


def may_break_glass(membership: Membership | None) -> bool:
    membership = _acting(membership)
    return membership is not None and membership.role in BREAK_GLASS_ROLES


def break_glass_candidates(membership: Membership | None) -> QuerySet[Person]:
    """Whom a designated role may open in an emergency: people of their own site."""
    if not may_break_glass(membership):
        return Person.objects.none()
    assert membership is not None
    return Person.objects.filter(site_id=membership.organization.site_id)


def access_break_glass_candidate(membership: Membership | None, pk: Any) -> Person:
    return visible_one(break_glass_candidates(membership), pk)


def may_review_break_glass(membership: Membership | None) -> bool:
    return can(membership, Capability.REVIEW_BREAK_GLASS)


def break_glass_to_review(membership: Membership | None) -> QuerySet[BreakGlass]:
    """Openings at the site for supervisors, project managers and site admins to review."""
    if not may_review_break_glass(membership):
        return BreakGlass.objects.none()
    assert membership is not None
    return BreakGlass.objects.filter(site_id=membership.organization.site_id)


def access_break_glass(membership: Membership | None, pk: Any) -> BreakGlass:
    grant: BreakGlass = visible_one(
        break_glass_to_review(membership).select_related("user", "person"), pk
    )
    if membership is not None and grant.user_id == membership.user_id:
        raise PermissionDenied  # nobody reviews their own emergency access
    return grant
