import json
from typing import Any

from django.http import HttpResponse
from ninja import Body, Router, Status

from goldenthread.access.policy import access_consent, access_person
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.consent.fhir import consent_as_fhir
from goldenthread.consent.fhir_import import consent_from_fhir
from goldenthread.http import AuthedRequest
from goldenthread.tokens.auth import token_auth
from goldenthread.tokens.models import Scope

router = Router(tags=["consents"])


def fhir_response(request: AuthedRequest, pk: int) -> HttpResponse:
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
def consent_fhir(request: AuthedRequest, consent_id: int) -> HttpResponse:
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
    request: AuthedRequest, person_id: int, resource: Body[dict[str, Any]]
) -> Status[dict[str, Any]]:
    person = access_person(request.membership, person_id, write=True)
    consent = consent_from_fhir(
        actor=request.user, person=person, resource=resource, request=request
    )
    return Status(201, consent_as_fhir(consent))
