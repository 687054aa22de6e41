"""A de-identified snapshot of what the national view aggregates, written as parquet
files: no names, no record numbers; each person is a key made with a secret drawn for this
snapshot alone (so keys count people but link to nothing, not even the next snapshot), and
each event a date on its site's clock. Written to a new folder and moved into place whole,
so a reader never sees half a snapshot."""

import hashlib
import hmac
import secrets
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
from django.conf import settings
from django.utils import timezone

from goldenthread.casework.models import Contact, ContactMode, PlaceType
from goldenthread.legal.models import LegalMatter, MatterKind
from goldenthread.organizations.models import Site
from goldenthread.referrals.models import Referral

TABLES = ("sites", "contacts", "bookings", "referrals")
CHUNK = 50_000


def snapshot_dir() -> Path:
    return Path(settings.GT_SNAPSHOT_DIR)


def _local(at: datetime | None, site: Site) -> date | None:
    return timezone.localtime(at, site.zone).date() if at else None


def _chunks(rows: Iterable[tuple[object, ...]]) -> Iterator[list[tuple[object, ...]]]:
    chunk: list[tuple[object, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Writer:
    """Appends rows to DuckDB tables, then copies each to parquet."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db = duckdb.connect()
        self.db.execute("CREATE TABLE sites (site_id INTEGER, name VARCHAR)")
        self.db.execute(
            "CREATE TABLE contacts (site_id INTEGER, person_key VARCHAR, occurred_on DATE,"
            " substantive BOOLEAN, in_person BOOLEAN, in_field BOOLEAN)"
        )
        self.db.execute(
            "CREATE TABLE bookings (site_id INTEGER, person_key VARCHAR, booked_on DATE)"
        )
        self.db.execute(
            "CREATE TABLE referrals (site_id INTEGER, door VARCHAR, submitted_on DATE,"
            " enrolled_on DATE)"
        )

    def add(self, table: str, columns: list[str], rows: list[tuple[object, ...]]) -> None:
        frame = pd.DataFrame(rows, columns=columns)  # noqa: F841 - read by DuckDB by name
        self.db.execute(f"INSERT INTO {table} SELECT * FROM frame")  # noqa: S608 - our names

    def finish(self) -> None:
        for table in TABLES:
            target = self.folder / f"{table}.parquet"
            self.db.execute(f"COPY {table} TO '{target}' (FORMAT parquet)")
        self.db.close()


def snapshot_write(target: Path | None = None) -> Path:
    """Writes the snapshot to `target` (by default the configured folder), replacing the
    one there whole. Returns the folder."""
    target = target or snapshot_dir()
    target.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_bytes(32)

    def key(person_id: int) -> str:
        return hmac.new(secret, str(person_id).encode(), hashlib.sha256).hexdigest()[:20]

    building = Path(tempfile.mkdtemp(prefix=".snapshot-", dir=target.parent))
    writer = _Writer(building)
    for site in Site.objects.order_by("pk"):
        writer.add("sites", ["site_id", "name"], [(site.pk, site.name)])
        contacts = Contact.objects.filter(person__site=site, person__merged_into=None)
        for chunk in _chunks(
            (
                site.pk,
                key(person_id),
                _local(at, site),
                substantive,
                mode == ContactMode.IN_PERSON,
                place != PlaceType.OFFICE,
            )
            for person_id, at, substantive, mode, place in contacts.values_list(
                "person_id", "occurred_at", "substantive", "mode", "place"
            ).iterator(chunk_size=CHUNK)
        ):
            writer.add(
                "contacts",
                ["site_id", "person_key", "occurred_on", "substantive", "in_person", "in_field"],
                chunk,
            )
        bookings = LegalMatter.objects.filter(
            site=site, kind=MatterKind.BOOKING, booked_at__isnull=False, person__merged_into=None
        ).values_list("person_id", "booked_at")
        for chunk in _chunks((site.pk, key(p), _local(at, site)) for p, at in bookings.iterator()):
            writer.add("bookings", ["site_id", "person_key", "booked_on"], chunk)
        referrals = Referral.objects.filter(site=site, person__merged_into=None).values_list(
            "door", "submitted_at", "intake_completed_at"
        )
        for chunk in _chunks(
            (site.pk, door, _local(s, site), _local(e, site)) for door, s, e in referrals.iterator()
        ):
            writer.add("referrals", ["site_id", "door", "submitted_on", "enrolled_on"], chunk)
    writer.finish()
    previous = target.with_name(target.name + ".previous")
    if target.exists():
        target.rename(previous)
    building.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
    return target
