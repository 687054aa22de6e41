"""Years of enrollments with the records an outcome evaluation reads: each participant's
referral and intake, their arrests, bookings and charges in the two years before entry and
since, and their housing, income and employment month by month; and a comparison cohort
imported the way an evaluator would. The small site gets an alumni cohort enrolled one to
three years ago; the large site, its whole population over five years, so every quarter has
referrals, intakes and closures.

The draws are the shape the published evaluations report (lead-domain.md 8): arrests fall
by about half after entry and less so in the comparison; housing, income and work improve
slowly, month by month; fewer Black residents are referred than their share of encounters.
Written in bulk, as a site's import of its records would be."""

import itertools
import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.casework.models import (
    CloseReason,
    Contact,
    ContactMode,
    EngagementChange,
    PlaceType,
    StatusRecord,
)
from goldenthread.casework.services import last_contact_refresh
from goldenthread.demo.eligibility import OFFENSE_CODES
from goldenthread.demo.personas import AREAS
from goldenthread.insights.periods import add_months
from goldenthread.insights.services import comparison_import
from goldenthread.legal.models import Charge, ChargeLevel, LegalMatter, MatterKind
from goldenthread.organizations.models import Organization, Site
from goldenthread.people.models import EngagementStatus, Person, Sex
from goldenthread.referrals.models import Door, Referral, ReferralStatus, ReferralTransition

S = ReferralStatus
T = TypeVar("T")
STEPS = (S.SUBMITTED, S.SCREENING, S.APPROVED, S.AWAITING_INTAKE, S.ENROLLED)
DOORS = ((Door.ARREST_DIVERSION, 50), (Door.SOCIAL_CONTACT, 35), (Door.COMMUNITY, 15))
# Black residents are about a third of the police records' eligible encounters
# (demo/insights.py) but a fifth of those referred: the disparity the equity check exists
# to catch, so the large site's PCG has an alert to read.
RACES = (
    (["black"], 20),
    (["white"], 52),
    (["hispanic"], 12),
    (["american_indian"], 6),
    (["asian"], 3),
    (["white", "hispanic"], 4),
    (["black", "white"], 3),
)
ARRESTS_PER_MONTH_BEFORE = 0.11
AFTER_ENTRY = 0.5  # participants' arrest rate after entry, as a share of before
COMPARISON_AFTER = 0.85
JURISDICTION = "Cascade County"
# Receipt codes of referrals written here: longer than any the app issues, so they never meet.
HISTORY_RECEIPT = "HIST"
HOUSING_START = (("116", 55), ("101", 25), ("336", 10), ("207", 5), ("410", 5))
HOUSING_STEPS = {"116": "101", "207": "101", "101": "302", "336": "302", "302": "435"}


def _weighted(rng: random.Random, choices: tuple[tuple[T, int], ...]) -> T:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _at(site: Site, day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randrange(8, 20), rng.randrange(60)), site.zone)


@transaction.atomic
def build_enrollments(
    *,
    site: Site,
    people: list[Person],
    officer: User,
    police: Organization,
    staff: User,
    seed: int,
    years: int,
    provider: Organization | None = None,
) -> None:
    """An enrolled referral, legal history and monthly statuses for each person who has no
    referral yet; people already referred are left as they are (the command is idempotent)."""
    referred = set(Referral.objects.filter(site=site).values_list("person_id", flat=True))
    people = [
        p
        for p in people
        if p.pk not in referred and p.engagement_status != EngagementStatus.REFERRED
    ]
    rng = random.Random(f"enrollments:{seed}")
    now = timezone.now()
    referrals: list[Referral] = []
    for person in people:
        entered = now - timedelta(days=rng.uniform(3, 365 * years))
        submitted = entered - timedelta(days=rng.uniform(1, site.intake_window_days - 1))
        door = _weighted(rng, DOORS)
        code, _label, conduct, nibrs = rng.choice(OFFENSE_CODES)
        if not person.race_ethnicity_self:
            person.race_ethnicity_self = _weighted(rng, RACES)
            person.sex = rng.choices([Sex.MALE, Sex.FEMALE], weights=[68, 32])[0]
            person.date_of_birth = date(rng.randrange(1958, 2004), rng.randrange(1, 13), 15)
        referrals.append(
            Referral(
                site=site,
                door=door,
                status=S.ENROLLED,
                person=person,
                referrer=officer if door != Door.COMMUNITY else staff,
                referrer_organization=police if door != Door.COMMUNITY else None,
                occurred_at=submitted - timedelta(hours=1),
                area=rng.choice(AREAS),
                conduct=conduct,
                offense_code=code,
                nibrs=nibrs,
                observed_race_ethnicity=person.race_ethnicity_self,
                observed_sex=person.sex,
                intake_due_at=(
                    submitted + timedelta(days=site.intake_window_days)
                    if door == Door.ARREST_DIVERSION
                    else None
                ),
                intake_completed_at=entered,
                receipt_code=f"{HISTORY_RECEIPT}{person.pk:08d}",
            )
        )
    Person.objects.bulk_update(people, ["race_ethnicity_self", "sex", "date_of_birth"])
    Referral.objects.bulk_create(referrals, batch_size=1_000)
    # submitted_at is set on creation; these referrals were made long ago.
    for referral in referrals:
        referral.submitted_at = referral.occurred_at + timedelta(hours=1)
    Referral.objects.bulk_update(referrals, ["submitted_at"], batch_size=1_000)
    _transitions(rng, referrals, staff)
    _engagement(rng, referrals, staff, now)
    # Contacts a month each person had; more contact, fewer arrests (the Santa Fe finding).
    intensity = {r.person_id: rng.uniform(0.3, 6.0) for r in referrals}
    if provider is not None:
        _contacts(rng, referrals, intensity, staff, provider, now)
    _legal(rng, site, referrals, intensity, now)
    _statuses(rng, site, referrals, staff)


