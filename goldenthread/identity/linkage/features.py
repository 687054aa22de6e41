"""What a record is compared on, derived once per record: plain lower-case names, the
names a nickname relates to, phonetic codes, and date-of-birth keys that survive a
day/month swap."""

import functools
import re
import unicodedata
from datetime import date
from typing import Any

import jellyfish
import pyarrow as pa
from nicknames import NickNamer

NAME_MAX_LENGTH = 60
_namer = NickNamer()

# The columns every record carries into the model, in this order.
COLUMNS = (
    "unique_id",
    "first_name",
    "last_name",
    "first_related",
    "first_key",
    "first_phonetic",
    "last_phonetic",
    "names_phonetic",
    "dob",
    "dob_year",
    "dob_unordered",
    "sex",
    "area",
    "state_id",
)


@functools.lru_cache(maxsize=200_000)
def plain(name: str | None) -> str | None:
    """Lower-case ASCII letters and single spaces; accents dropped, other scripts gone (the
    model compares Latin spellings; a name it cannot read counts as missing)."""
    if not name:
        return None
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z ]+", "", text)
    text = re.sub(r" +", " ", text).strip()
    return text[:NAME_MAX_LENGTH] or None


@functools.lru_cache(maxsize=50_000)
def related(first: str | None) -> tuple[str, ...]:
    """The name and the names the nickname list relates to it in either direction ("bill":
    robert, william, will...): a pair is a nickname match when either name is among the
    other's related names."""
    if not first:
        return ()
    return tuple(sorted({first, *_namer.canonicals_of(first), *_namer.nicknames_of(first)}))


@functools.lru_cache(maxsize=50_000)
def nickname_key(first: str | None) -> str | None:
    """A blocking key shared by a name and its nicknames: the first in alphabetical order
    of the name and the formal names it may stand for ("bill", "william" and "billy" all
    give "bill"). It groups generously (Robert meets William through Bill); the comparison
    then tells them apart."""
    if not first:
        return None
    return min({first, *_namer.canonicals_of(first)})


@functools.lru_cache(maxsize=200_000)
def phonetic(name: str | None) -> str | None:
    return (jellyfish.metaphone(name) or None) if name else None


def dob_keys(dob: date | None) -> tuple[str | None, str | None, str | None]:
    """(ISO date, year, year with day and month in either order)."""
    if dob is None:
        return None, None, None
    low, high = sorted((dob.month, dob.day))
    return dob.isoformat(), str(dob.year), f"{dob.year}-{low:02d}-{high:02d}"


def features(
    unique_id: Any,
    *,
    first_name: str | None,
    last_name: str | None,
    dob: date | None,
    sex: str | None = None,
    area: str | None = None,
    state_id: str | None = None,
) -> dict[str, Any]:
    first, last = plain(first_name), plain(last_name)
    iso, year, unordered = dob_keys(dob)
    first_phonetic, last_phonetic = phonetic(first), phonetic(last)
    either_order = sorted(code for code in (first_phonetic, last_phonetic) if code)
    return {
        "unique_id": unique_id,
        "first_name": first,
        "last_name": last,
        "first_related": related(first),
        "first_key": nickname_key(first),
        "first_phonetic": first_phonetic,
        "last_phonetic": last_phonetic,
        "names_phonetic": " ".join(either_order) or None,
        "dob": iso,
        "dob_year": year,
        "dob_unordered": unordered,
        "sex": sex if sex in ("female", "male") else None,
        "area": plain(area),
        "state_id": (re.sub(r"[^A-Z0-9]", "", state_id.upper()) or None) if state_id else None,
    }


# Every column's type, so an index or a batch whose values happen to be all missing still
# has the same shape.
_TYPES = {"unique_id": pa.int64(), "first_related": pa.list_(pa.string())}
SCHEMA = pa.schema([(name, _TYPES.get(name, pa.string())) for name in COLUMNS])


def as_table(rows: list[dict[str, Any]]) -> pa.Table:
    """Rows as the typed columns Splink registers."""
    columns: dict[str, pa.Array] = {
        column: pa.array([row[column] for row in rows], type=SCHEMA.field(column).type)
        for column in COLUMNS
        if column != "first_related"
    }
    # The related names are one list per distinct first name, taken for each row: building
    # a million small lists one by one costs more than everything else here.
    positions: dict[Any, int] = {}
    indices = [positions.setdefault(row["first_name"], len(positions)) for row in rows]
    distinct = pa.array([related(name) for name in positions], type=_TYPES["first_related"])
    columns["first_related"] = distinct.take(pa.array(indices, type=pa.int32()))
    return pa.table([columns[column] for column in COLUMNS], schema=SCHEMA)
