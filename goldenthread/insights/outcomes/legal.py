"""Arrests, bookings, charges and jail days in the 6, 12 and 24 months before and after
each participant's entry (UW recidivism and utilization evaluations, lead-domain.md 8.1 and
8.2), and what they cost at the site's unit costs. A matter is dated by its incident, as
the legal app reads "after enrollment": an old incident filed late is not a new offense."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from goldenthread.insights.models import EvaluationSettings
from goldenthread.insights.outcomes.entries import Entry
from goldenthread.insights.periods import add_months
from goldenthread.legal.models import ChargeLevel, LegalMatter, MatterKind
from goldenthread.organizations.models import Site

WINDOWS = (6, 12, 24)
ARREST_KINDS = frozenset({MatterKind.BOOKING, MatterKind.CITATION})


@dataclass(frozen=True)
class Matter:
    """One legal matter, reduced to what the evaluation counts."""

    on: date
    kind: str
    felonies: int
    misdemeanors: int
    custody: tuple[datetime, datetime] | None  # a booking: booked until released (or now)


@dataclass
class Tally:
    """What happened to a group of people within one window."""

    people_arrested: int = 0
    arrests: int = 0
    bookings: int = 0
    jail_days: float = 0.0
    felony_charges: int = 0
    misdemeanor_charges: int = 0
    felony_cases: int = 0
    misdemeanor_cases: int = 0

    def cost(self, units: EvaluationSettings) -> Decimal:
        """Legal-system cost at the site's unit costs; a case costs as its most serious
        charge."""
        return (
            self.bookings * units.cost_booking
            + Decimal(str(round(self.jail_days, 1))) * units.cost_jail_day
            + self.felony_cases * units.cost_felony_case
            + self.misdemeanor_cases * units.cost_misdemeanor_case
        )


@dataclass
class LegalWindow:
    months: int
    people: int = 0
    before: Tally = field(default_factory=Tally)
    after: Tally = field(default_factory=Tally)

    def per_person(self, figure: str, when: str) -> float | None:
        if not self.people:
            return None
        return float(getattr(getattr(self, when), figure)) / self.people


def matters_by_person(site: Site, people: Iterable[int]) -> dict[int, list[Matter]]:
    """Bookings, citations and cases (warrants are not conduct), with charge counts."""
    now = timezone.now()
    found: dict[int, list[Matter]] = defaultdict(list)
    rows = (
        LegalMatter.objects.filter(site=site, person_id__in=list(people))
        .exclude(kind=MatterKind.WARRANT)
        .annotate(
            felonies=Count("charges", filter=Q(charges__level=ChargeLevel.FELONY)),
            misdemeanors=Count("charges", filter=Q(charges__level=ChargeLevel.MISDEMEANOR)),
        )
        .values_list(
            "person_id",
            "kind",
            "incident_on",
            "filed_on",
            "booked_at",
            "released_at",
            "felonies",
            "misdemeanors",
        )
    )
    for person_id, kind, incident, filed, booked, released, felonies, misdemeanors in rows:
        booked_on = timezone.localtime(booked, site.zone).date() if booked else None
        on = incident or booked_on or filed
        if on is None:
            continue
        custody = (booked, released or now) if kind == MatterKind.BOOKING and booked else None
        found[person_id].append(Matter(on, kind, felonies, misdemeanors, custody))
    return found


def _tally(tally: Tally, matters: list[Matter], start: date, end: date, site: Site) -> int:
    """Add the matters dated in [start, end) to the tally; returns the person's arrests."""
    arrests = 0
    for matter in matters:
        if not start <= matter.on < end:
            continue
        if matter.kind in ARREST_KINDS:
            arrests += 1
        if matter.kind == MatterKind.BOOKING:
            tally.bookings += 1
        if matter.kind == MatterKind.CASE:
            tally.felony_charges += matter.felonies
            tally.misdemeanor_charges += matter.misdemeanors
            if matter.felonies:
                tally.felony_cases += 1
            elif matter.misdemeanors:
                tally.misdemeanor_cases += 1
        if matter.custody:
            tally.jail_days += _custody_days(matter.custody, start, end, site)
    tally.arrests += arrests
    tally.people_arrested += arrests > 0
    return arrests


def _custody_days(custody: tuple[datetime, datetime], start: date, end: date, site: Site) -> float:
    """Time in custody inside the window, in days (a booking that began before the window is
    counted from its start)."""
    low = max(custody[0], datetime.combine(start, time.min, site.zone))
    high = min(custody[1], datetime.combine(end, time.min, site.zone))
    return max(high - low, timedelta(0)) / timedelta(days=1)


def legal_windows(
    site: Site, people: list[Entry], matters: dict[int, list[Matter]]
) -> list[LegalWindow]:
    """Each window over the participants followed long enough to have it after entry."""
    today = site.today()
    windows = []
    for months in WINDOWS:
        window = LegalWindow(months)
        for entry in people:
            until = add_months(entry.entered_on, months)
            if until > today:
                continue
            window.people += 1
            own = matters.get(entry.person_id, [])
            _tally(
                window.before, own, add_months(entry.entered_on, -months), entry.entered_on, site
            )
            _tally(window.after, own, entry.entered_on, until, site)
        windows.append(window)
    return windows


def arrests_between(matters: list[Matter], start: date, end: date) -> int:
    return sum(1 for m in matters if m.kind in ARREST_KINDS and start <= m.on < end)


def bookings_between(matters: list[Matter], start: date, end: date) -> int:
    return sum(1 for m in matters if m.kind == MatterKind.BOOKING and start <= m.on < end)
