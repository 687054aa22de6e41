"""The groups figures are broken down by. Race and ethnicity follow the SPD-15 (2024)
tabulation: each minimum category "alone" and "in combination", Hispanic or Latino of any
race, and Multiracial and/or Multiethnic; the reference group of every Relative Rate Index
is White alone (with the combined question, that is White and not Hispanic)."""

from collections.abc import Iterable
from datetime import date

from django.utils.translation import gettext_lazy as _

from goldenthread.people.models import RACE_NO_ANSWER, RaceEthnicity

RACES = [code for code in RaceEthnicity.values if code not in RACE_NO_ANSWER]
REFERENCE_RACE = "white:alone"
NOT_REPORTED = "not_reported"
MULTIRACIAL = "multiracial"
HISPANIC_ANY = "hispanic:any"

AGE_BANDS = ((18, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, None))


def race_groups(codes: Iterable[str]) -> list[str]:
    """Every reporting group a set of answers belongs to."""
    chosen = sorted({c for c in codes if c in RACES})
    if not chosen:
        return [NOT_REPORTED]
    if len(chosen) == 1:
        groups = [f"{chosen[0]}:alone", f"{chosen[0]}:combination"]
    else:
        groups = [MULTIRACIAL, *(f"{code}:combination" for code in chosen)]
    if "hispanic" in chosen:
        groups.append(HISPANIC_ANY)
    return groups


def race_partition(codes: Iterable[str]) -> str:
    """The one mutually exclusive group: X alone, Multiracial, or not reported."""
    chosen = {c for c in codes if c in RACES}
    if not chosen:
        return NOT_REPORTED
    return f"{chosen.pop()}:alone" if len(chosen) == 1 else MULTIRACIAL


def race_label(group: str) -> str:
    if group == NOT_REPORTED:
        return str(_("Not reported"))
    if group == MULTIRACIAL:
        return str(_("Multiracial and/or Multiethnic"))
    if group == HISPANIC_ANY:
        return str(_("Hispanic or Latino, any race"))
    code, how = group.split(":")
    label = RaceEthnicity(code).label
    if how == "alone":
        return str(_("%(group)s alone") % {"group": label})
    return str(_("%(group)s alone or in combination") % {"group": label})


def race_order() -> list[str]:
    """The order groups are listed in: the partition, then the overlapping groups."""
    return [
        *(f"{code}:alone" for code in RACES),
        MULTIRACIAL,
        NOT_REPORTED,
        *(f"{code}:combination" for code in RACES),
        HISPANIC_ANY,
    ]


def age_on(born: date | None, approximate: int | None, on: date) -> int | None:
    """Whole years on `on`, from the date of birth, else the age staff estimated."""
    if born is None:
        return approximate
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_band(age: int | None) -> str:
    if age is None:
        return NOT_REPORTED
    for low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return f"{low}+" if high is None else f"{low}-{high}"
    return "under-18"


def age_order() -> list[str]:
    return [
        "under-18",
        *(f"{low}+" if high is None else f"{low}-{high}" for low, high in AGE_BANDS),
        NOT_REPORTED,
    ]


def gender_group(genders: Iterable[str], sex: str) -> str:
    """Self-described gender when given (more than one answer reads as 'a different
    identity'); otherwise the recorded sex, as a police record holds it."""
    given = list(genders)
    if len(given) == 1:
        return given[0]
    if given:
        return "different"
    return {"female": "woman", "male": "man"}.get(sex, NOT_REPORTED)
