"""Importing a feed: a CSV file (`manage.py import_feed`) or rows pushed to the API.

Guarantees, each kept by one mechanism:
- nothing half-imported: rows go in batches, each one transaction that writes the matters,
  the report's counts and how far the import got, or nothing;
- resumable: a rerun of the same file finds its unfinished import and carries on after the
  last committed batch;
- idempotent: every row taken is remembered by the hash of its content (SeenRow), so the
  same file twice, a replay or a rerun creates nothing new;
- nothing lost: a row that cannot be taken is kept whole with its reason (RejectedRow);
- a file that breaks the contract (encoding, CSV, columns, a line without end) is refused
  whole, found by reading it once before any row is imported.
Each batch's new people are matched in one call to identity resolution; uncertain ones wait
in its review queue."""

import csv
import gc
import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.bulk import bulk_insert
from goldenthread.legal.feeds.contract import CONTRACTS, FeedRow, Reading, RowError, header_problem
from goldenthread.legal.feeds.writing import BatchOutcome, write_batch
from goldenthread.legal.models import FeedImport, ImportStatus, RejectedRow
from goldenthread.organizations.models import Site
from goldenthread.text import printable_json

# Large enough that scoring a batch costs little more than its rows.
BATCH = 5000
# Rows per push: 2,000 bookings fit the API's limit on a request body (1 MB).
MAX_ROWS_PUSHED = 2000
# The csv module's own limit on one field; a longer one is a broken file, not a name.
FIELD_LIMIT = 10_000
# Bytes in one line of a file: a booking takes a few hundred.
MAX_LINE = 100_000


# (row number, {column: value} or why the line is no row, the raw cells)
NumberedRow = tuple[int, dict[str, str] | RowError, list[str]]


class FeedRefused(ValueError):
    """The whole delivery is refused (encoding, CSV, columns, size): nothing of it was
    imported."""


def _lines(path: Path) -> Iterator[str]:
    """The file's lines as text, each read with a bound: a file that is one endless line
    (a dump, a binary, 2 GB without a line break) is refused at its first line instead of
    being loaded whole. Each line is decoded on its own, so a bad byte is named by line."""
    with path.open("rb") as stream:
        for number, raw in enumerate(iter(lambda: stream.readline(MAX_LINE + 1), b""), start=1):
            if len(raw) > MAX_LINE:
                raise FeedRefused(
                    _(
                        "Line %(line)d is longer than %(limit)d bytes: this is not a feed's CSV file."
                    )
                    % {"line": number, "limit": MAX_LINE}
                )
            try:
                yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                raise FeedRefused(
                    _(
                        "Line %(line)d is not UTF-8 text (byte %(at)d of the line). Save the file as UTF-8 and send it again."
                    )
                    % {"line": number, "at": error.start + 1}
                ) from None


def _checked(path: Path, kind: str) -> str:
    """Reads the whole file once before any row is imported: every line within bounds and
    UTF-8, every record CSV, the header the contract's. Returns the content's SHA-256."""
    contract = CONTRACTS[kind]
    digest = hashlib.sha256()

    def hashed(lines: Iterator[str]) -> Iterator[str]:
        for line in lines:
            digest.update(line.encode())
            yield line

    reader = csv.reader(hashed(_lines(path)))
    try:
        problem = header_problem(contract, next(reader, []))
        if problem:
            raise FeedRefused(
                _("The file does not meet the %(feed)s contract: %(problem)s.")
                % {"feed": kind, "problem": problem}
            )
        for _cells in reader:
            pass
    except csv.Error as error:
        raise FeedRefused(
            _("Line %(line)d cannot be read as CSV: %(error)s.")
            % {"line": reader.line_num, "error": error}
        ) from None
    return digest.hexdigest()


def _rows(stream: Iterable[str], columns: tuple[str, ...]) -> Iterator[NumberedRow]:
    """(row number, {column: value} or the reason the line is not a row); row 1 is the
    first after the header."""
    reader = csv.reader(stream)
    header = [name.strip().lower() for name in next(reader, [])]
    for number, cells in enumerate(reader, start=1):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            yield (
                number,
                RowError(
                    _("%(found)d values where the header has %(expected)d columns.")
                    % {"found": len(cells), "expected": len(header)}
                ),
                cells,
            )
            continue
        yield number, dict(zip(header, cells, strict=True)), cells


def _reading(site: Site) -> Reading:
    return Reading(zone=site.zone, now=timezone.now(), default_jurisdiction=site.name)


