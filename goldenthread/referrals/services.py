"""Every write about referrals: submission and each move through the workflow."""

import secrets
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.access.policy import referrer_organization_status
from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures, audit_record
from goldenthread.consent.models import CategoryCode
from goldenthread.eligibility.models import Outcome
from goldenthread.eligibility.rules import reason_text
from goldenthread.eligibility.services import latest_decision, referral_evaluate
from goldenthread.identity.services import Snapshot, identity_record_attach
from goldenthread.organizations.models import Membership, Site
from goldenthread.people.models import Person
from goldenthread.people.services import person_create
from goldenthread.referrals.capacity import site_capacity
from goldenthread.referrals.clock import intake_due
from goldenthread.referrals.models import (
    NEEDS_REASON,
    TRANSITIONS,
    ConductCategory,
    Door,
    OffenseCode,
    Referral,
    ReferralStatus,
    ReferralTransition,
    Via,
)
from goldenthread.webhooks.models import Event
from goldenthread.webhooks.services import announce

RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class InvalidTransition(ValidationError):
    pass


def _receipt_code() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(8))


def _nibrs_for(site: Site, offense_code: str, conduct: str) -> tuple[str, str]:
    """(NIBRS code, refusal) for a site offense code: it must be one of the site's codes,
    once the site keeps a list, and agree with the conduct chosen."""
    if not offense_code:
        return "", ""
    mapped = OffenseCode.objects.filter(site=site, code=offense_code).first()
    if mapped is None:
        if OffenseCode.objects.filter(site=site).exists():
            return "", _("%(code)s is not one of this site's offense codes.") % {
                "code": offense_code
            }
        return "", ""
    if mapped.category != conduct:
        return "", _(
            "Offense code %(code)s is %(category)s, which contradicts the conduct chosen (%(conduct)s)."
        ) % {
            "code": offense_code,
            "category": mapped.get_category_display(),
            "conduct": ConductCategory(conduct).label,
        }
    return mapped.nibrs, ""


@transaction.atomic
def referral_submit(
    *,
    actor: User,
    membership: Membership,
    door: str,
    person: Person | None,
    new_person: dict[str, Any] | None,
    occurred_at: datetime,
    conduct: str,
    area: str = "",
    offense_code: str = "",
    drug_grams: Decimal | None = None,
    incident_number: str = "",
    narrative: str = "",
    observed_race_ethnicity: list[str] | None = None,
    observed_sex: str = "unknown",
    verification_basis: str = "",
    last_conduct_on: date | None = None,
    in_program_area: bool | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    idempotency_key: str = "",
    via: str = Via.FORM,
    request: HttpRequest | None = None,
) -> tuple[Referral, bool]:
    """Returns (referral, created). The same idempotency key from the same referrer returns
    the first referral instead of a second one (a double tap, a retried API call)."""
    if idempotency_key:
        existing = Referral.objects.filter(referrer=actor, idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing, False
    site = membership.organization.site
    errors: dict[str, str] = {}
    if occurred_at > timezone.now() + timedelta(minutes=5):
        errors["occurred_at"] = _("The time cannot be in the future.")
    if door == Door.SOCIAL_CONTACT:
        if not verification_basis:
            errors["verification_basis"] = _("Say how the prior conduct was verified.")
        if last_conduct_on is None:
            errors["last_conduct_on"] = _("Give the date of the last qualifying conduct.")
        elif last_conduct_on > site.today():
            errors["last_conduct_on"] = _("The last conduct cannot be in the future.")
        if in_program_area is None:
            errors["in_program_area"] = _("Say whether it happened in the program area.")
    elif verification_basis or last_conduct_on:
        errors["door"] = _(
            "Verification of prior conduct belongs to social-contact referrals only."
        )
    nibrs, refusal = _nibrs_for(site, offense_code, conduct)
    if refusal:
        errors["offense_code"] = refusal
    if person is None and not new_person:
        errors["person"] = _("Choose the person or give what you know of them, even a street name.")
    if errors:
        raise ValidationError(errors)
    if person is None:
        assert new_person is not None
        person = person_create(actor=actor, site=site, request=request, **new_person)
    referral = Referral(
        site=site,
        door=door,
        person=person,
        referrer=actor,
        referrer_organization=membership.organization,
        badge_or_staff_number=membership.badge_or_staff_number,
        occurred_at=occurred_at,
        area=area,
        conduct=conduct,
        offense_code=offense_code,
        nibrs=nibrs,
        drug_grams=drug_grams,
        incident_number=incident_number,
        narrative=narrative,
        observed_race_ethnicity=observed_race_ethnicity or [],
        observed_sex=observed_sex,
        verification_basis=verification_basis,
        last_conduct_on=last_conduct_on,
        in_program_area=in_program_area,
        latitude=latitude,
        longitude=longitude,
        idempotency_key=idempotency_key,
        via=via,
        receipt_code=_receipt_code(),
    )
    if door == Door.ARREST_DIVERSION:
        # The one legal clock: intake must happen within the site's window.
        referral.intake_due_at = intake_due(occurred_at, site)
    referral.full_clean()
    try:
        with transaction.atomic():
            referral.save()
    except IntegrityError:
        # Two requests with the same key raced; the other one won.
        return Referral.objects.get(referrer=actor, idempotency_key=idempotency_key), False
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=referral,
        subject_person_id=person.pk,
        detail={"door": door, "receipt": referral.receipt_code},
    )
    referral_evaluate(actor=actor, referral=referral, request=request)
    _identity_record(actor, referral, request)
    return referral, True


