import json

from django.http import HttpResponse
from ninja import Router

from goldenthread.access.policy import access_consent
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.consent.fhir import consent_as_fhir
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
