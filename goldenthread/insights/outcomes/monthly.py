"""Within-person monthly outcomes (UW housing, employment and income evaluation,
lead-domain.md 8.3): each participant's status in each of the 18 months after referral
against their own month before referral, with the contacts they had that month."""

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from goldenthread.casework.models import StatusKind, StatusRecord
from goldenthread.insights.outcomes.entries import ContactDays, Entry
from goldenthread.insights.outcomes.estimates import (
    MIN_GROUP,
    Fit,
    OddsRatio,
    Unfit,
    guarded,
    within_person,
)
from goldenthread.insights.periods import add_months
from goldenthread.organizations.models import Site

FOLLOW_UP_MONTHS = 18
# HMIS living-situation codes that say nothing about where someone lives.
HOUSING_UNKNOWN = frozenset({"8", "9", "99"})


@dataclass(frozen=True)
class Indicator:
    key: str
    label: Promise
    kind: str
    holds: Callable[[str], bool | None]  # None: the value does not answer the question


def _housing(test: Callable[[str], bool]) -> Callable[[str], bool | None]:
    return lambda code: None if code in HOUSING_UNKNOWN else test(code)


INDICATORS = (
    Indicator(
        "sheltered",
        gettext_lazy("Sheltered (shelter, temporary or permanent housing)"),
        StatusKind.HOUSING,
        _housing(lambda code: code in {"101", "118"} or code[0] in "34"),
    ),
    Indicator(
        "permanent_housing",
        gettext_lazy("In permanent housing"),
        StatusKind.HOUSING,
        _housing(lambda code: code[0] == "4"),
    ),
    Indicator(
        "income",
        gettext_lazy("Has income or benefits"),
        StatusKind.INCOME,
        lambda value: value != "none",
    ),
    Indicator(
        "employment",
        gettext_lazy("On the employment continuum (training or work)"),
        StatusKind.EMPLOYMENT,
        lambda value: value != "not_working",
    ),
)


@dataclass(frozen=True)
class Observation:
    person_id: int
    month: int  # 0 is the month before referral
    holds: bool
    contacts: int


@dataclass
class MonthlyOutcome:
    indicator: Indicator
    observations: list[Observation] = field(default_factory=list)

    def share(self, month: int) -> tuple[float | None, int]:
        """The share for whom it held that month, and how many were observed."""
        seen = [o.holds for o in self.observations if o.month == month]
        return (sum(seen) / len(seen) if seen else None), len(seen)


@dataclass(frozen=True)
class MonthlyShares:
    """What a page shows of one outcome: each month's share and how many were observed."""

    key: str
    shares: list[tuple[float | None, int]]

    @property
    def indicator(self) -> Indicator:
        return next(i for i in INDICATORS if i.key == self.key)

    def share(self, month: int) -> tuple[float | None, int]:
        return self.shares[month]


def summarized(outcome: MonthlyOutcome) -> MonthlyShares:
    return MonthlyShares(
        outcome.indicator.key, [outcome.share(m) for m in range(FOLLOW_UP_MONTHS + 1)]
    )


class Timeline:
    """One person's dated values of one kind: what was true on a given day."""

    def __init__(self, dated: list[tuple[date, str]]) -> None:
        self.days = [day for day, _value in dated]
        self.values = [value for _day, value in dated]

    def on(self, day: date) -> str | None:
        at = bisect.bisect_right(self.days, day)
        return self.values[at - 1] if at else None


def _timelines(people: Iterable[int]) -> dict[tuple[int, str], Timeline]:
    dated: dict[tuple[int, str], list[tuple[date, str]]] = defaultdict(list)
    kinds = {indicator.kind for indicator in INDICATORS}
    for person_id, kind, as_of, value in (
        StatusRecord.objects.filter(person_id__in=list(people), kind__in=kinds)
        .order_by("as_of", "recorded_at", "pk")
        .values_list("person_id", "kind", "as_of", "value")
    ):
        dated[(person_id, kind)].append((as_of, value))
    return {key: Timeline(values) for key, values in dated.items()}


def monthly_outcomes(
    site: Site, people: list[Entry], contacts: ContactDays
) -> list[MonthlyOutcome]:
    """Month 0 is the day before referral; month m the day m months after it, while that day
    has come. A month without a known value is not observed (missing, not "no")."""
    outcomes = [MonthlyOutcome(indicator) for indicator in INDICATORS]
    if not people:
        return outcomes
    today = site.today()
    timelines = _timelines(entry.person_id for entry in people)
    for entry in people:
        for month in range(FOLLOW_UP_MONTHS + 1):
            day = (
                entry.referred_on - timedelta(days=1)
                if month == 0
                else add_months(entry.referred_on, month)
            )
            if day > today:
                break
            # Contacts in the month that ends on `day` (none before referral).
            seen = (
                contacts.between(entry.person_id, add_months(entry.referred_on, month - 1), day)
                if month
                else 0
            )
            for outcome in outcomes:
                timeline = timelines.get((entry.person_id, outcome.indicator.kind))
                value = timeline.on(day) if timeline else None
                holds = None if value is None else outcome.indicator.holds(value)
                if holds is not None:
                    outcome.observations.append(Observation(entry.person_id, month, holds, seen))
    return outcomes


def monthly_frame(outcome: MonthlyOutcome) -> pd.DataFrame:
    """The observations of people seen both in their month before referral and after it."""
    baseline = {o.person_id for o in outcome.observations if o.month == 0}
    later = {o.person_id for o in outcome.observations if o.month > 0}
    kept = baseline & later
    return pd.DataFrame(
        [
            (o.person_id, int(o.month > 0), o.contacts, int(o.holds))
            for o in outcome.observations
            if o.person_id in kept
        ],
        columns=["person", "after_referral", "contacts", "holds"],
    )


def monthly_model(frame: pd.DataFrame) -> Fit:
    """The odds of the outcome in a month after referral against the month before, within
    each person, holding that month's contacts."""

    def compute() -> OddsRatio:
        people = frame["person"].nunique() if len(frame) else 0
        if people < MIN_GROUP:
            raise Unfit(
                _(
                    "This needs at least %(minimum)s participants known both before referral "
                    "and after it; there are %(people)s."
                )
                % {"minimum": MIN_GROUP, "people": people}
            )
        return within_person(
            frame, "holds", ["after_referral", "contacts"], "after_referral", "person"
        )

    return guarded(compute)