def _identity_record(actor: User, referral: Referral, request: HttpRequest | None) -> None:
    """What the referrer said of who this is joins the person's identity records, so later
    bookings and court records can be matched to them."""
    person = referral.person
    first = person.legal_first_name or person.preferred_name
    if not (first or person.legal_last_name):
        return
    identity_record_attach(
        actor=actor,
        person=person,
        snapshot=Snapshot(
            source="referral",
            source_ref=referral.receipt_code,
            first_name=first,
            last_name=person.legal_last_name,
            date_of_birth=person.date_of_birth,
            sex=person.sex if person.sex in ("female", "male") else "",
            area=referral.area,
        ),
        request=request,
    )


@transaction.atomic
def referral_submit_public(
    *,
    site: Site,
    name: str,
    approximate_age: int | None,
    area: str,
    narrative: str,
    contact: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """A community referral from the site's public form: the minimum about the person, no
    account, and a receipt code as the only way back to it."""
    person = person_create(
        actor=None, site=site, request=request, preferred_name=name, approximate_age=approximate_age
    )
    referral = Referral(
        site=site,
        door=Door.COMMUNITY,
        via=Via.PUBLIC,
        person=person,
        occurred_at=timezone.now(),
        conduct=ConductCategory.OTHER,
        area=area,
        narrative=narrative,
        public_contact=contact,
        receipt_code=_receipt_code(),
    )
    referral.full_clean()
    referral.save()
    audit_record(
        action=Action.CREATE,
        actor=None,
        request=request,
        obj=referral,
        subject_person_id=person.pk,
        detail={"door": Door.COMMUNITY, "via": Via.PUBLIC, "receipt": referral.receipt_code},
    )
    referral_evaluate(actor=None, referral=referral, request=request)
    return referral


def _check_approvable(referral: Referral, reason: str) -> None:
    """Approval follows the eligibility decision: never over an ineligible one, and only
    with the approver's own reason when the rules left it to a person."""
    decision = latest_decision(referral)
    if decision is not None and decision.outcome == Outcome.INELIGIBLE:
        raise ValidationError(
            _(
                "Ineligible under rules version %(version)s: %(reasons)s Decline it, or record screening answers that change this."
            )
            % {
                "version": decision.rule_set.version,
                "reasons": " ".join(reason_text(r) for r in decision.reasons if r["blocks"]),
            }
        )
    if (decision is None or decision.outcome == Outcome.NEEDS_REVIEW) and not reason.strip():
        raise ValidationError(
            _("The rules leave this referral to your review: give the reason you approve it.")
        )
    if referral.door != Door.ARREST_DIVERSION and site_capacity(referral.site).full:
        raise ValidationError(
            _(
                "Case management is full. Only arrest diversions can be approved until a place opens."
            )
        )


@transaction.atomic
def referral_transition(
    *,
    actor: User,
    referral: Referral,
    to: str,
    reason: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """The one place a referral's status changes; an invalid move says which are allowed."""
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    allowed = TRANSITIONS[locked.status]
    if to not in allowed:
        names = ", ".join(str(ReferralStatus(s).label) for s in sorted(allowed)) or _("none")
        raise InvalidTransition(
            _("A referral that is %(status)s cannot become %(to)s. Allowed: %(allowed)s.")
            % {
                "status": locked.get_status_display(),
                "to": ReferralStatus(to).label,
                "allowed": names,
            }
        )
    if to in NEEDS_REASON and not reason.strip():
        raise ValidationError(_("Give a reason for this decision."))
    if to == ReferralStatus.APPROVED:
        _check_approvable(locked, reason)
    ReferralTransition.objects.create(
        referral=locked, from_status=locked.status, to_status=to, actor=actor, reason=reason
    )
    locked.status = to
    locked.save(update_fields=["status"])
    audit_record(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        obj=locked,
        subject_person_id=locked.person_id,
        detail={"status": to, "reason": reason},
    )
    referral.status = to
    referrer = locked.referrer_organization
    if referrer is not None:
        # The referring organization's records system may follow its referrals.
        status = referrer_organization_status(referrer, locked)
        announce(
            Event.REFERRAL_STATUS,
            {referrer.pk: {"receipt_code": locked.receipt_code, "status": status}},
        )
    return locked


def referral_statuses_shown(
    *,
    request: HttpRequest,
    action: Action,
    shown: Iterable[tuple[Referral, str]],
    detail: dict[str, Any] | None = None,
) -> None:
    """A referral's status is personal data once it says "enrolled": each such status shown,
    on a page or over the API, is an audit event of the participant's enrollment status."""
    audit_disclosures(
        request=request,
        action=action,
        disclosed={
            referral.person_id: [CategoryCode.ENROLLMENT_STATUS]
            for referral, status in shown
            if status == ReferralStatus.ENROLLED
        },
        detail=detail,
    )
