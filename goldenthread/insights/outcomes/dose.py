"""Dose-response (Santa Fe evaluation, lead-domain.md 8.4): whether more case-management
contact goes with fewer arrests, among participants followed 6 months since entry."""

from dataclasses import dataclass
from datetime import date

import pandas as pd
from django.utils.translation import gettext as _

from goldenthread.insights.outcomes.entries import ContactDays, Entry
from goldenthread.insights.outcomes.estimates import (
    MIN_GROUP,
    Fit,
    OddsRatio,
    Unfit,
    guarded,
    logistic,
)
from goldenthread.insights.outcomes.legal import Matter, arrests_between
from goldenthread.insights.periods import add_months

MONTHS = 6
# Contacts per month, in bands a case manager recognizes: rarely, about weekly, more.
BANDS = ((0.0, 1.0), (1.0, 4.0), (4.0, None))


@dataclass(frozen=True)
class DoseBand:
    low: float
    high: float | None
    people: int
    arrests_before: int
    arrests_after: int
    rearrested: int

    @property
    def rearrested_share(self) -> float | None:
        return self.rearrested / self.people if self.people else None


def dose_frame(
    people: list[Entry], matters: dict[int, list[Matter]], contacts: ContactDays, today: date
) -> pd.DataFrame:
    followed = [e for e in people if add_months(e.entered_on, MONTHS) <= today]
    rows = []
    for entry in followed:
        own = matters.get(entry.person_id, [])
        start, end = entry.entered_on, add_months(entry.entered_on, MONTHS)
        before = arrests_between(own, add_months(start, -MONTHS), start)
        after = arrests_between(own, start, end)
        rows.append(
            (contacts.between(entry.person_id, start, end) / MONTHS, before, after, int(after > 0))
        )
    return pd.DataFrame(
        rows, columns=["contacts_per_month", "arrests_before", "arrests_after", "rearrested"]
    )


def dose_bands(frame: pd.DataFrame) -> list[DoseBand]:
    bands = []
    for low, high in BANDS:
        inside = frame[
            (frame["contacts_per_month"] >= low)
            & ((frame["contacts_per_month"] < high) if high is not None else True)
        ]
        bands.append(
            DoseBand(
                low,
                high,
                len(inside),
                int(inside["arrests_before"].sum()),
                int(inside["arrests_after"].sum()),
                int(inside["rearrested"].sum()),
            )
        )
    return bands


def dose_model(frame: pd.DataFrame) -> Fit:
    """The odds of any arrest in the 6 months after entry for each additional contact a
    month, holding arrests in the 6 months before."""

    def compute() -> OddsRatio:
        if len(frame) < MIN_GROUP:
            raise Unfit(
                _(
                    "Dose-response needs at least %(minimum)s participants followed six months "
                    "since entry; there are %(people)s."
                )
                % {"minimum": MIN_GROUP, "people": len(frame)}
            )
        return logistic(
            frame, "rearrested", ["contacts_per_month", "arrests_before"], "contacts_per_month"
        )

    return guarded(compute)
