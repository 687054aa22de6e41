"""Participants over the API: the same policy and audit as the pages."""

from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Query, Router, Schema

from goldenthread.access.policy import (
    access_person,
    granted_categories,
    site_categories,
    with_consent_facts,
)
from goldenthread.api_shapes import Key, PageOut, Paging, built, example, page_example, page_of
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures, audit_record
from goldenthread.casework.selectors import enrollments_of
from goldenthread.consent.models import CategoryCode, DataCategory
from goldenthread.http import AuthedRequest
from goldenthread.people.models import DESCRIPTION_FIELDS, Person
from goldenthread.people.selectors import matching_name
from goldenthread.text import PlainText
from goldenthread.tokens.auth import token_auth
from goldenthread.tokens.models import Scope

router = Router(tags=["people"])
PART2_NOTICE = "42 CFR part 2 prohibits unauthorized use or disclosure of these records."


PERSON_EXAMPLE: dict[str, Any] = {
    "id": 418,
    "name": "Marcus Reed",
    "shared_categories": ["contact_whereabouts", "enrollment_status"],
    "enrollment": {
        "status": "active",
        "organization": "Evergreen Treatment Services",
        "case_manager": "Ngozi Okafor",
        "case_manager_phone": "+1 206 555 0142",
    },
    "contact": {"phone": "+1 206 555 0199", "how_to_reach": "Texts; mornings at the day center"},
    "part2_notice": None,
}
ENROLLMENT_EXAMPLE = {
    "referral_id": 77,
    "organization": "Evergreen Treatment Services",
    "entered_at": "2026-03-02T17:40:00Z",
    "exited_at": None,
    "close_reason": "",
}


class Enrollment(Schema):
    model_config = example(PERSON_EXAMPLE["enrollment"])

    status: str
    organization: str | None
    case_manager: str | None
    case_manager_phone: str | None


class Contact(Schema):
    model_config = example(PERSON_EXAMPLE["contact"])

    phone: str
    how_to_reach: str


class PersonOut(Schema):
    model_config = example(PERSON_EXAMPLE)

    id: int
    name: str
    shared_categories: list[str] = Field(
        description="Categories this token's organization may read."
    )
    enrollment: Enrollment | None = None
    contact: Contact | None = None
    part2_notice: str | None = Field(None, description="Present when Part 2 information is shared.")


class PersonPage(PageOut):
    model_config = example(
        {"limit": 50, "offset": 0, "has_more": False, "count": 1, "items": [PERSON_EXAMPLE]}
    )

    count: int
    items: list[PersonOut]


class PersonFilters(Paging):
    q: PlainText | None = Field(None, max_length=100, description="Words of any name.")


class EnrollmentOut(Schema):
    model_config = example(ENROLLMENT_EXAMPLE)

    referral_id: Key = Field(description="The referral whose intake began it.")
    organization: str
    entered_at: datetime
    exited_at: datetime | None
    close_reason: str = Field(description="Why the case closed; empty while enrolled.")


class EnrollmentPage(PageOut):
    model_config = page_example(ENROLLMENT_EXAMPLE)

    items: list[EnrollmentOut]


def _out(person: Person, granted: dict[str, str], categories: dict[str, DataCategory]) -> PersonOut:
    enrollment = contact = None
    if CategoryCode.ENROLLMENT_STATUS in granted:
        manager = person.case_manager
        enrollment = built(
            Enrollment,
            status=person.engagement_status,
            organization=str(person.assigned_organization)
            if person.assigned_organization
            else None,
            case_manager=str(manager) if manager else None,
            case_manager_phone=manager.work_phone if manager and manager.work_phone else None,
        )
    if CategoryCode.CONTACT_WHEREABOUTS in granted:
        contact = built(Contact, phone=person.phone, how_to_reach=person.contact_preferences)
    part2 = any(categories[code].is_part2 for code in granted if code in categories)
    return built(
        PersonOut,
        id=person.pk,
        name=person.display_name,
        shared_categories=sorted(granted),
        enrollment=enrollment,
        contact=contact,
        part2_notice=PART2_NOTICE if part2 else None,
    )


@router.get(
    "/people",
    response=PersonPage,
    auth=token_auth(Scope.PEOPLE_READ),
    summary="Participants you may see",
)
def person_list(request: AuthedRequest, filters: Query[PersonFilters]) -> PersonPage:
    membership = request.membership
    people: QuerySet[Person] = Person.objects.visible_to(membership)
    if filters.q:
        people = matching_name(people, filters.q)
    found, page = page_of(
        people.select_related("case_manager", "assigned_organization")
        .defer(*DESCRIPTION_FIELDS)
        .order_by("pk"),
        filters,
    )
    found = with_consent_facts(found, membership)
    categories = (
        {c.code: c for c in site_categories(membership.organization.site_id)} if membership else {}
    )
    rows = [
        (person, granted_categories(membership, person, categories.values())) for person in found
    ]
    audit_disclosures(
        request=request,
        action=Action.SEARCH if filters.q else Action.LIST,
        disclosed={person.pk: list(granted) for person, granted in rows},
        detail={"api": True},
    )
    return built(
        PersonPage,
        **page,
        count=people.count(),
        items=[_out(person, granted, categories) for person, granted in rows],
    )


@router.get(
    "/people/{person_id}",
    response=PersonOut,
    auth=token_auth(Scope.PEOPLE_READ),
    summary="One participant",
)
def person_detail(request: AuthedRequest, person_id: Key) -> PersonOut:
    person = access_person(request.membership, person_id)
    categories = {c.code: c for c in site_categories(person.site_id)}
    granted = granted_categories(request.membership, person, categories.values())
    audit_record(
        action=Action.VIEW,
        request=request,
        obj=person,
        subject_person_id=person.pk,
        categories=granted,
        detail={"api": True},
    )
    return _out(person, granted, categories)


@router.get(
    "/people/{person_id}/enrollments",
    response=EnrollmentPage,
    auth=token_auth(Scope.PEOPLE_READ),
    summary="A participant's enrollments in LEAD case management, oldest first",
    description="From each completed intake to the next closing of the case. Needs a "
    "release of enrollment status (or the assignment).",
)
def enrollment_list(
    request: AuthedRequest, person_id: Key, paging: Query[Paging]
) -> EnrollmentPage:
    person = access_person(request.membership, person_id, category=CategoryCode.ENROLLMENT_STATUS)
    every = enrollments_of([person]).get(person.pk, [])
    shown = every[paging.offset : paging.offset + paging.size]
    audit_record(
        action=Action.LIST,
        request=request,
        obj=person,
        subject_person_id=person.pk,
        categories=[CategoryCode.ENROLLMENT_STATUS],
        detail={"enrollments": len(shown), "api": True},
    )
    return EnrollmentPage(
        limit=paging.size,
        offset=paging.offset,
        has_more=len(every) > paging.offset + paging.size,
        items=[
            EnrollmentOut(
                referral_id=e.referral_id,
                organization=e.organization_name,
                entered_at=e.entered_at,
                exited_at=e.exited_at,
                close_reason=e.close_reason,
            )
            for e in shown
        ],
    )
