"""Equity at every decision point (lead-domain.md 7 and 11.7; standards.md 5.4 and 5.5): a
funnel from eligible police encounters to engagement at 90 days, broken down by race and
ethnicity, gender, age band, area, door and referrer, with a Relative Rate Index at each
stage against the stage that feeds it, and the missed-diversion rate by group.

Race and ethnicity come from the officer's record when there is one (the referral's
observed answers, as the police records export holds them, so numerator and baseline share
a source) and from the person's own answers otherwise."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from goldenthread.casework.models import Contact
from goldenthread.insights import groups
from goldenthread.insights.models import Encounter, EvaluationSettings
from goldenthread.insights.scope import Scope
from goldenthread.insights.stats import RateRatio, relative_rate, reliable
from goldenthread.legal.selectors import missed_opportunities, unreferred_bookings
from goldenthread.people.models import Gender
from goldenthread.referrals.models import Door, ReferralStatus, ReferralTransition

POLICE_DOORS = frozenset({Door.ARREST_DIVERSION, Door.SOCIAL_CONTACT})
# Each shown stage and the stage that feeds it (None: the first of its line).
STAGES: tuple[tuple[str, str | None], ...] = (
    ("eligible_encounters", None),
    ("police_referred", "eligible_encounters"),
    ("referred", None),
    ("approved", "referred"),
    ("enrolled", "approved"),
    ("engaged_90", "enrolled_90"),
)
DIMENSIONS = {
    "race": _("Race and ethnicity"),
    "gender": _("Gender"),
    "age": _("Age"),
    "area": _("Area"),
    "door": _("Door"),
    "organization": _("Referring organization"),
    "officer": _("Referring officer"),
}
# Breakdowns a police records export also carries, so the first index can be computed.
ENCOUNTER_DIMENSIONS = ("race", "gender", "age", "area")
ENGAGED_FROM_DAY, ENGAGED_TO_DAY = 60, 90


@dataclass(frozen=True)
class Band:
    low: float
    high: float

    @classmethod
    def of(cls, settings: EvaluationSettings | None) -> "Band":
        settings = settings or EvaluationSettings()
        return cls(float(settings.band_low), float(settings.band_high))


@dataclass
class Cell:
    count: int
    base: int | None = None
    index: RateRatio | None = None
    # Set when the index is reliable, outside the band and its interval excludes 1.
    outside_band: bool = False


@dataclass
class Row:
    key: str
    label: str
    cells: dict[str, Cell]
    missed: int = 0
    diverted: int = 0

    @property
    def missed_rate(self) -> float | None:
        total = self.missed + self.diverted
        return self.missed / total if total else None


@dataclass
class Breakdown:
    dimension: str
    label: str
    reference: str
    rows: list[Row]


@dataclass
class Equity:
    scope: Scope
    band: Band
    totals: dict[str, int] = field(default_factory=dict)
    breakdowns: list[Breakdown] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(self.totals.values())

    def alerts(self) -> list[tuple[Breakdown, Row, str, Cell]]:
        return [
            (breakdown, row, stage, cell)
            for breakdown in self.breakdowns
            for row in breakdown.rows
            for stage, cell in row.cells.items()
            if cell.outside_band
        ]


def equity(scope: Scope, band: Band) -> Equity:
    subjects = [*_encounters(scope), *_referrals(scope)]
    missed = list(_missed(scope))
    result = Equity(scope=scope, band=band)
    result.totals = Counter(stage for subject in subjects for stage in subject["stages"])
    for dimension, label in DIMENSIONS.items():
        result.breakdowns.append(_breakdown(dimension, str(label), subjects, missed, band))
    return result


def _breakdown(
    dimension: str,
    label: str,
    subjects: list[dict[str, Any]],
    missed: list[dict[str, Any]],
    band: Band,
) -> Breakdown:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for subject in subjects:
        for group in subject["groups"].get(dimension, ()):
            counts[group].update(subject["stages"])
    missed_counts = Counter(g for booking in missed for g in booking["groups"].get(dimension, ()))
    reference = _reference(dimension, counts)
    rows = []
    for group in _ordered(dimension, counts):
        cells = {}
        for stage, feeder in STAGES:
            cell = Cell(counts[group][stage])
            if feeder is not None:
                cell.base = counts[group][feeder]
                cell.index = _index(counts, group, reference, stage, feeder)
                cell.outside_band = bool(
                    cell.index
                    and group != reference
                    and not band.low <= cell.index.value <= band.high
                    and cell.index.excludes_one()
                )
            cells[stage] = cell
        rows.append(
            Row(
                group,
                _label(dimension, group),
                cells,
                missed=missed_counts[group],
                diverted=counts[group]["police_referred"],
            )
        )
    return Breakdown(dimension, label, reference, rows)


def _index(
    counts: dict[str, Counter[str]], group: str, reference: str, stage: str, feeder: str
) -> RateRatio | None:
    mine, theirs = counts[group], counts.get(reference)
    if theirs is None or not reliable(mine[stage], mine[feeder]):
        return None
    if not reliable(theirs[stage], theirs[feeder]):
        return None
    return relative_rate(mine[stage], mine[feeder], theirs[stage], theirs[feeder])


def _reference(dimension: str, counts: dict[str, Counter[str]]) -> str:
    """White alone for race and ethnicity; the largest group at referral otherwise."""
    if dimension == "race":
        return groups.REFERENCE_RACE
    known = {g: c["referred"] + c["eligible_encounters"] for g, c in counts.items()}
    known.pop(groups.NOT_REPORTED, None)
    return max(sorted(known), key=lambda g: known[g]) if known else ""


def _ordered(dimension: str, counts: dict[str, Counter[str]]) -> list[str]:
    present = set(counts)
    order = {"race": groups.race_order(), "age": groups.age_order()}.get(dimension)
    if order is None:
        return sorted(present, key=lambda g: (g == groups.NOT_REPORTED, g))
    return [g for g in order if g in present]


def _label(dimension: str, group: str) -> str:
    if group == groups.NOT_REPORTED:
        return str(_("Not reported"))
    if dimension == "race":
        return groups.race_label(group)
    if dimension == "gender" and group in Gender.values:
        return str(Gender(group).label)
    if dimension == "door" and group in Door.values:
        return str(Door(group).label)
    return group


def _common_groups(
    race: Iterable[str], genders: Iterable[str], sex: str, age: int | None, area: str
) -> dict[str, list[str]]:
    return {
        "race": groups.race_groups(race),
        "gender": [groups.gender_group(genders, sex)],
        "age": [groups.age_band(age)],
        "area": [area or groups.NOT_REPORTED],
    }


def _encounters(scope: Scope) -> Iterable[dict[str, Any]]:
    found = Encounter.objects.filter(
        site=scope.site,
        eligible=True,
        occurred_on__gte=scope.quarter.first_day,
        occurred_on__lte=scope.quarter.last_day,
    )
    if scope.area:
        found = found.filter(area=scope.area)
    for race, sex, age, area in found.values_list(
        "race_ethnicity", "sex", "age", "area"
    ).iterator():
        yield {
            "groups": _common_groups(race, (), sex, age, area),
            "stages": ("eligible_encounters",),
        }


def _referrals(scope: Scope) -> Iterable[dict[str, Any]]:
    today = scope.site.today()
    ninety_days_ago = scope.day_end(today - timedelta(days=ENGAGED_TO_DAY))
    window = Contact.objects.filter(
        person=OuterRef("person_id"),
        substantive=True,
        occurred_at__gte=OuterRef("intake_completed_at") + timedelta(days=ENGAGED_FROM_DAY),
        occurred_at__lt=OuterRef("intake_completed_at") + timedelta(days=ENGAGED_TO_DAY),
    )
    approved = ReferralTransition.objects.filter(
        referral=OuterRef("pk"), to_status=ReferralStatus.APPROVED
    )
    rows = (
        scope.received()
        .annotate(was_approved=Exists(approved), engaged=Exists(window))
        .values_list(
            "door",
            "status",
            "occurred_at",
            "intake_completed_at",
            "area",
            "observed_race_ethnicity",
            "observed_sex",
            "person__race_ethnicity_self",
            "person__sex",
            "person__genders",
            "person__date_of_birth",
            "person__approximate_age",
            "referrer_organization__name",
            "referrer__display_name",
            "referrer__username",
            "was_approved",
            "engaged",
        )
    )
    zone = scope.site.zone
    for (
        door, status, occurred, completed, area, observed_race, observed_sex, own_race,
        sex, genders, born, approximate, organization, referrer_name, referrer_username,
        was_approved, engaged,
    ) in rows.iterator():  # fmt: skip
        stages = ["referred"]
        if door in POLICE_DOORS:
            stages.append("police_referred")
        enrolled = status == ReferralStatus.ENROLLED and completed is not None
        if was_approved or enrolled:
            stages.append("approved")
        if enrolled and completed is not None:
            stages.append("enrolled")
            if completed < ninety_days_ago:
                stages.append("enrolled_90")
                if engaged:
                    stages.append("engaged_90")
        found = _common_groups(
            observed_race or own_race,
            genders,
            observed_sex or sex,
            groups.age_on(born, approximate, occurred.astimezone(zone).date()),
            area,
        )
        found["door"] = [door]
        found["organization"] = [organization or groups.NOT_REPORTED]
        if door in POLICE_DOORS:
            found["officer"] = [referrer_name or referrer_username or groups.NOT_REPORTED]
        yield {"groups": found, "stages": tuple(stages)}


def _missed(scope: Scope) -> Iterable[dict[str, Any]]:
    bookings = unreferred_bookings(scope.site).filter(
        Q(booked_at__gte=scope.start, booked_at__lt=scope.end)
        | Q(booked_at=None, noted_at__gte=scope.start, noted_at__lt=scope.end)
    )
    if scope.area:
        bookings = bookings.filter(area=scope.area)
    for found in missed_opportunities(scope.site, bookings):
        person = found.booking.person
        yield {
            "groups": _common_groups(
                person.race_ethnicity_observed or person.race_ethnicity_self,
                person.genders,
                person.sex,
                groups.age_on(
                    person.date_of_birth, person.approximate_age, found.booking.noted_at.date()
                ),
                found.booking.area,
            )
        }
