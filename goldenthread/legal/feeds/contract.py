"""The column contract of each feed: the columns a file must have (no more, no fewer), how
each value is read, and the reason a row is refused. docs/feeds.md is this module in words.

A row is read into a `FeedRow`: who it is about (an identity snapshot) and what it says
(the matter, its charges, a hearing). Reading never touches the database."""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from goldenthread.legal.models import ChargeLevel, FeedKind, MatterKind, MatterStatus
from goldenthread.text import printable

MAX_FIELD = 200
MAX_CHARGES = 20


class RowError(ValueError):
    """Why one row is refused, in words for the sender."""


@dataclass(frozen=True)
class ChargeIn:
    offense_code: str
    level: str


@dataclass(frozen=True)
class HearingIn:
    at: datetime
    hearing: str
    location: str


@dataclass
class FeedRow:
    kind: str  # the matter's kind
    jurisdiction: str
    number: str
    first_name: str
    last_name: str
    date_of_birth: date | None
    sex: str
    state_id: str
    values: dict[str, Any] = field(default_factory=dict)  # the matter's own fields
    charges: list[ChargeIn] = field(default_factory=list)
    hearing: HearingIn | None = None

    def fingerprint(self) -> str:
        """The row's content, hashed: the same row sent twice is recognised and skipped."""
        content = {
            "kind": self.kind,
            "jurisdiction": self.jurisdiction,
            "number": self.number,
            "who": [self.first_name, self.last_name, str(self.date_of_birth), self.state_id],
            "values": {k: str(v) for k, v in sorted(self.values.items())},
            "charges": [[c.offense_code, c.level] for c in self.charges],
            "hearing": [str(self.hearing.at), self.hearing.hearing, self.hearing.location]
            if self.hearing
            else None,
        }
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def _text(value: str, column: str, *, required: bool = False) -> str:
    value = printable(value).strip()
    if required and not value:
        raise RowError(_("%(column)s is empty.") % {"column": column})
    if len(value) > MAX_FIELD:
        raise RowError(
            _("%(column)s is longer than %(limit)d characters.")
            % {"column": column, "limit": MAX_FIELD}
        )
    return value


def _date(value: str, column: str, today: date, *, required: bool = False) -> date | None:
    value = value.strip()
    if not value:
        if required:
            raise RowError(_("%(column)s is empty.") % {"column": column})
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise RowError(
            _("%(column)s is not a date as YYYY-MM-DD: %(value)s")
            % {"column": column, "value": value[:40]}
        ) from None
    if parsed > today:
        raise RowError(
            _("%(column)s is in the future: %(value)s") % {"column": column, "value": value}
        )
    return parsed


