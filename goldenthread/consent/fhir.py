"""A release of information as an HL7 FHIR R4 Consent (built and validated with
fhir.resources' R4B models, whose Consent is the R4 one). Mapping: shared/reference
standards.md section 4.4."""

from typing import Any

from fhir.resources.R4B.consent import Consent as FhirConsent

from goldenthread.consent.models import Consent, ConsentState

ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
CATEGORY_SYSTEM = "urn:goldenthread:data-category"
EXPIRY_EVENT = "urn:goldenthread:fhir:expiry-event"


def _instant(value: Any) -> str | None:
    return value.isoformat() if value else None


def _recipient(recipient: Any) -> dict[str, Any]:
    role = {
        "coding": [
            {"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "IRCP"}
        ]
    }
    if recipient.organization_id:
        reference = {
            "reference": f"Organization/{recipient.organization_id}",
            "display": str(recipient.organization),
        }
    else:
        reference = {
            "display": f"Every {recipient.get_organization_kind_display()} organization of the site"
        }
    return {"role": role, "reference": reference}


def consent_as_fhir(consent: Consent) -> dict[str, Any]:
    categories = list(consent.categories.all())
    part2 = any(category.is_part2 for category in categories)
    provision: dict[str, Any] = {
        "type": "permit",
        "period": {
            "start": _instant(consent.signed_at or consent.recorded_at),
            "end": _instant(consent.expires_at),
        },
        "actor": [_recipient(recipient) for recipient in consent.recipients.all()],
        "action": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/consentaction",
                        "code": "disclose",
                    }
                ]
            }
        ],
        "purpose": [
            {
                "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason",
                "code": "PATRQT",
                "display": consent.purpose,
            }
        ],
        "code": [
            {"coding": [{"system": CATEGORY_SYSTEM, "code": c.code, "display": c.name}]}
            for c in categories
        ],
    }
    if part2:
        provision["securityLabel"] = [
            {"system": ACT_CODE, "code": "42CFRPart2", "display": "42 CFR Part 2"}
        ]
    resource: dict[str, Any] = {
        "resourceType": "Consent",
        "id": str(consent.pk),
        "status": "active" if consent.is_active else "inactive",
        "scope": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/consentscope",
                    "code": "patient-privacy",
                }
            ]
        },
        "category": [
            {
                "coding": [
                    {"system": "http://loinc.org", "code": "59284-0", "display": "Patient Consent"}
                ]
            }
        ],
        "patient": {
            "reference": f"Patient/{consent.person_id}",
            "display": consent.person.display_name,
        },
        "dateTime": _instant(consent.signed_at or consent.recorded_at),
        "organization": [
            {"reference": f"Organization/{consent.discloser_id}", "display": str(consent.discloser)}
        ],
        "policyRule": {
            "coding": [{"system": ACT_CODE, "code": "42CFRPart2" if part2 else "OPTIN"}]
        },
        "verification": [
            {
                "verified": consent.state == ConsentState.SIGNED,
                "verifiedWith": {"display": consent.signed_by or "verbal"},
                "verificationDate": _instant(consent.signed_at),
            }
        ],
        "provision": provision,
    }
    if consent.signed_copy:
        resource["sourceAttachment"] = {
            "contentType": consent.signed_copy_type,
            "title": "Signed release",
        }
    if consent.expiry_event:
        resource["extension"] = [{"url": EXPIRY_EVENT, "valueString": consent.expiry_event}]
    # Validate against the FHIR model, then hand back plain JSON without empty elements.
    return FhirConsent.model_validate(_without_none(resource)).model_dump(
        mode="json", exclude_none=True
    )


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value
