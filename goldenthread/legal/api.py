"""Legal matters as far as releases allow, and feeds pushed by jail, court and warrant
systems with the same contract, matching and guarantees as `manage.py import_feed`."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from ninja import Field, Query, Router, Schema

from goldenthread.access.policy import (
    access_person,
    matters_visible_to,
    may_import_feeds,
    may_read_legal,
)
from goldenthread.api_shapes import (
    Key,
    PageOut,
    Paging,
    StrictIn,
    built,
    example,
    page_example,
    page_of,
)
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.consent.models import CategoryCode
from goldenthread.http import AuthedRequest
from goldenthread.legal.feeds.importer import MAX_ROWS_PUSHED, feed_import_rows
from goldenthread.legal.models import FeedKind, LegalMatter, MatterKind, MatterStatus
from goldenthread.tokens import examples
from goldenthread.tokens.auth import token_auth
from goldenthread.tokens.models import Scope

router = Router(tags=["feeds"])


class MatterFilters(Paging):
    kind: MatterKind | None = None
    status: MatterStatus | None = None


CHARGE_EXAMPLE = {
    "offense_code": "9A.56.050",
    "description": "Theft in the third degree",
    "level": "misdemeanor",
}
MATTER_EXAMPLE = {
    "id": 3307,
    "kind": "booking",
    "jurisdiction": "Cascade County Jail",
    "number": "B-26-40117",
    "status": "open",
    "incident_on": "2026-11-28",
    "filed_on": None,
    "disposition": "",
    "disposed_on": None,
    "booked_at": "2026-11-29T06:15:00Z",
    "released_at": None,
    "facility": "Cascade County Jail",
    "charges": [CHARGE_EXAMPLE],
}


class ChargeOut(Schema):
    model_config = example(CHARGE_EXAMPLE)

    offense_code: str
    description: str
    level: str


class MatterOut(Schema):
    model_config = example(MATTER_EXAMPLE)

    id: int
    kind: MatterKind
    jurisdiction: str
    number: str
    status: MatterStatus
    incident_on: date | None
    filed_on: date | None
    disposition: str
    disposed_on: date | None
    booked_at: datetime | None
    released_at: datetime | None
    facility: str
    charges: list[ChargeOut]


class MatterPage(PageOut):
    model_config = page_example(MATTER_EXAMPLE)

    items: list[MatterOut]


class FeedIn(StrictIn):
    model_config = example(examples.BOOKINGS)

    sender: str = Field(..., max_length=200, description="The sending system, for the report.")
    rows: list[dict[str, str | None]] = Field(
        ...,
        max_length=MAX_ROWS_PUSHED,
        description="Rows with exactly the feed's columns (docs/feeds.md), values as text.",
    )


REJECTED_EXAMPLE = {"row": 2, "reason": "booked_at: not a date and time (2026-13-01 25:00)"}


class RejectedOut(Schema):
    model_config = example(REJECTED_EXAMPLE)

    row: int
    reason: str


class FeedReport(Schema):
    model_config = example(
        {
            "import_id": 58,
            "rows_read": 2,
            "created": 1,
            "updated": 0,
            "unchanged": 0,
            "sent_to_review": 0,
            "rejected": [REJECTED_EXAMPLE],
        }
    )

    import_id: Key
    rows_read: int
    created: int
    updated: int
    unchanged: int
    sent_to_review: int
    rejected: list[RejectedOut]


@router.get(
    "/people/{person_id}/legal-matters",
    response=MatterPage,
    auth=token_auth(Scope.LEGAL_READ),
    summary="A participant's cases, warrants, citations and bookings, newest first",
    description="Needs a release of legal coordination (or the assignment).",
)
def matter_list(
    request: AuthedRequest, person_id: Key, filters: Query[MatterFilters]
) -> MatterPage:
    person = access_person(request.membership, person_id)
    if not may_read_legal(request.membership, person):
        raise PermissionDenied
    matters = matters_visible_to(request.membership, person)
    if filters.kind:
        matters = matters.filter(kind=filters.kind)
    if filters.status:
        matters = matters.filter(status=filters.status)
    rows, page = page_of(matters.prefetch_related("charges").order_by("-noted_at", "-pk"), filters)
    audit_record(
        action=Action.LIST,
        request=request,
        obj=person,
        subject_person_id=person.pk,
        categories=[CategoryCode.LEGAL_COORDINATION],
        detail={"legal matters": [m.pk for m in rows], "api": True},
    )
    return built(MatterPage, **page, items=[_matter(m) for m in rows])


def _matter(matter: LegalMatter) -> MatterOut:
    return built(
        MatterOut,
        id=matter.pk,
        kind=MatterKind(matter.kind),
        jurisdiction=matter.jurisdiction,
        number=matter.number,
        status=MatterStatus(matter.status),
        incident_on=matter.incident_on,
        filed_on=matter.filed_on,
        disposition=matter.disposition,
        disposed_on=matter.disposed_on,
        booked_at=matter.booked_at,
        released_at=matter.released_at,
        facility=matter.facility,
        charges=[
            built(ChargeOut, offense_code=c.offense_code, description=c.description, level=c.level)
            for c in matter.charges.all()
        ],
    )


@router.post(
    "/feeds/{kind}",
    response={200: FeedReport},
    auth=token_auth(Scope.FEEDS_WRITE),
    summary="Push rows of a feed (bookings, courts or warrants); the report answers",
)
def feed_push(request: AuthedRequest, kind: FeedKind, payload: FeedIn) -> FeedReport:
    if not may_import_feeds(request.membership):
        raise PermissionDenied
    assert request.membership is not None
    # A delivery that breaks the contract raises FeedRefused: 422 with the reason.
    done = feed_import_rows(
        actor=request.user,
        site=request.membership.organization.site,
        kind=kind,
        rows=[{k: v or "" for k, v in row.items()} for row in payload.rows],
        sender=payload.sender,
    )
    return FeedReport(
        import_id=done.pk,
        rows_read=done.rows_read,
        created=done.created,
        updated=done.updated,
        unchanged=done.unchanged,
        sent_to_review=done.sent_to_review,
        rejected=[RejectedOut(row=r.row_number, reason=r.reason) for r in done.rejects.all()],
    )
