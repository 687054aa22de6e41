"""Writing one batch of read feed rows: skip rows already taken, find or create each
matter, match the people of new matters in one call, and raise the alerts the batch
carries. Runs inside the batch's transaction (importer._import_batch)."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.bulk import bulk_insert
from goldenthread.identity.linkage.features import plain
from goldenthread.identity.models import Source
from goldenthread.identity.services import Snapshot, identity_records_resolve
from goldenthread.legal.alerts import HEARING_SOON, LegalEvent, alerts_raise
from goldenthread.legal.feeds.contract import FeedRow
from goldenthread.legal.models import (
    Charge,
    CourtDate,
    FeedImport,
    FeedKind,
    LegalMatter,
    MatterKind,
    MatterStatus,
    SeenRow,
)
from goldenthread.notifications.models import NotificationKind
from goldenthread.people.models import Person

# What each feed's rows are, as identity resolution keeps them.
IDENTITY_SOURCE: dict[str, str] = {
    FeedKind.BOOKINGS: Source.BOOKING,
    FeedKind.COURTS: Source.COURT,
    FeedKind.WARRANTS: Source.WARRANT,
}

# What a new matter of each kind alerts, while it is open.
FIRST_ALERT: dict[str, str] = {
    MatterKind.BOOKING: NotificationKind.BOOKED,
    MatterKind.CASE: NotificationKind.NEW_CASE,
    MatterKind.WARRANT: NotificationKind.NEW_WARRANT,
}


@dataclass
class BatchOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    sent_to_review: int = 0
    rejected: list[tuple[int, dict[str, Any], str]] = field(default_factory=list)


def _key(row: FeedRow) -> tuple[str, str, str]:
    return (row.kind, row.jurisdiction, row.number)


def _someone_else(row: FeedRow, person: Person) -> bool:
    """The row's person differs from the matter's on both surname and birth date: one
    number cannot belong to two people."""
    surnames = plain(row.last_name), plain(person.legal_last_name)
    births = row.date_of_birth, person.date_of_birth
    return all(surnames) and surnames[0] != surnames[1] and all(births) and births[0] != births[1]


def _snapshot(row: FeedRow, source: str) -> Snapshot:
    return Snapshot(
        source=source,
        source_ref=f"{row.jurisdiction}:{row.number}"[:80],
        first_name=row.first_name,
        last_name=row.last_name,
        date_of_birth=row.date_of_birth,
        sex=row.sex,
        area=str(row.values.get("area") or ""),
        state_id=row.state_id,
    )


def _new_matters(
    feed_import: FeedImport,
    rows: Iterable[FeedRow],
    actor: User | None,
    outcome: BatchOutcome,
    events: list[LegalEvent],
) -> dict[tuple[str, str, str], LegalMatter]:
    """The matters this batch brings for the first time, each from its first row: their
    people matched in one call, the matters and their charges written in bulk."""
    firsts: dict[tuple[str, str, str], FeedRow] = {}
    for row in rows:
        firsts.setdefault(_key(row), row)
    if not firsts:
        return {}
    resolutions = identity_records_resolve(
        actor=actor,
        site=feed_import.site,
        snapshots=[_snapshot(row, IDENTITY_SOURCE[feed_import.kind]) for row in firsts.values()],
    )
    outcome.sent_to_review += sum(r.outcome == "review" for r in resolutions)
    now = timezone.now()
    matters = {
        key: LegalMatter(
            site_id=feed_import.site_id,
            person_id=resolution.record.person_id,
            kind=row.kind,
            jurisdiction=row.jurisdiction,
            number=row.number,
            noted_at=row.values.get("booked_at") or now,
            source=feed_import.kind,
            **{k: v for k, v in row.values.items() if v is not None},
        )
        for (key, row), resolution in zip(firsts.items(), resolutions, strict=True)
    }
    bulk_insert(LegalMatter, list(matters.values()))
    bulk_insert(
        Charge,
        [
            Charge(matter=matters[key], offense_code=c.offense_code, level=c.level)
            for key, row in firsts.items()
            for c in row.charges
        ],
    )
    for matter in matters.values():
        first_alert = FIRST_ALERT.get(matter.kind)
        if first_alert and matter.status == MatterStatus.OPEN:
            events.append(LegalEvent(matter, first_alert, f"matter:{matter.pk}"))
        if matter.kind == MatterKind.BOOKING and matter.released_at:
            events.append(LegalEvent(matter, NotificationKind.RELEASED, f"release:{matter.pk}"))
    return matters


def _changed(matter: LegalMatter, values: dict[str, Any]) -> list[str]:
    changed = []
    for name, value in values.items():
        if value in (None, "") and name != "status":
            continue  # a feed that leaves a value out does not erase what is known
        if getattr(matter, name) != value:
            setattr(matter, name, value)
            changed.append(name)
    return changed


def _new_charges(
    matter: LegalMatter, row: FeedRow, known: dict[int, set[tuple[str, str]]]
) -> list[Charge]:
    have = known.setdefault(matter.pk, set())
    new = []
    for charge in row.charges:
        if (charge.offense_code, charge.level) not in have:
            have.add((charge.offense_code, charge.level))
            new.append(Charge(matter=matter, offense_code=charge.offense_code, level=charge.level))
    return new


def _add_hearing(matter: LegalMatter, row: FeedRow, events: list[LegalEvent]) -> bool:
    if row.hearing is None:
        return False
    court_date, created = CourtDate.objects.get_or_create(
        matter=matter,
        at=row.hearing.at,
        hearing=row.hearing.hearing,
        defaults={"location": row.hearing.location},
    )
    now = timezone.now()
    if created and now <= court_date.at <= now + HEARING_SOON:
        events.append(LegalEvent(matter, NotificationKind.HEARING_SOON, f"court:{court_date.pk}"))
    return created


def write_batch(
    feed_import: FeedImport, parsed: list[tuple[int, FeedRow]], actor: User | None
) -> BatchOutcome:
    outcome = BatchOutcome()
    site = feed_import.site
    fingerprints = {number: row.fingerprint() for number, row in parsed}
    seen = set(
        SeenRow.objects.filter(site=site, fingerprint__in=fingerprints.values()).values_list(
            "fingerprint", flat=True
        )
    )
    fresh: list[tuple[int, FeedRow]] = []
    for number, row in parsed:
        if fingerprints[number] in seen:
            outcome.unchanged += 1
        else:
            seen.add(fingerprints[number])
            fresh.append((number, row))
    keys = {_key(row) for _n, row in fresh}
    matters = {
        (m.kind, m.jurisdiction, m.number): m
        for m in LegalMatter.objects.filter(
            site=site,
            # All three, so the lookup walks the unique index rather than every matter.
            kind__in={k[0] for k in keys},
            jurisdiction__in={k[1] for k in keys},
            number__in={k[2] for k in keys},
        ).select_related("person")
        if (m.kind, m.jurisdiction, m.number) in keys
    }
    known: dict[int, set[tuple[str, str]]] = {}
    for code in Charge.objects.filter(matter__in=matters.values()).values_list(
        "matter_id", "offense_code", "level"
    ):
        known.setdefault(code[0], set()).add((code[1], code[2]))
    events: list[LegalEvent] = []
    created = _new_matters(
        feed_import, (row for _n, row in fresh if _key(row) not in matters), actor, outcome, events
    )
    taken: list[SeenRow] = []
    charges: list[Charge] = []
    for number, row in fresh:
        key = _key(row)
        if key in created and key not in matters:
            # The row that created the matter (its charges are written with it).
            matters[key] = created[key]
            known[created[key].pk] = {(c.offense_code, c.level) for c in row.charges}
            _add_hearing(matters[key], row, events)
            outcome.created += 1
            taken.append(SeenRow(site=site, fingerprint=fingerprints[number]))
            continue
        matter = matters[key]
        if _someone_else(row, matter.person):
            outcome.rejected.append(
                (
                    number,
                    {"number": row.number, "last_name": row.last_name},
                    _(
                        "%(number)s already belongs to another person (a different surname and date of birth)."
                    )
                    % {"number": row.number},
                )
            )
            continue
        was_released = matter.released_at
        changed = _changed(matter, row.values)
        if changed:
            matter.save(update_fields=[*changed, "updated_at"])
        grew = _new_charges(matter, row, known)
        charges += grew
        heard = _add_hearing(matter, row, events)
        if matter.kind == MatterKind.BOOKING and matter.released_at and not was_released:
            events.append(LegalEvent(matter, NotificationKind.RELEASED, f"release:{matter.pk}"))
        if changed or grew or heard:
            outcome.updated += 1
        else:
            outcome.unchanged += 1
        taken.append(SeenRow(site=site, fingerprint=fingerprints[number]))
    bulk_insert(Charge, charges)
    bulk_insert(SeenRow, taken, ignore_conflicts=True)
    alerts_raise(events)
    return outcome
