"""Text from outside, made safe to store, search and log.

Control characters (NUL, CR/LF, ESC and the rest of Unicode category Cc) have no place in
names, search terms or audit details: PostgreSQL refuses NUL outright, and CR/LF or ANSI
escapes in a log line let input forge entries. Format characters (Cf) are kept because
scripts and emoji need some of them.
"""

import re
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pydantic import AfterValidator, Field

# Unicode category Cc is exactly these 65 code points (C0, DEL and C1), a set Unicode keeps
# stable; shell/tests/test_text.py checks it against unicodedata. A regular expression is
# several times faster than asking unicodedata about every character.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
CONTROL_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def printable(value: str, limit: int | None = None, *, keep_newlines: bool = False) -> str:
    """`value` without control characters, cut to `limit` characters. Notes may keep their
    line breaks (as \n)."""
    if keep_newlines:
        cleaned = CONTROL_BUT_NEWLINE.sub("", value.replace("\r\n", "\n"))
    else:
        cleaned = CONTROL.sub("", value)
    return cleaned[:limit] if limit is not None else cleaned


# The largest key a database column holds (PostgreSQL's bigint, SQLite's integer).
LARGEST_KEY = 2**63 - 1


def whole_number(value: str, limit: int = LARGEST_KEY) -> int | None:
    """`value` as a whole number from 0 to `limit`, or None. str.isdigit alone is not
    enough: it accepts "²" and other digits int() refuses, and a number past what a
    column holds fails in the database rather than here."""
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(limit)):
        return None
    number = int(value)
    return number if number <= limit else None


def printable_json(value: Any) -> Any:
    """The same for every string inside a JSON-like value (audit details)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(str(k)): printable_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [printable_json(v) for v in value]
    return value


def _refuse_control_characters(value: str) -> str:
    if printable(value) != value:
        raise ValueError("must not contain control characters")
    return value


# For API input schemas: text a person typed, refused (422) if it carries control characters.
# The API's document says so too, as a pattern, so clients and Schemathesis know.
PlainText = Annotated[
    str,
    AfterValidator(_refuse_control_characters),
    Field(json_schema_extra={"pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"}),
]


def control_characters_refused() -> ValidationError:
    return ValidationError(
        _("Remove line breaks and other control characters."), code="control_characters"
    )


def validate_printable(value: str) -> None:
    """Model-field validator: names and other short text carry no control characters."""
    if printable(value) != value:
        raise control_characters_refused()


# A cell beginning with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def spreadsheet_safe(value: Any) -> Any:
    """A value for a CSV cell someone will open in a spreadsheet: text that would run as a
    formula gets a leading apostrophe (shown as text, never executed). A plain number such
    as -3 is left as it is: a spreadsheet reads it as the number it is."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value
