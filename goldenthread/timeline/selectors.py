"""The participant timeline: the newest events of every source the reader may see, merged
into one story, a page at a time. Each page costs one query per source whatever the length
of the story: a cursor (the last entry shown) tells every source where to resume."""

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime

from goldenthread.organizations.models import Membership
from goldenthread.people.models import Person
from goldenthread.text import whole_number
from goldenthread.timeline.sources import SOURCES, Source

PAGE_SIZE = 50


@dataclass(frozen=True)
class Entry:
    at: datetime
    kind: str
    row: Any
    category: str

    @property
    def cursor(self) -> str:
        return f"{self.at.isoformat()}~{self.kind}~{self.row.pk}"


@dataclass(frozen=True)
class Cursor:
    """Entries are ordered newest first, then by kind and pk (descending) to break ties."""

    at: datetime
    kind: str
    pk: int

    @classmethod
    def parse(cls, value: str | None) -> "Cursor | None":
        at, _, rest = (value or "").partition("~")
        kind, _, pk = rest.partition("~")
        moment = parse_datetime(at) if at else None
        number = whole_number(pk)
        if moment is None or moment.tzinfo is None or number is None:
            return None
        return cls(moment, kind, number)


@dataclass(frozen=True)
class Page:
    entries: list[Entry]
    next_cursor: str | None


def _older_than(source: Source, cursor: Cursor, zone: ZoneInfo) -> Q:
    """Rows of `source` that sort after `cursor` (older, or tied and lower)."""
    ties = (
        Q()
        if source.kind < cursor.kind
        else Q(pk__lt=cursor.pk)
        if source.kind == cursor.kind
        else None
    )
    if not source.dated:
        before = Q(**{f"{source.key}__lt": cursor.at})
        return before | (Q(**{source.key: cursor.at}) & ties) if ties is not None else before
    local = cursor.at.astimezone(zone)
    day = local.date()
    if local.time() != time.min:  # no row sits at this moment: the day itself is older
        return Q(**{f"{source.key}__lte": day})
    before = Q(**{f"{source.key}__lt": day})
    return before | (Q(**{source.key: day}) & ties) if ties is not None else before


def _placed(value: datetime | date, zone: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time.min, tzinfo=zone)


def timeline_page(
    membership: Membership | None,
    person: Person,
    groups: set[str],
    cursor: Cursor | None = None,
    size: int = PAGE_SIZE,
) -> Page:
    zone = person.site.zone
    entries: list[Entry] = []
    for source in SOURCES:
        if source.group not in groups:
            continue
        rows: QuerySet[Any] = source.rows(membership, person)
        if cursor is not None:
            rows = rows.filter(_older_than(source, cursor, zone))
        for row in rows.order_by(f"-{source.key}", "-pk")[: size + 1]:
            at = _placed(getattr(row, source.key), zone)
            entries.append(Entry(at, source.kind, row, source.category(row)))
    entries.sort(key=lambda e: (e.at, e.kind, e.row.pk), reverse=True)
    shown = entries[:size]
    more = len(entries) > size
    return Page(shown, shown[-1].cursor if more and shown else None)
