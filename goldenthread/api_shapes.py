"""Shapes every API router shares: strict bodies and one way of paging a list.

Lists page by limit and offset over a stable order (the last key is always the primary
key), and fetch one row more than asked to say whether another page follows, so a page
costs the same queries however long the list. ninja's own paginator slices after the
operation returns; ours slices inside it, because each list audits exactly the rows it
discloses.
"""

from datetime import UTC, datetime
from typing import Annotated, Any, TypeVar

from django.db.models import Model, QuerySet
from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict

from goldenthread.text import LARGEST_KEY

MAX_LIMIT = 200

T = TypeVar("T", bound=Model)
S = TypeVar("S", bound=Schema)


def _in_utc(value: datetime) -> datetime:
    # Any offset ISO 8601 allows is read, but PostgreSQL keeps none past 15:59, and a
    # moment at the calendar's edge may have no UTC equivalent: both are said, not failed on.
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError as error:
        raise ValueError("is out of range") from error


# A record's key: what a bigint primary key can hold. Past it, the database itself would
# fail on the lookup; here the sender is told which field.
Key = Annotated[int, Field(ge=1, le=LARGEST_KEY)]


# A moment sent to the API: with its offset, or read as UTC without one; kept in UTC.
Moment = Annotated[datetime, AfterValidator(_in_utc)]


class StrictIn(Schema):
    """A request body: an unknown field is refused by name, never silently dropped."""

    model_config = ConfigDict(extra="forbid")


class Paging(Schema):
    limit: int = Field(
        50,
        ge=1,
        le=1_000_000,
        description=f"Items per page; at most {MAX_LIMIT}, larger values are capped.",
    )
    offset: int = Field(0, ge=0, le=1_000_000, description="Items to skip.")

    @property
    def size(self) -> int:
        return min(self.limit, MAX_LIMIT)


class PageOut(Schema):
    """What every page says about itself; subclasses add `items`."""

    limit: int = Field(description="Items per page after capping.")
    offset: int
    has_more: bool = Field(description="Whether a page follows at offset + limit.")


def page_of(rows: QuerySet[T], paging: Paging) -> tuple[list[T], dict[str, Any]]:
    """(the page's rows, its PageOut fields). `rows` must already be in a stable order."""
    fetched = list(rows[paging.offset : paging.offset + paging.size + 1])
    meta = {"limit": paging.size, "offset": paging.offset, "has_more": len(fetched) > paging.size}
    return fetched[: paging.size], meta


def built(schema: type[S], **fields: Any) -> S:
    """An answer assembled from rows the database already holds in the schema's types,
    without validating each value again. Validation costs a list a fifth of its time (ninja
    wraps every value of every item for attribute access), and an answer that is an
    instance of the operation's schema is serialised as it is. The suite's Schemathesis run
    checks every answer against the document, so a field built wrong still fails a test."""
    return schema.model_construct(**fields)


def example(value: dict[str, Any]) -> ConfigDict:
    """`model_config` giving a schema its example in the OpenAPI document (a test checks
    that every example validates against its schema)."""
    return ConfigDict(json_schema_extra={"examples": [value]})


def page_example(item: dict[str, Any]) -> ConfigDict:
    return example({"limit": 50, "offset": 0, "has_more": False, "items": [item]})
