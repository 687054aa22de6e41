"""The evaluation extract's rows, before k-anonymity: one per person enrolled at the site,
with no name, record number or exact date (docs/evaluation.md).

Each person's key and date shift come from a secret drawn for one extract, so two
extracts cannot be joined on them and a shifted date cannot be matched to a record."""

import hashlib
import hmac
from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from goldenthread.casework.models import Contact, EngagementChange, StatusKind
from goldenthread.casework.selectors import StatusHistory
from goldenthread.evaluation.dictionary import AGE_BANDS
from goldenthread.legal.models import LegalMatter, MatterKind
from goldenthread.organizations.models import Site
from goldenthread.people.models import RACE_NO_ANSWER, EngagementStatus, Person
from goldenthread.referrals.models import Referral, ReferralStatus

Row = dict[str, Any]
LONGEST_SHIFT_DAYS = 30
_HOUSING_GROUPS = {"1": "homeless", "2": "institutional", "3": "temporary", "4": "permanent"}


class Keys:
    """A person's key and date shift under one extract's secret."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _digest(self, person_id: int) -> bytes:
        return hmac.new(self._secret, f"person:{person_id}".encode(), hashlib.sha256).digest()

    def participant(self, person_id: int) -> str:
        return self._digest(person_id).hex()[:12]

    def shift(self, person_id: int) -> timedelta:
        """1 to 30 days, earlier or later: the same for all of one person's dates."""
        digest = self._digest(person_id)
        days = 1 + digest[-1] % LONGEST_SHIFT_DAYS
        return timedelta(days=days if digest[-2] % 2 else -days)


def age_band(born: date | None, on: date) -> str:
    if born is None:
        return "unknown"
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    if age < 18:
        return "under 18"
    for band in AGE_BANDS[:-1]:
        low, high = (int(part) for part in band.split("-"))
        if low <= age <= high:
            return band
    return AGE_BANDS[-1]


def race_ethnicity(answers: list[str]) -> str:
    chosen = [a for a in answers if a not in RACE_NO_ANSWER]
    if not chosen:
        return "unknown"
    return chosen[0] if len(chosen) == 1 else "multiple"


def housing_group(code: str | None) -> str:
    return (
        _HOUSING_GROUPS.get((code or "")[:1], "unknown") if code and len(code) == 3 else "unknown"
    )


def participant_rows(site: Site, keys: Keys, now: datetime) -> list[Row]:
    today = now.astimezone(site.zone).date()
    people = Person.objects.filter(site=site, merged_into=None)
    first_enrollment: dict[int, tuple[Any, ...]] = {}
    for row in (
        Referral.objects.filter(
            person__in=people, status=ReferralStatus.ENROLLED, intake_completed_at__isnull=False
        )
        .order_by("intake_completed_at", "pk")
        .values_list(
            "person_id",
            "intake_completed_at",
            "area",
            "door",
            "conduct",
            "person__date_of_birth",
            "person__sex",
            "person__race_ethnicity_self",
        )
    ):
        first_enrollment.setdefault(row[0], row)
    closed: dict[int, list[datetime]] = defaultdict(list)
    for person_id, at in (
        EngagementChange.objects.filter(person__in=people, to_status=EngagementStatus.CLOSED)
        .order_by("at", "pk")
        .values_list("person_id", "at")
    ):
        closed[person_id].append(at)
    contacts: dict[int, list[tuple[datetime, bool]]] = defaultdict(list)
    for person_id, occurred_at, substantive in Contact.objects.filter(
        person__in=people
    ).values_list("person_id", "occurred_at", "substantive"):
        contacts[person_id].append((occurred_at, substantive))
    bookings: dict[int, list[date]] = defaultdict(list)
    for person_id, booked_at in LegalMatter.objects.filter(
        person__in=people, kind=MatterKind.BOOKING, booked_at__isnull=False
    ).values_list("person_id", "booked_at"):
        if booked_at is not None:
            bookings[person_id].append(booked_at.astimezone(site.zone).date())
    history = StatusHistory(people, (StatusKind.HOUSING,))
    rows = []
    for person_id, (_, intake_at, area, door, conduct, born, sex, races) in sorted(
        first_enrollment.items()
    ):
        entry = intake_at.astimezone(site.zone).date()
        closing = next((at for at in closed[person_id] if at > intake_at), None)
        exit_day = closing.astimezone(site.zone).date() if closing else None
        until = closing or now
        during = [(at, sub) for at, sub in contacts[person_id] if intake_at <= at <= until]
        shift = keys.shift(person_id)
        rows.append(
            {
                "participant": keys.participant(person_id),
                "entry_date": entry + shift,
                "exit_date": exit_day + shift if exit_day else None,
                "days_enrolled": ((exit_day or today) - entry).days,
                "age_band": age_band(born, entry),
                "sex": sex or "unknown",
                "race_ethnicity": race_ethnicity(races or []),
                "area": area or "unknown",
                "door": door,
                "conduct": conduct,
                "contacts": len(during),
                "substantive_contacts": sum(1 for _at, sub in during if sub),
                "housing_at_entry": housing_group(
                    history.value(person_id, StatusKind.HOUSING, entry)
                ),
                "housing_at_exit": housing_group(
                    history.value(person_id, StatusKind.HOUSING, exit_day or today)
                ),
                "bookings_year_before": sum(
                    1 for d in bookings[person_id] if entry - timedelta(days=365) <= d < entry
                ),
                "bookings_year_after": sum(
                    1 for d in bookings[person_id] if entry <= d < entry + timedelta(days=365)
                ),
            }
        )
    return rows
