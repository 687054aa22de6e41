"""A release of information as an HL7 FHIR R4 Consent, both ways (built and validated with
fhir.resources' R4B models, whose Consent is the R4 one). Mapping: shared/reference
standards.md section 4.4.

What FHIR has no element for travels as extensions under urn:goldenthread:fhir:, so that a
release exported here and imported elsewhere running Golden Thread is the same release:
the expiry event, that the right to revoke was explained, how it was signed and who
witnessed it. A recipient named by kind carries the kind as an identifier; the consent
form's version is a policy URI."""

from typing import Any

from fhir.resources.R4B.consent import Consent as FhirConsent

from goldenthread.consent.models import Consent, ConsentState

ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
CATEGORY_SYSTEM = "urn:goldenthread:data-category"
KIND_SYSTEM = "urn:goldenthread:organization-kind"
FORM_POLICY = "urn:goldenthread:consent-form:"  # then version/language
EXPIRY_EVENT = "urn:goldenthread:fhir:expiry-event"
REVOCATION_EXPLAINED = "urn:goldenthread:fhir:revocation-explained"
SIGNATURE_KIND = "urn:goldenthread:fhir:signature-kind"
WITNESS = "urn:goldenthread:fhir:witness"
PART2_LABEL = "42CFRPart2"
RECIPIENT_ROLE = "IRCP"


def _instant(value: Any) -> str | None:
    return value.isoformat() if value else None


def _recipient(recipient: Any) -> dict[str, Any]:
    role = {
        "coding": [
            {
                "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                "code": RECIPIENT_ROLE,
            }
        ]
    }
    reference: dict[str, Any]
    if recipient.organization_id:
        reference = {
            "reference": f"Organization/{recipient.organization_id}",
            "display": str(recipient.organization),
        }
    else:
        reference = {
            "identifier": {"system": KIND_SYSTEM, "value": recipient.organization_kind},
            "display": f"Every {recipient.get_organization_kind_display()} organization of the site",
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
            {"system": ACT_CODE, "code": PART2_LABEL, "display": "42 CFR Part 2"}
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
        "policyRule": {"coding": [{"system": ACT_CODE, "code": PART2_LABEL if part2 else "OPTIN"}]},
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
    if consent.form is not None:
        resource["policy"] = [
            {"uri": f"{FORM_POLICY}{consent.form.version}/{consent.form.language}"}
        ]
    extensions: list[dict[str, Any]] = [
        {"url": REVOCATION_EXPLAINED, "valueBoolean": consent.revocation_explained}
    ]
    if consent.expiry_event:
        extensions.append({"url": EXPIRY_EVENT, "valueString": consent.expiry_event})
    if consent.signature_kind:
        extensions.append({"url": SIGNATURE_KIND, "valueCode": consent.signature_kind})
    if consent.witness:
        extensions.append({"url": WITNESS, "valueString": consent.witness})
    resource["extension"] = extensions
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
