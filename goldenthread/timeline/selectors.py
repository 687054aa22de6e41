"""The participant timeline: the newest events of every source the reader may see, merged
into one story, a page at a time. A page is read in two steps whatever the length of the
story: first each source's newest (time, id) pairs, as one query where the database can
combine sorted and limited queries (PostgreSQL) and a query per source where it cannot
(SQLite, in-process, where a query costs no trip); then the whole rows of the events shown,
one query per kind among them. A cursor (the last entry shown) tells every source where to
resume."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import chain
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import DateField, DateTimeField, F, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.utils import timezone
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
    dated: bool  # a day's event (an assessment, a service): shown without a time

    @property
    def cursor(self) -> str:
        return f"{self.at.isoformat()}~{self.kind}~{self.row.pk}"

    # The moment in the current time zone, written here rather than by the template's date
    # filter: a page shows fifty, and the filter costs several times as much.
    @property
    def iso(self) -> str:
        return timezone.localtime(self.at).isoformat()

    @property
    def shown(self) -> str:
        if self.dated:  # the day as recorded, placed at its start on the site's clock
            return self.at.strftime("%Y-%m-%d")
        return timezone.localtime(self.at).strftime("%Y-%m-%d %H:%M")


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


def _newest(source: Source, rows: QuerySet[Any], size: int) -> QuerySet[Any]:
    """The source's newest `size` (kind, moment, day, id) rows; a moment or a day by the
    type of its key, the other typed empty so that the sources combine into one query."""
    key = F(source.key)
    no_moment = Cast(Value(None), output_field=DateTimeField())
    no_day = Cast(Value(None), output_field=DateField())
    return rows.order_by(f"-{source.key}", "-pk").values_list(
        Value(source.kind),
        no_moment if source.dated else key,
        key if source.dated else no_day,
        "pk",
    )[:size]


def _combined(parts: list[QuerySet[Any]]) -> Iterable[tuple[str, Any, Any, int]]:
    if not parts:
        return []
    if len(parts) > 1 and connection.features.supports_slicing_ordering_in_compound:
        return parts[0].union(*parts[1:], all=True)
    return chain.from_iterable(parts)


def timeline_page(
    membership: Membership | None,
    person: Person,
    groups: set[str],
    cursor: Cursor | None = None,
    size: int = PAGE_SIZE,
) -> Page:
    zone = person.site.zone
    chosen: dict[str, tuple[Source, QuerySet[Any]]] = {}
    parts = []
    for source in SOURCES:
        if source.group not in groups:
            continue
        rows: QuerySet[Any] = source.rows(membership, person)
        if rows.query.is_empty():
            continue
        chosen[source.kind] = (source, rows)
        if cursor is not None:
            rows = rows.filter(_older_than(source, cursor, zone))
        parts.append(_newest(source, rows, size + 1))
    found = sorted(
        ((_placed(at or day, zone), kind, pk) for kind, at, day, pk in _combined(parts)),
        reverse=True,
    )
    shown = found[:size]
    wanted: dict[str, list[int]] = {}
    for _, kind, pk in shown:
        wanted.setdefault(kind, []).append(pk)
    whole = {
        (kind, row.pk): row
        for kind, pks in wanted.items()
        for row in chosen[kind][1].filter(pk__in=pks).order_by()
    }
    entries = []
    for at, kind, pk in shown:
        row = whole[(kind, pk)]
        source = chosen[kind][0]
        entries.append(Entry(at, kind, row, source.category(row), source.dated))
    more = len(found) > size
    return Page(entries, entries[-1].cursor if more and entries else None)