def _moment(
    value: str, column: str, zone: ZoneInfo, now: datetime, *, future: bool = False
) -> datetime | None:
    """An ISO date and time; one without an offset is the site's local time."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise RowError(
            _("%(column)s is not a date and time as YYYY-MM-DDTHH:MM: %(value)s")
            % {"column": column, "value": value[:40]}
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    # Kept in UTC: ISO 8601 allows offsets PostgreSQL does not store (past 15:59), and a
    # moment at the calendar's edge may have no UTC equivalent at all.
    try:
        parsed = parsed.astimezone(UTC)
    except OverflowError:
        raise RowError(
            _("%(column)s is out of range: %(value)s") % {"column": column, "value": value[:40]}
        ) from None
    if not future and parsed > now:
        raise RowError(
            _("%(column)s is in the future: %(value)s") % {"column": column, "value": value}
        )
    return parsed


def _charges(value: str) -> list[ChargeIn]:
    """ "CODE:level;CODE:level", e.g. "9A.56.050:misdemeanor;69.50.4013:felony"."""
    charges = []
    for part in filter(None, (p.strip() for p in value.split(";"))):
        code, _sep, level = part.rpartition(":")
        if not code or level.strip().lower() not in ChargeLevel.values:
            raise RowError(
                _(
                    "charges must read CODE:felony, CODE:misdemeanor or CODE:infraction, separated by ';': %(value)s"
                )
                % {"value": part[:60]}
            )
        charges.append(ChargeIn(_text(code, "charges", required=True), level.strip().lower()))
    if len(charges) > MAX_CHARGES:
        raise RowError(_("More than %(limit)d charges in one row.") % {"limit": MAX_CHARGES})
    return charges


@dataclass(frozen=True)
class Contract:
    kind: str
    columns: tuple[str, ...]
    read: Callable[[dict[str, str], "Reading"], FeedRow]


@dataclass(frozen=True)
class Reading:
    """What reading a row needs to know about the site."""

    zone: ZoneInfo
    now: datetime
    default_jurisdiction: str

    @property
    def today(self) -> date:
        return self.now.astimezone(self.zone).date()


PERSON = ("last_name", "first_name", "date_of_birth", "sex", "state_id")


def _person(row: dict[str, str], reading: Reading) -> dict[str, Any]:
    last, first = _text(row["last_name"], "last_name"), _text(row["first_name"], "first_name")
    if not last and not first:
        raise RowError(_("The row names no one: last_name and first_name are both empty."))
    sex = row["sex"].strip().lower()
    return {
        "first_name": first,
        "last_name": last,
        "date_of_birth": _date(row["date_of_birth"], "date_of_birth", reading.today),
        "sex": {"f": "female", "m": "male"}.get(sex, sex if sex in ("female", "male") else ""),
        "state_id": _text(row["state_id"], "state_id"),
    }


def _booking(row: dict[str, str], reading: Reading) -> FeedRow:
    booked_at = _moment(row["booked_at"], "booked_at", reading.zone, reading.now)
    if booked_at is None:
        raise RowError(_("booked_at is empty."))
    released_at = _moment(row["released_at"], "released_at", reading.zone, reading.now)
    if released_at is not None and released_at < booked_at:
        raise RowError(_("released_at is before booked_at."))
    facility = _text(row["facility"], "facility")
    return FeedRow(
        kind=MatterKind.BOOKING,
        jurisdiction=facility or reading.default_jurisdiction,
        number=_text(row["booking_number"], "booking_number", required=True),
        **_person(row, reading),
        values={
            "booked_at": booked_at,
            "released_at": released_at,
            "facility": facility,
            "area": _text(row["area"], "area"),
            "incident_on": booked_at.astimezone(reading.zone).date(),
            "status": MatterStatus.CLOSED if released_at else MatterStatus.OPEN,
        },
        charges=_charges(row["charges"]),
    )


def _court(row: dict[str, str], reading: Reading) -> FeedRow:
    hearing_at = _moment(row["hearing_at"], "hearing_at", reading.zone, reading.now, future=True)
    hearing = None
    if hearing_at is not None:
        hearing = HearingIn(
            hearing_at,
            _text(row["hearing"], "hearing", required=True),
            _text(row["location"], "location"),
        )
    disposition = _text(row["disposition"], "disposition")
    values: dict[str, Any] = {
        "incident_on": _date(row["incident_date"], "incident_date", reading.today),
        "filed_on": _date(row["filed_date"], "filed_date", reading.today),
        "disposition": disposition,
        "disposed_on": _date(row["disposition_date"], "disposition_date", reading.today),
        "status": MatterStatus.CLOSED if disposition else MatterStatus.OPEN,
    }
    return FeedRow(
        kind=MatterKind.CASE,
        jurisdiction=_text(row["jurisdiction"], "jurisdiction", required=True),
        number=_text(row["case_number"], "case_number", required=True),
        **_person(row, reading),
        values=values,
        charges=_charges(row["charges"]),
        hearing=hearing,
    )


def _warrant(row: dict[str, str], reading: Reading) -> FeedRow:
    status = row["status"].strip().lower() or "active"
    if status not in ("active", "cleared"):
        raise RowError(_("status must be active or cleared: %(value)s") % {"value": status[:40]})
    return FeedRow(
        kind=MatterKind.WARRANT,
        jurisdiction=_text(row["jurisdiction"], "jurisdiction", required=True),
        number=_text(row["warrant_number"], "warrant_number", required=True),
        **_person(row, reading),
        values={
            "incident_on": _date(row["incident_date"], "incident_date", reading.today),
            "filed_on": _date(row["issued_date"], "issued_date", reading.today, required=True),
            "status": MatterStatus.OPEN if status == "active" else MatterStatus.CLOSED,
        },
        charges=_charges(row["charges"]),
    )


CONTRACTS: dict[str, Contract] = {
    FeedKind.BOOKINGS: Contract(
        FeedKind.BOOKINGS,
        ("booking_number", *PERSON, "booked_at", "released_at", "charges", "facility", "area"),
        _booking,
    ),
    FeedKind.COURTS: Contract(
        FeedKind.COURTS,
        (
            "case_number",
            "jurisdiction",
            *PERSON,
            "incident_date",
            "filed_date",
            "charges",
            "hearing_at",
            "hearing",
            "location",
            "disposition",
            "disposition_date",
        ),
        _court,
    ),
    FeedKind.WARRANTS: Contract(
        FeedKind.WARRANTS,
        (
            "warrant_number",
            "jurisdiction",
            *PERSON,
            "incident_date",
            "issued_date",
            "charges",
            "status",
        ),
        _warrant,
    ),
}


def header_problem(contract: Contract, header: list[str]) -> str:
    """Why a file's header does not meet the contract, or ""."""
    found = [name.strip().lower() for name in header]
    missing = [c for c in contract.columns if c not in found]
    extra = [c for c in found if c not in contract.columns]
    problems = []
    if missing:
        problems.append(_("missing columns: %(names)s") % {"names": ", ".join(missing)})
    if extra:
        problems.append(
            _("columns not in the contract: %(names)s") % {"names": ", ".join(extra[:10])}
        )
    if len(set(found)) != len(found):
        problems.append(_("a column appears twice"))
    return "; ".join(problems)
