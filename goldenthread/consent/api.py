"""Releases of information over the API: listed for the participant's own provider,
exchanged as HL7 FHIR R4 Consent."""

import json
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from ninja import Body, Field, Query, Router, Schema, Status

from goldenthread.access.policy import (
    access_consent,
    access_person,
    consents_visible_to,
    may_read_consents,
)
from goldenthread.api_shapes import Key, PageOut, Paging, example, page_example, page_of
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.consent.fhir import consent_as_fhir
from goldenthread.consent.fhir_import import consent_from_fhir
from goldenthread.consent.models import Consent, ConsentState, active_consent_q
from goldenthread.http import AuthedRequest
from goldenthread.tokens.auth import token_auth
from goldenthread.tokens.models import Scope

router = Router(tags=["consents"])


class Standing(StrEnum):
    ACTIVE = "active"
    REVOKED = "revoked"
    EXPIRED = "expired"


class ConsentFilters(Paging):
    standing: Standing | None = Field(
        None, description="Only releases in force, revoked or expired."
    )


CONSENT_EXAMPLE = {
    "id": 231,
    "standing": "active",
    "state": "signed",
    "categories": ["enrollment_status", "legal_coordination"],
    "recipients": ["Cascade County Public Defense", "Prosecutor"],
    "discloser": "Evergreen Treatment Services",
    "purpose": "Coordinate legal matters with the LEAD team",
    "signed_at": "2026-03-02T18:05:00Z",
    "expires_at": "2027-03-02T18:05:00Z",
    "revoked_at": None,
}


class ConsentOut(Schema):
    model_config = example(CONSENT_EXAMPLE)

    id: int
    standing: Standing
    state: ConsentState
    categories: list[str] = Field(description="Codes of the information covered.")
    recipients: list[str] = Field(description="Organizations by name, or kinds of organization.")
    discloser: str
    purpose: str
    signed_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


class ConsentPage(PageOut):
    model_config = page_example(CONSENT_EXAMPLE)

    items: list[ConsentOut]


def _standing(consent: Consent) -> Standing:
    if consent.state == ConsentState.REVOKED:
        return Standing.REVOKED
    return Standing.ACTIVE if consent.is_active else Standing.EXPIRED


STANDING_FILTERS: dict[Standing, Callable[[], Q]] = {
    Standing.ACTIVE: active_consent_q,
    Standing.REVOKED: lambda: Q(state=ConsentState.REVOKED),
    Standing.EXPIRED: lambda: ~Q(state=ConsentState.REVOKED) & Q(expires_at__lte=timezone.now()),
}


@router.get(
    "/people/{person_id}/consents",
    response=ConsentPage,
    auth=token_auth(Scope.CONSENTS_READ),
    summary="A participant's releases of information, newest first",
    description="For the organization assigned to the participant. Each one's full text "
    "is at `GET /consents/{id}/fhir`.",
)
def consent_list(
    request: AuthedRequest, person_id: Key, filters: Query[ConsentFilters]
) -> ConsentPage:
    person = access_person(request.membership, person_id)
    if not may_read_consents(request.membership, person):
        raise PermissionDenied
    consents: QuerySet[Consent] = consents_visible_to(request.membership, person)
    if filters.standing:
        consents = consents.filter(STANDING_FILTERS[filters.standing]())
    rows, page = page_of(
        consents.select_related("discloser")
        .prefetch_related("categories", "recipients__organization")
        .order_by("-recorded_at", "-pk"),
        filters,
    )
    audit_record(
        action=Action.LIST,
        request=request,
        obj=person,
        subject_person_id=person.pk,
        detail={"consents": [c.pk for c in rows], "api": True},
    )
    return ConsentPage(
        **page,
        items=[
            ConsentOut(
                id=c.pk,
                standing=_standing(c),
                state=ConsentState(c.state),
                categories=sorted(category.code for category in c.categories.all()),
                recipients=[str(r) for r in c.recipients.all()],
                discloser=str(c.discloser),
                purpose=c.purpose,
                signed_at=c.signed_at,
                expires_at=c.expires_at,
                revoked_at=c.revoked_at,
            )
            for c in rows
        ],
    )


def fhir_response(request: AuthedRequest, pk: Key) -> HttpResponse:
    """One release as FHIR R4 Consent JSON, for the participant's own provider only."""
    consent = access_consent(request.membership, pk)
    audit_record(
        action=Action.EXPORT,
        request=request,
        obj=consent,
        subject_person_id=consent.person_id,
        detail={"format": "fhir"},
    )
    return HttpResponse(json.dumps(consent_as_fhir(consent)), content_type="application/fhir+json")


@router.get(
    "/consents/{consent_id}/fhir",
    response={200: dict},
    auth=token_auth(Scope.CONSENTS_READ),
    summary="A release of information as an HL7 FHIR R4 Consent",
)
def consent_fhir(request: AuthedRequest, consent_id: Key) -> HttpResponse:
    return fhir_response(request, consent_id)


@router.post(
    "/people/{person_id}/consents/fhir",
    response={201: dict},
    auth=token_auth(Scope.CONSENTS_WRITE),
    summary="Record a participant's signed release from an HL7 FHIR R4 Consent",
    description=(
        "For the participant's own care team. The body is one FHIR R4 Consent as "
        "`GET /consents/{id}/fhir` returns it; every element 42 CFR 2.31 requires must be "
        "there, and a release of substance-use treatment information must carry the "
        "42CFRPart2 security label. The stored release comes back as FHIR, with its id."
    ),
)
def consent_record_from_fhir(
    request: AuthedRequest, person_id: Key, resource: Body[dict[str, Any]]
) -> Status[dict[str, Any]]:
    person = access_person(request.membership, person_id, write=True)
    consent = consent_from_fhir(
        actor=request.user, person=person, resource=resource, request=request
    )
    return Status(201, consent_as_fhir(consent))