def _transitions(rng: random.Random, referrals: list[Referral], staff: User) -> None:
    moves, times = [], []
    for referral in referrals:
        assert referral.intake_completed_at is not None
        span = referral.intake_completed_at - referral.submitted_at
        for number, (before, after) in enumerate(itertools.pairwise(STEPS), 1):
            moves.append(
                ReferralTransition(
                    referral=referral, from_status=before, to_status=after, actor=staff
                )
            )
            times.append(referral.submitted_at + span * (number / len(STEPS)))
    ReferralTransition.objects.bulk_create(moves, batch_size=2_000)
    _backdate(ReferralTransition, moves, times)


def _backdate(model: type[Model], rows: Sequence[Model], times: list[datetime]) -> None:
    """`at` is set to now on creation; put each row back where it happened."""
    for row, at in zip(rows, times, strict=True):
        row.at = at  # type: ignore[attr-defined]
    model._default_manager.bulk_update(rows, ["at"], batch_size=2_000)


def _engagement(rng: random.Random, referrals: list[Referral], staff: User, now: datetime) -> None:
    """Whoever is not active now got there once, some time after intake."""
    changes, times = [], []
    for referral in referrals:
        status = referral.person.engagement_status
        if status in (EngagementStatus.ACTIVE, EngagementStatus.REFERRED):
            continue
        assert referral.intake_completed_at is not None
        changes.append(
            EngagementChange(
                person=referral.person,
                from_status=EngagementStatus.ACTIVE,
                to_status=status,
                close_reason=(
                    rng.choice([CloseReason.MOVED_AWAY, CloseReason.ASKED_TO_LEAVE])
                    if status == EngagementStatus.CLOSED
                    else ""
                ),
                actor=staff,
            )
        )
        times.append(
            referral.intake_completed_at + (now - referral.intake_completed_at) * rng.random()
        )
    EngagementChange.objects.bulk_create(changes, batch_size=2_000)
    _backdate(EngagementChange, changes, times)


def _arrest_days(rng: random.Random, start: date, end: date, per_month: float) -> list[date]:
    days = []
    day = start
    while day < end:
        if rng.random() < per_month:
            days.append(day + timedelta(days=rng.randrange(28)))
        day = add_months(day, 1)
    return [d for d in days if d < end]


def _contacts(
    rng: random.Random,
    referrals: list[Referral],
    intensity: dict[int, float],
    staff: User,
    provider: Organization,
    now: datetime,
) -> None:
    """Contacts from intake until the case closed (or now), at each person's own pace."""
    closed = dict(
        EngagementChange.objects.filter(
            person__in=[r.person_id for r in referrals], to_status=EngagementStatus.CLOSED
        ).values_list("person_id", "at")
    )
    contacts = []
    for referral in referrals:
        assert referral.intake_completed_at is not None
        start = referral.intake_completed_at
        days = (closed.get(referral.person_id, now) - start).days
        for _ in range(round(intensity[referral.person_id] * days / 30)):
            contacts.append(
                Contact(
                    person_id=referral.person_id,
                    staff=staff,
                    organization=provider,
                    occurred_at=start + timedelta(days=rng.uniform(0, days)),
                    mode=rng.choice(
                        [ContactMode.IN_PERSON, ContactMode.IN_PERSON, ContactMode.PHONE]
                    ),
                    place=rng.choice(
                        [
                            PlaceType.STREET,
                            PlaceType.ENCAMPMENT,
                            PlaceType.SHELTER,
                            PlaceType.OFFICE,
                        ]
                    ),
                    substantive=rng.random() < 0.6,
                )
            )
    Contact.objects.bulk_create(contacts, batch_size=2_000)
    last_contact_refresh(people=Person.objects.filter(pk__in=intensity))


