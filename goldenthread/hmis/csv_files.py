"""Writing the files as HUD's sample export does: header unquoted, strings in double
quotes, numbers and dates bare, nothing at all for a null; dates yyyy-mm-dd and times
yyyy-mm-dd hh:mm:ss on the site's clock; UTF-8, lines ended CRLF (RFC 4180)."""

import io
import zipfile
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from goldenthread.hmis.spec import FILES
from goldenthread.text import spreadsheet_safe

# A row: its values by column name.
Row = Mapping[str, object]


def cell(value: object, zone: ZoneInfo) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        raise TypeError("HMIS has no booleans: write 0 or 1")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    # A line break inside a value would split the record for many readers; a name typed
    # as a formula must not run when someone opens the file in a spreadsheet.
    text = spreadsheet_safe(" ".join(str(value).split()))
    return '"' + text.replace('"', '""') + '"'


def file_text(name: str, rows: Iterable[Row], zone: ZoneInfo) -> str:
    """The file's text: its header, then each row's values in the header's order (a
    column a row leaves out is null)."""
    columns = FILES[name]
    known = frozenset(columns)
    lines = [",".join(columns)]
    for row in rows:
        if not row.keys() <= known:
            raise ValueError(f"{name}.csv has no column {sorted(row.keys() - known)}")
        lines.append(",".join(cell(row.get(column), zone) for column in columns))
    return "\r\n".join(lines) + "\r\n"


def write_directory(files: dict[str, str], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        path = directory / f"{name}.csv"
        path.write_bytes(text.encode())
        written.append(path)
    return written


def zip_bytes(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(f"{name}.csv", text.encode())
    return buffer.getvalue()
