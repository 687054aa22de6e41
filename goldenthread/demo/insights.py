"""The demo site's evaluation data: a year of a synthetic police records export (the
population exposed to arrest for eligible conduct, the baseline of every equity index),
imported the way a project manager would, with a few rows a records system gets wrong so
the import report shows rejected rows; and the PCG's equity band and the site's unit costs.

The export is drawn so the funnel has something to say: Black residents are over-
represented among encounters, as they are in most cities' arrest data, and are referred at
a lower rate per eligible encounter than White residents."""

import random
from datetime import timedelta
from decimal import Decimal

from goldenthread.accounts.models import User
from goldenthread.demo.eligibility import OFFENSE_CODES
from goldenthread.demo.personas import AREAS
from goldenthread.insights.models import EvaluationSettings
from goldenthread.insights.services import baseline_import, evaluation_settings_save
from goldenthread.organizations.models import Site

DAYS = 360
# (NIBRS race letter, encounters per year).
ENCOUNTERS = (("B", 170), ("W", 190), ("H", 60), ("I", 25), ("A", 15), ("W;H", 12), ("U", 8))
MISTAKES = (
    "{day},Downtown,CCC 99.99.999,W,M,33",  # a code the site does not have
    "{day},Eastside,CCC 12.10.040,Z,F,41",  # a race code no standard uses
)


def _export(site: Site, seed: int, scale: int) -> bytes:
    rng = random.Random(f"baseline:{seed}")
    today = site.today()
    lines = ["record_id,date,area,offense_code,race_ethnicity,sex,age"]
    number = 0
    for race, count in ENCOUNTERS:
        for _ in range(count * scale):
            number += 1
            day = today - timedelta(days=rng.randrange(1, DAYS))
            code = rng.choice(OFFENSE_CODES)[0]
            sex = rng.choices(["M", "F", "U"], weights=[64, 34, 2])[0]
            lines.append(
                f"RMS-{number:05d},{day},{rng.choice(AREAS)},{code},{race},{sex},{rng.randrange(18, 66)}"
            )
    for mistake in MISTAKES:
        number += 1
        lines.append(f"RMS-{number:05d}," + mistake.format(day=today - timedelta(days=5)))
    return ("\n".join(lines) + "\n").encode()


def build_insights(
    *, site: Site, manager: User, pcg_member: User, seed: int, scale: int = 1
) -> None:
    baseline_import(
        actor=manager,
        site=site,
        name="cascade-pd-encounters.csv",
        content=_export(site, seed, scale),
    )
    if not EvaluationSettings.objects.filter(site=site).exists():
        evaluation_settings_save(
            actor=pcg_member, site=site, band_low=Decimal("0.80"), band_high=Decimal("1.25")
        )
        evaluation_settings_save(
            actor=manager,
            site=site,
            cost_participant_month=Decimal("899.00"),
            cost_booking=Decimal("420.00"),
            cost_jail_day=Decimal("165.00"),
            cost_felony_case=Decimal("3100.00"),
            cost_misdemeanor_case=Decimal("1150.00"),
        )