def _legal(
    rng: random.Random,
    site: Site,
    referrals: list[Referral],
    intensity: dict[int, float],
    now: datetime,
) -> None:
    matters: list[LegalMatter] = []
    charges: list[tuple[int, str]] = []  # (index of the case in `matters`, level)
    today = site.today()
    for referral in referrals:
        assert referral.intake_completed_at is not None
        entered = timezone.localtime(referral.intake_completed_at, site.zone).date()
        propensity = ARRESTS_PER_MONTH_BEFORE * rng.uniform(0.4, 1.8)
        days = _arrest_days(rng, add_months(entered, -24), entered, propensity)
        dose = max(0.2, 1.3 - intensity[referral.person_id] / 5)
        days += _arrest_days(rng, entered, today, propensity * AFTER_ENTRY * dose)
        for number, day in enumerate(days, 1):
            booked = rng.random() < 0.6
            at = _at(site, day, rng)
            matters.append(
                LegalMatter(
                    site=site,
                    person_id=referral.person_id,
                    kind=MatterKind.BOOKING if booked else MatterKind.CITATION,
                    jurisdiction=JURISDICTION,
                    number=f"{'BK' if booked else 'CT'}-{referral.person_id}-{number}",
                    incident_on=day,
                    booked_at=at if booked else None,
                    released_at=min(at + timedelta(days=rng.uniform(0.3, 9)), now)
                    if booked
                    else None,
                    noted_at=at,
                    source="records",
                    status="closed",
                )
            )
            if rng.random() < 0.7:
                matters.append(
                    LegalMatter(
                        site=site,
                        person_id=referral.person_id,
                        kind=MatterKind.CASE,
                        jurisdiction=JURISDICTION,
                        number=f"CR-{referral.person_id}-{number}",
                        incident_on=day,
                        filed_on=min(day + timedelta(days=rng.randrange(1, 20)), today),
                        noted_at=at,
                        source="records",
                        status="closed",
                    )
                )
                level = ChargeLevel.FELONY if rng.random() < 0.2 else ChargeLevel.MISDEMEANOR
                charges.append((len(matters) - 1, level))
    LegalMatter.objects.bulk_create(matters, batch_size=2_000)
    Charge.objects.bulk_create(
        (
            Charge(
                matter=matters[index],
                offense_code=code,
                description=label,
                level=level,
            )
            for index, level in charges
            for code, label, _conduct, _nibrs in [OFFENSE_CODES[index % len(OFFENSE_CODES)]]
        ),
        batch_size=2_000,
    )


def _statuses(rng: random.Random, site: Site, referrals: list[Referral], staff: User) -> None:
    """The month before referral, then a change whenever things moved."""
    records: list[StatusRecord] = []
    today = site.today()
    for referral in referrals:
        referred = timezone.localtime(referral.submitted_at, site.zone).date()
        person_id = referral.person_id
        state = {
            "housing": _weighted(rng, HOUSING_START),
            "income": "none" if rng.random() < 0.7 else "benefits",
            "employment": "not_working" if rng.random() < 0.85 else "informal",
        }
        for kind, value in state.items():
            records.append(
                StatusRecord(
                    person_id=person_id,
                    kind=kind,
                    value=value,
                    as_of=referred - timedelta(days=20),
                    recorded_by=staff,
                )
            )
        for month in range(1, 25):
            day = add_months(referred, month) - timedelta(days=rng.randrange(1, 20))
            if day > today:
                break
            moved = {}
            if state["housing"] in HOUSING_STEPS and rng.random() < 0.12:
                moved["housing"] = HOUSING_STEPS[state["housing"]]
            if state["income"] == "none" and rng.random() < 0.08:
                moved["income"] = "benefits"
            if state["employment"] != "part_time" and rng.random() < 0.03:
                moved["employment"] = rng.choice(["training", "part_time"])
            for kind, value in moved.items():
                state[kind] = value
                records.append(
                    StatusRecord(
                        person_id=person_id, kind=kind, value=value, as_of=day, recorded_by=staff
                    )
                )
    StatusRecord.objects.bulk_create(records, batch_size=2_000)


def comparison_cohort(rng: random.Random, today: date, count: int) -> bytes:
    """People arrested on red-light shifts or outside the program area, by the same
    criteria, with the counts the comparison contract asks for."""
    lines = ["key,entry_date,age,sex,race_ethnicity,prior_bookings,arrests_before,arrests_after"]
    for number in range(1, count + 1):
        propensity = ARRESTS_PER_MONTH_BEFORE * rng.uniform(0.4, 1.8)
        entry = today - timedelta(days=rng.randrange(190, 1_000))
        before = sum(rng.random() < propensity for _ in range(6))
        after = sum(rng.random() < propensity * COMPARISON_AFTER for _ in range(6))
        prior = sum(rng.random() < propensity * 0.6 for _ in range(24))
        race = ";".join(_weighted(rng, RACES))
        sex = rng.choices(["M", "F"], weights=[68, 32])[0]
        lines.append(
            f"CMP-{number:04d},{entry},{rng.randrange(19, 66)},{sex},{race},{prior},{before},{after}"
        )
    return ("\n".join(lines) + "\n").encode()


def build_comparison(*, site: Site, evaluator: User, seed: int, count: int) -> None:
    rng = random.Random(f"comparison:{seed}")
    comparison_import(
        actor=evaluator,
        site=site,
        name="red-light-shift-comparison.csv",
        content=comparison_cohort(rng, site.today(), count),
    )
