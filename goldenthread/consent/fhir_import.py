"""Recording a signed release from an HL7 FHIR R4 Consent (the reverse of consent.fhir).

The resource is validated against the FHIR model first; then every element 42 CFR 2.31
requires is read from it, and the release is recorded through the same service as the
screen's, so the same refusals apply and nothing is stored when one does. Each refusal
names the FHIR element to fix.
"""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from fhir.resources.R4B.consent import Consent as FhirConsent
from pydantic import ValidationError as FhirInvalid

from goldenthread.accounts.models import User
from goldenthread.consent.fhir import (
    CATEGORY_SYSTEM,
    EXPIRY_EVENT,
    FORM_POLICY,
    KIND_SYSTEM,
    PART2_LABEL,
    REVOCATION_EXPLAINED,
    SIGNATURE_KIND,
    WITNESS,
)
from goldenthread.consent.models import Consent, ConsentForm, DataCategory, SignatureKind
from goldenthread.consent.services import consent_record_signed
from goldenthread.organizations.models import Organization, OrganizationKind
from goldenthread.people.models import Person
from goldenthread.text import whole_number


def consent_from_fhir(
    *, actor: User, person: Person, resource: Any, request: HttpRequest | None = None
) -> Consent:
    """Records the signed release `resource` describes for `person`."""
    return consent_record_signed(
        actor=actor, person=person, request=request, **_fields(person, resource)
    )


def _refuse(element: str, message: str) -> ValidationError:
    return ValidationError({element: [message]})


def _fields(person: Person, resource: Any) -> dict[str, Any]:
    if not isinstance(resource, dict) or resource.get("resourceType") != "Consent":
        raise _refuse("resourceType", _("Send one FHIR Consent resource."))
    try:
        consent = FhirConsent.model_validate(resource)
    except FhirInvalid as invalid:
        raise ValidationError(
            {
                ".".join(str(part) for part in error["loc"]) or "Consent": [error["msg"]]
                for error in invalid.errors()
            }
        ) from None
    if consent.status != "active":
        raise _refuse("status", _("Only an active consent can be recorded."))
    if consent.patient and consent.patient.reference not in (None, f"Patient/{person.pk}"):
        raise _refuse("patient", _("The consent is about someone else."))
    provision = consent.provision
    if provision is None or provision.type != "permit":
        raise _refuse("provision.type", _("Only a consent that permits disclosure is recorded."))
    extensions = {e.url: e for e in consent.extension or []}
    categories = _categories(person, provision)
    labels = {c.code for c in provision.securityLabel or []}
    if any(c.is_part2 for c in categories) and PART2_LABEL not in labels:
        raise _refuse(
            "provision.securityLabel",
            _("Substance-use treatment information needs the 42 CFR Part 2 security label."),
        )
    verification = next((v for v in consent.verification or [] if v.verified), None)
    if verification is None:
        raise _refuse("verification", _("Say who signed it, and when (verified: true)."))
    signed_at = _moment(verification.verificationDate)
    kind = extensions.get(SIGNATURE_KIND)
    if kind is None or kind.valueCode not in SignatureKind.values:
        raise _refuse(
            "extension",
            _("Say how it was signed: %(url)s, one of %(kinds)s.")
            % {"url": SIGNATURE_KIND, "kinds": ", ".join(SignatureKind.values)},
        )
    explained = extensions.get(REVOCATION_EXPLAINED)
    event = extensions.get(EXPIRY_EVENT)
    witness = extensions.get(WITNESS)
    period = provision.period
    return {
        "form": _form(person, consent, signed_at),
        "discloser": _organization(person, consent.organization[0])
        if consent.organization
        else None,
        "recipients": [_recipient(person, actor) for actor in provision.actor or []],
        "categories": [c.code for c in categories],
        "purpose": (provision.purpose[0].display or "") if provision.purpose else "",
        "expires_at": _moment(period.end) if period else None,
        "expiry_event": (event.valueString or "") if event else "",
        "revocation_explained": bool(explained and explained.valueBoolean),
        "signed_by": (verification.verifiedWith.display or "") if verification.verifiedWith else "",
        "signature_kind": kind.valueCode,
        "signed_at": signed_at,
        "witness": (witness.valueString or "") if witness else "",
    }


def _moment(value: Any) -> datetime | None:
    # fhir.resources reads dateTime elements as datetimes; one given as a date is midnight.
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _categories(person: Person, provision: Any) -> list[DataCategory]:
    codes = [
        coding.code
        for concept in provision.code or []
        for coding in concept.coding or []
        if coding.system == CATEGORY_SYSTEM
    ]
    known = {c.code: c for c in DataCategory.objects.filter(site_id=person.site_id, code__in=codes)}
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise _refuse(
            "provision.code",
            _("This site has no information category %(codes)s.") % {"codes": ", ".join(unknown)},
        )
    return [known[code] for code in dict.fromkeys(codes)]


def _organization(person: Person, reference: Any) -> Organization:
    target = getattr(reference, "reference", None) or ""
    kind, _slash, pk = target.partition("/")
    number = whole_number(pk) if kind == "Organization" else None
    found = (
        Organization.objects.filter(site_id=person.site_id, pk=number).first()
        if number is not None
        else None
    )
    if found is None:
        raise _refuse(
            "organization",
            _("%(reference)s is not an organization of this site.") % {"reference": target},
        )
    return found


def _recipient(person: Person, actor: Any) -> Organization | str:
    """A recipient: an organization of the site by reference, or every one of a kind."""
    identifier = actor.reference.identifier
    if identifier is not None and identifier.system == KIND_SYSTEM:
        if identifier.value not in OrganizationKind.values:
            raise _refuse(
                "provision.actor",
                _("%(kind)s is not a kind of organization.") % {"kind": identifier.value},
            )
        return str(identifier.value)
    return _organization(person, actor.reference)


def _form(person: Person, consent: Any, signed_at: datetime | None) -> ConsentForm | None:
    """The form version the policy URI names; without one, the site's form in use the day
    it was signed."""
    forms = ConsentForm.objects.filter(site_id=person.site_id)
    for policy in consent.policy or []:
        if policy.uri and policy.uri.startswith(FORM_POLICY):
            version, _slash, language = policy.uri.removeprefix(FORM_POLICY).rpartition("/")
            found = forms.filter(version=version, language=language).first()
            if found is None:
                raise _refuse(
                    "policy",
                    _("This site has no consent form %(uri)s.") % {"uri": policy.uri},
                )
            return found
    if signed_at is not None:
        forms = forms.filter(effective_from__lte=signed_at.date())
    return forms.order_by("-effective_from").first()
