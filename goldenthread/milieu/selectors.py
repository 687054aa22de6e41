"""The milieu funnel: people encountered, referred to shelter or housing, and housed."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet

from goldenthread.milieu.models import ROOF_NEEDS, Encounter, ReferralStatus, TeamReferral
from goldenthread.organizations.models import Site


@dataclass(frozen=True)
class Funnel:
    encountered: int
    referred: int  # to shelter or housing
    waitlisted: int  # of those referred, still waiting now
    housed: int  # of those referred, permanently housed


def funnel(site: Site, start: date, end: date) -> Funnel:
    """Distinct people met between `start` and `end` (site dates, inclusive), and of them
    those referred for a roof from an encounter in that time, waiting, and housed."""
    encounters = Encounter.objects.filter(
        site=site,
        occurred_at__gte=datetime.combine(start, time.min, site.zone),
        occurred_at__lt=datetime.combine(end + timedelta(days=1), time.min, site.zone),
    )
    referrals = TeamReferral.objects.filter(encounter__in=encounters, need__in=ROOF_NEEDS)

    def people(rows: QuerySet[Any]) -> int:
        return rows.values("person_id").distinct().count()

    return Funnel(
        encountered=people(encounters),
        referred=people(referrals),
        waitlisted=people(referrals.filter(status=ReferralStatus.WAITLISTED)),
        housed=people(referrals.filter(status=ReferralStatus.HOUSED)),
    )
