"""The column contracts of the two files insights import, read without touching the
database: a police records export of encounters (the baseline every equity index is
measured against) and a comparison cohort. docs/insights.md states both in words."""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from goldenthread.legal.feeds.contract import RowError
from goldenthread.people.models import Sex
from goldenthread.text import printable, whole_number

BASELINE_COLUMNS = ("record_id", "date", "area", "offense_code", "race_ethnicity", "sex", "age")
BASELINE_REQUIRED = frozenset({"date", "area", "offense_code", "race_ethnicity", "sex", "age"})
COMPARISON_COLUMNS = (
    "key",
    "entry_date",
    "age",
    "sex",
    "race_ethnicity",
    "prior_bookings",
    "arrests_before",
    "arrests_after",
)
COMPARISON_REQUIRED = frozenset(COMPARISON_COLUMNS)

# Police records use NIBRS's one-letter race and ethnicity codes; people and SPD-15 use
# words. Each maps to SPD-15 minimum categories; "U" and the like to no answer.
RACE_CODES = {
    "w": "white",
    "white": "white",
    "b": "black",
    "black": "black",
    "african american": "black",
    "i": "american_indian",
    "american_indian": "american_indian",
    "american indian": "american_indian",
    "a": "asian",
    "asian": "asian",
    "p": "pacific_islander",
    "pacific_islander": "pacific_islander",
    "pacific islander": "pacific_islander",
    "h": "hispanic",
    "hispanic": "hispanic",
    "latino": "hispanic",
    "m": "middle_eastern",
    "middle_eastern": "middle_eastern",
    "mena": "middle_eastern",
}
RACE_NONE = frozenset({"", "u", "unknown", "n/a", "not_collected", "prefers_not", "does_not_know"})
SEX_CODES = {
    "f": Sex.FEMALE,
    "female": Sex.FEMALE,
    "m": Sex.MALE,
    "male": Sex.MALE,
    "u": Sex.UNKNOWN,
    "unknown": Sex.UNKNOWN,
    "": Sex.UNKNOWN,
}
SEPARATORS = re.compile(r"[;|/]")
MAX_TEXT = 80


@dataclass(frozen=True)
class EncounterIn:
    record_id: str
    occurred_on: date
    area: str
    offense_code: str
    race_ethnicity: list[str]
    sex: str
    age: int | None


@dataclass(frozen=True)
class ComparisonIn:
    key: str
    entry_on: date
    age: int | None
    sex: str
    race_ethnicity: list[str]
    prior_bookings: int
    arrests_before: int
    arrests_after: int


def header_problem(header: list[str], columns: tuple[str, ...], required: frozenset[str]) -> str:
    names = [name.strip().lower() for name in header]
    missing = [c for c in columns if c in required and c not in names]
    unknown = [n for n in names if n not in columns]
    if missing:
        return _("missing columns: %(columns)s") % {"columns": ", ".join(missing)}
    if unknown:
        return _("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)}
    return ""


def _text(row: dict[str, str], column: str, *, required: bool = True) -> str:
    value = printable(row.get(column, "")).strip()
    if required and not value:
        raise RowError(_("%(column)s is empty.") % {"column": column})
    if len(value) > MAX_TEXT:
        raise RowError(
            _("%(column)s is longer than %(limit)d characters.")
            % {"column": column, "limit": MAX_TEXT}
        )
    return value


def _day(row: dict[str, str], column: str, today: date) -> date:
    value = _text(row, column)
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise RowError(
            _("%(column)s is not a date as YYYY-MM-DD: %(value)s")
            % {"column": column, "value": value}
        ) from None
    if parsed > today:
        raise RowError(
            _("%(column)s is in the future: %(value)s") % {"column": column, "value": value}
        )
    return parsed


def _count(row: dict[str, str], column: str, *, limit: int, required: bool = True) -> int | None:
    value = _text(row, column, required=required)
    if not value:
        return None
    number = whole_number(value, limit)
    if number is None:
        raise RowError(
            _("%(column)s is not a whole number from 0 to %(limit)d: %(value)s")
            % {"column": column, "limit": limit, "value": value}
        )
    return number


def _race(row: dict[str, str]) -> list[str]:
    found: set[str] = set()
    for part in SEPARATORS.split(_text(row, "race_ethnicity", required=False)):
        value = part.strip().lower()
        if value in RACE_NONE:
            continue
        if value not in RACE_CODES:
            raise RowError(
                _(
                    "race_ethnicity %(value)s is not known: use W, B, I, A, P, H, M or U (or "
                    "the SPD-15 words), several joined by ';'."
                )
                % {"value": part.strip()}
            )
        found.add(RACE_CODES[value])
    return sorted(found)


def _sex(row: dict[str, str]) -> str:
    value = _text(row, "sex", required=False)
    if value.lower() not in SEX_CODES:
        raise RowError(_("sex %(value)s is not known: use F, M or U.") % {"value": value})
    return str(SEX_CODES[value.lower()])


def read_encounter(row: dict[str, str], today: date) -> EncounterIn:
    return EncounterIn(
        record_id=_text(row, "record_id", required=False),
        occurred_on=_day(row, "date", today),
        area=_text(row, "area", required=False),
        offense_code=_text(row, "offense_code"),
        race_ethnicity=_race(row),
        sex=_sex(row),
        age=_count(row, "age", limit=120, required=False),
    )


def read_comparison(row: dict[str, str], today: date) -> ComparisonIn:
    counts: dict[str, Any] = {
        column: _count(row, column, limit=1000)
        for column in ("prior_bookings", "arrests_before", "arrests_after")
    }
    return ComparisonIn(
        key=_text(row, "key"),
        entry_on=_day(row, "entry_date", today),
        age=_count(row, "age", limit=120, required=False),
        sex=_sex(row),
        race_ethnicity=_race(row),
        **counts,
    )
