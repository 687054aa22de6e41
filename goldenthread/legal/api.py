"""Feeds pushed by jail, court and warrant systems: the same contract, matching and
guarantees as `manage.py import_feed` (legal.feeds)."""

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema

from goldenthread.access.policy import may_import_feeds
from goldenthread.http import AuthedRequest
from goldenthread.legal.feeds.importer import MAX_ROWS_PUSHED, feed_import_rows
from goldenthread.legal.models import FeedKind
from goldenthread.tokens.auth import token_auth
from goldenthread.tokens.models import Scope

router = Router(tags=["feeds"])


class FeedIn(Schema):
    sender: str = Field(..., max_length=200, description="The sending system, for the report.")
    rows: list[dict[str, str | None]] = Field(
        ...,
        max_length=MAX_ROWS_PUSHED,
        description="Rows with exactly the feed's columns (docs/feeds.md), values as text.",
    )


class RejectedOut(Schema):
    row: int
    reason: str


class FeedReport(Schema):
    import_id: int
    rows_read: int
    created: int
    updated: int
    unchanged: int
    sent_to_review: int
    rejected: list[RejectedOut]


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
