"""Referrals from police records systems: POST to submit, GET for the status."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Header, Query, Router, Schema, Status
from ninja.errors import HttpError

from goldenthread.access.policy import (
    access_person,
    access_referral_by_receipt,
    doors_for,
    referrals_visible_to,
    referrer_status,
    with_consent_facts,
)
from goldenthread.api_shapes import (
    Key,
    Moment,
    PageOut,
    Paging,
    StrictIn,
    built,
    example,
    page_example,
    page_of,
)
from goldenthread.audit.models import Action
from goldenthread.http import AuthedRequest
from goldenthread.organizations.models import Membership
from goldenthread.people.models import RaceEthnicity, Sex
from goldenthread.referrals.models import (
    ConductCategory,
    Door,
    Referral,
    VerificationBasis,
    Via,
)
from goldenthread.referrals.services import referral_statuses_shown, referral_submit
from goldenthread.text import PlainText
from goldenthread.tokens import examples
from goldenthread.tokens.auth import token_auth
from goldenthread.tokens.models import Scope

router = Router(tags=["referrals"])


class ReferralIn(StrictIn):
    model_config = example(examples.REFERRAL)

    door: Door
    person_id: Key | None = Field(
        None, description="An existing participant, if the records system knows one."
    )
    name: PlainText | None = Field(None, max_length=100, examples=["goes by JJ"])
    approximate_age: int | None = Field(None, ge=10, le=110)
    occurred_at: Moment
    conduct: ConductCategory
    area: PlainText = Field("", max_length=80)
    offense_code: PlainText = Field("", max_length=20)
    drug_grams: Decimal | None = Field(None, ge=0, le=10000, decimal_places=2)
    incident_number: PlainText = Field("", max_length=40)
    narrative: str = Field("", max_length=5000)
    observed_race_ethnicity: list[RaceEthnicity] = []
    observed_sex: Sex = Sex.UNKNOWN
    verification_basis: VerificationBasis | None = None
    last_conduct_on: date | None = None
    in_program_area: bool | None = None


REFERRAL_EXAMPLE = {
    "receipt_code": "R7K2QX",
    "door": "social_contact",
    "status": "in_review",
    "submitted_at": "2026-11-28T02:14:00Z",
    "intake_due_at": "2026-11-29T02:14:00Z",
}


class ReferralOut(Schema):
    model_config = example(REFERRAL_EXAMPLE)

    receipt_code: str
    door: str
    status: str = Field(
        description="The workflow status for those who run the queue; for a referrer, in plain "
        "terms (in_review, accepted, not_accepted, withdrawn, intake_closed), and enrolled "
        "only where a release of information shares enrollment status with them."
    )
    submitted_at: datetime
    intake_due_at: datetime | None


class ReferralFilters(Paging):
    door: Door | None = None
    submitted_after: Moment | None = Field(None, description="Submitted at or after.")
    submitted_before: Moment | None = Field(None, description="Submitted before.")


class ReferralPage(PageOut):
    model_config = page_example(REFERRAL_EXAMPLE)

    items: list[ReferralOut]


def _out(referral: Referral, membership: Membership | None) -> ReferralOut:
    return built(
        ReferralOut,
        receipt_code=referral.receipt_code,
        door=referral.door,
        status=referrer_status(membership, referral),
        submitted_at=referral.submitted_at,
        intake_due_at=referral.intake_due_at,
    )


@router.post(
    "/referrals",
    response={200: ReferralOut, 201: ReferralOut},
    auth=token_auth(Scope.REFERRALS_WRITE),
    summary="Submit a referral (send an Idempotency-Key to make retries safe)",
)
def referral_create(
    request: AuthedRequest,
    payload: ReferralIn,
    idempotency_key: str = Header("", alias="Idempotency-Key", max_length=80),
) -> Status[ReferralOut]:
    membership = request.membership
    if payload.door not in doors_for(membership):
        raise HttpError(403, "Your organization cannot refer through this door.")
    person = access_person(membership, payload.person_id) if payload.person_id else None
    data = payload.model_dump(exclude={"door", "person_id", "name", "approximate_age"})
    data["verification_basis"] = data["verification_basis"] or ""
    new_person = (
        {"preferred_name": payload.name, "approximate_age": payload.approximate_age}
        if payload.name
        else None
    )
    # A refused referral raises ValidationError: the API answers 422 naming each field.
    referral, created = referral_submit(
        actor=request.user,
        membership=membership,  # type: ignore[arg-type]
        door=payload.door,
        person=person,
        new_person=new_person,
        idempotency_key=idempotency_key,
        via=Via.API,
        request=request,
        **data,
    )
    return Status(201 if created else 200, _out(referral, membership))


@router.get(
    "/referrals/{receipt_code}",
    response=ReferralOut,
    auth=token_auth(Scope.REFERRALS_READ),
    summary="Where a referral you can see stands",
)
def referral_status(request: AuthedRequest, receipt_code: str) -> ReferralOut:
    referral = access_referral_by_receipt(request.membership, receipt_code)
    out = _out(referral, request.membership)
    referral_statuses_shown(
        request=request, action=Action.VIEW, shown=[(referral, out.status)], detail={"api": True}
    )
    return out


@router.get(
    "/referrals",
    response=ReferralPage,
    auth=token_auth(Scope.REFERRALS_READ),
    summary="Referrals you can see, newest first",
    description="A referrer sees its own; those who run the queue or do intake see the "
    "site's, as the pages show them.",
)
def referral_list(request: AuthedRequest, filters: Query[ReferralFilters]) -> ReferralPage:
    membership = request.membership
    referrals = referrals_visible_to(membership).select_related("person")
    if filters.door:
        referrals = referrals.filter(door=filters.door)
    if filters.submitted_after:
        referrals = referrals.filter(submitted_at__gte=filters.submitted_after)
    if filters.submitted_before:
        referrals = referrals.filter(submitted_at__lt=filters.submitted_before)
    rows, page = page_of(referrals.order_by("-submitted_at", "-pk"), filters)
    # The releases of the page's people at once: "enrolled" is told only where shared.
    with_consent_facts([r.person for r in rows], membership)
    items = [_out(r, membership) for r in rows]
    referral_statuses_shown(
        request=request,
        action=Action.LIST,
        shown=[(r, out.status) for r, out in zip(rows, items, strict=True)],
        detail={"api": True, "referrals": len(rows)},
    )
    return built(ReferralPage, **page, items=items)
