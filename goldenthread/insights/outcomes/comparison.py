"""Participants against an imported comparison cohort, the UW recidivism design
(lead-domain.md 8.1): the odds of any arrest in the 6 months after entry, weighted by
propensity scores so that the comparison looks like the participants on age, sex, bookings
in the 24 months before and arrests in the 6 months before."""

from datetime import date

import pandas as pd
from django.utils.translation import gettext as _

from goldenthread.insights.models import ComparisonMember
from goldenthread.insights.outcomes.entries import Entry
from goldenthread.insights.outcomes.estimates import (
    MIN_GROUP,
    Fit,
    OddsRatio,
    Unfit,
    guarded,
    logistic,
    propensity_weights,
)
from goldenthread.insights.outcomes.legal import Matter, arrests_between, bookings_between
from goldenthread.insights.periods import add_months
from goldenthread.organizations.models import Site
from goldenthread.people.models import Sex

FOLLOW_UP_MONTHS = 6
PRIOR_BOOKING_MONTHS = 24
COVARIATES = ["age", "male", "prior_bookings", "arrests_before"]
COLUMNS = ["treated", *COVARIATES, "arrested_after"]


def comparison_frame(
    site: Site, people: list[Entry], matters: dict[int, list[Matter]], today: date
) -> pd.DataFrame:
    """One row per person: participants followed 6 months since entry (treated = 1) and the
    site's comparison cohort (treated = 0). A missing age takes the median age."""
    rows = []
    for entry in people:
        if add_months(entry.entered_on, FOLLOW_UP_MONTHS) > today:
            continue
        own = matters.get(entry.person_id, [])
        start = entry.entered_on
        rows.append(
            (
                1,
                entry.age,
                entry.sex == Sex.MALE,
                bookings_between(own, add_months(start, -PRIOR_BOOKING_MONTHS), start),
                arrests_between(own, add_months(start, -FOLLOW_UP_MONTHS), start),
                arrests_between(own, start, add_months(start, FOLLOW_UP_MONTHS)) > 0,
            )
        )
    for age, sex, prior, before, after in ComparisonMember.objects.filter(site=site).values_list(
        "age", "sex", "prior_bookings", "arrests_before", "arrests_after"
    ):
        rows.append((0, age, sex == Sex.MALE, prior, before, after > 0))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    ages = frame["age"].astype(float)
    frame["age"] = ages.fillna(ages.median()) if ages.notna().any() else ages
    return frame.astype({"male": int, "arrested_after": int})


def comparison_model(frame: pd.DataFrame) -> Fit:
    def compute() -> OddsRatio:
        participants = int((frame["treated"] == 1).sum())
        members = int((frame["treated"] == 0).sum())
        if participants < MIN_GROUP or members < MIN_GROUP:
            raise Unfit(
                _(
                    "The comparison needs at least %(minimum)s participants followed six months "
                    "since entry and %(minimum)s comparison members; there are %(participants)s "
                    "and %(members)s."
                )
                % {"minimum": MIN_GROUP, "participants": participants, "members": members}
            )
        weighted = frame.assign(weight=propensity_weights(frame, "treated", COVARIATES))
        return logistic(weighted, "arrested_after", ["treated"], "treated", weights="weight")

    return guarded(compute)