def feed_import_file(*, actor: User | None, site: Site, kind: str, path: Path) -> FeedImport:
    """Imports a CSV file of one feed; see the module's guarantees."""
    csv.field_size_limit(FIELD_LIMIT)
    content_hash = _checked(path, kind)
    feed_import = FeedImport.objects.filter(
        site=site, kind=kind, content_hash=content_hash, status=ImportStatus.RUNNING
    ).first() or FeedImport.objects.create(
        site=site, kind=kind, name=path.name[:200], content_hash=content_hash, started_by=actor
    )
    _run(feed_import, _rows(_lines(path), CONTRACTS[kind].columns), actor)
    return feed_import


def feed_import_rows(
    *, actor: User | None, site: Site, kind: str, rows: list[dict[str, str]], sender: str
) -> FeedImport:
    """Rows pushed by a system (the API): the same contract and guarantees as a file."""
    contract = CONTRACTS[kind]
    if len(rows) > MAX_ROWS_PUSHED:
        raise FeedRefused(_("At most %(limit)d rows per request.") % {"limit": MAX_ROWS_PUSHED})
    for row in rows[:1]:
        problem = header_problem(contract, list(row))
        if problem:
            raise FeedRefused(
                _("The rows do not meet the %(feed)s contract: %(problem)s.")
                % {"feed": kind, "problem": problem}
            )
    numbered: list[NumberedRow] = []
    for number, row in enumerate(rows, start=1):
        if set(row) != set(contract.columns):
            numbered.append(
                (
                    number,
                    RowError(_("The row's fields differ from the contract's columns.")),
                    list(row.values()),
                )
            )
        else:
            numbered.append(
                (
                    number,
                    {k: "" if v is None else str(v) for k, v in row.items()},
                    list(row.values()),
                )
            )
    content_hash = hashlib.sha256(
        repr(sorted(map(sorted, (r.items() for r in rows)))).encode()
    ).hexdigest()
    feed_import = FeedImport.objects.create(
        site=site, kind=kind, name=sender[:200], content_hash=content_hash, started_by=actor
    )
    _run(feed_import, iter(numbered), actor)
    return feed_import


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A batch makes hundreds of thousands of objects that live until it ends, and each
    of them would trigger and then be walked by Python's cyclic garbage collector many
    times over (a quarter of an import's time, measured). Reference counting frees them
    all the same; the collector catches up once the batch is done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run(feed_import: FeedImport, rows: Iterator[NumberedRow], actor: User | None) -> None:
    """Imports every row after those already done, a batch at a time."""
    contract = CONTRACTS[feed_import.kind]
    reading = _reading(feed_import.site)
    batch: list[NumberedRow] = []
    for item in rows:
        if item[0] <= feed_import.rows_done:
            continue
        batch.append(item)
        if len(batch) == BATCH:
            with _collector_paused():
                _import_batch(feed_import, contract, reading, batch, actor)
            batch = []
    if batch:
        with _collector_paused():
            _import_batch(feed_import, contract, reading, batch, actor)
    feed_import.status = ImportStatus.DONE
    feed_import.finished_at = timezone.now()
    feed_import.save(update_fields=["status", "finished_at"])


@transaction.atomic
def _import_batch(
    feed_import: FeedImport,
    contract: Any,
    reading: Reading,
    batch: list[NumberedRow],
    actor: User | None,
) -> None:
    parsed: list[tuple[int, FeedRow]] = []
    rejected: list[RejectedRow] = []
    for number, row, cells in batch:
        try:
            if isinstance(row, RowError):
                raise row
            parsed.append((number, contract.read(row, reading)))
        except RowError as error:
            kept: dict[str, Any] = dict(row) if isinstance(row, dict) else {"cells": list(cells)}
            # Kept as sent, less what PostgreSQL cannot hold in JSON (NUL) and logs must not.
            kept = printable_json(kept)
            rejected.append(
                RejectedRow(
                    feed_import=feed_import, row_number=number, reason=str(error)[:400], values=kept
                )
            )
    outcome: BatchOutcome = write_batch(feed_import, parsed, actor)
    for number, row_values, reason in outcome.rejected:
        rejected.append(
            RejectedRow(
                feed_import=feed_import,
                row_number=number,
                reason=reason[:400],
                values=printable_json(row_values),
            )
        )
    bulk_insert(RejectedRow, rejected, ignore_conflicts=True)
    feed_import.rows_done = batch[-1][0]
    feed_import.rows_read += len(batch)
    feed_import.created += outcome.created
    feed_import.updated += outcome.updated
    feed_import.unchanged += outcome.unchanged
    feed_import.sent_to_review += outcome.sent_to_review
    feed_import.rejected += len(rejected)
    feed_import.save()
