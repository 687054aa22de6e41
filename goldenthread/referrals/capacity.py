"""Case-management capacity: how many more people the site can take on. Social-contact and
community referrals wait when it is full; arrest diversions never do (lead-domain.md 2.3)."""

from dataclasses import dataclass

from django.db.models import Count

from goldenthread.organizations.models import Membership, Role, Site
from goldenthread.people.models import CASELOAD_STATUSES, Person
from goldenthread.referrals.models import Referral, ReferralStatus

# Approved referrals hold a place until intake enrolls them or lapses.
RESERVING_STATUSES = (ReferralStatus.APPROVED, ReferralStatus.AWAITING_INTAKE)


@dataclass(frozen=True)
class Capacity:
    case_managers: int
    places: int  # case managers times the site's caseload maximum
    enrolled: int  # participants on someone's caseload
    reserved: int  # approved referrals on their way to intake

    @property
    def free(self) -> int:
        return self.places - self.enrolled - self.reserved

    @property
    def full(self) -> bool:
        return self.free <= 0


def caseload_sizes(site: Site) -> dict[int, int]:
    """{case manager's user id: participants on their caseload}."""
    rows = (
        Person.objects.filter(
            site=site, case_manager__isnull=False, engagement_status__in=CASELOAD_STATUSES
        )
        .values("case_manager")
        .annotate(n=Count("pk"))
    )
    return {row["case_manager"]: row["n"] for row in rows}


def caseload_of(user_id: int) -> int:
    return Person.objects.filter(
        case_manager_id=user_id, engagement_status__in=CASELOAD_STATUSES
    ).count()


def site_capacity(site: Site) -> Capacity:
    case_managers = (
        Membership.objects.filter(
            organization__site=site,
            organization__is_active=True,
            role=Role.CASE_MANAGER,
            is_active=True,
            user__is_active=True,
        )
        .values("user")
        .distinct()
        .count()
    )
    enrolled = Person.objects.filter(
        site=site, case_manager__isnull=False, engagement_status__in=CASELOAD_STATUSES
    ).count()
    reserved = Referral.objects.filter(site=site, status__in=RESERVING_STATUSES).count()
    return Capacity(case_managers, case_managers * site.caseload_max, enrolled, reserved)
