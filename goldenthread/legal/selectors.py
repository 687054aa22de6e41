from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from goldenthread.eligibility.models import RuleSet
from goldenthread.eligibility.services import rule_set_in_force
from goldenthread.identity.linkage.features import plain
from goldenthread.legal.models import LegalMatter, MatterKind
from goldenthread.organizations.models import Site
from goldenthread.people.models import Person
from goldenthread.referrals.clock import hold_stage
from goldenthread.referrals.models import (
    ConductCategory,
    Door,
    OffenseCode,
    Referral,
    ReferralStatus,
)


def enrolled_on(person: Person) -> date | None:
    """The day the person enrolled (intake completed on an enrolled referral), site time."""
    completed = (
        Referral.objects.filter(person=person, status=ReferralStatus.ENROLLED)
        .exclude(intake_completed_at=None)
        .order_by("intake_completed_at")
        .values_list("intake_completed_at", flat=True)
        .first()
    )
    return completed.astimezone(person.site.zone).date() if completed else None


@dataclass(frozen=True)
class MissedOpportunity:
    booking: LegalMatter
    conduct: list[str]  # the eligible conduct its charges map to, in words


def in_program_area(site: Site, area: str) -> bool | None:
    """Whether an area a feed or a referral names is one where the program operates: True
    or False, or None when the area is not given (and the site lists areas)."""
    if not site.program_areas:
        return True
    if not area.strip():
        return None
    return plain(area) in {plain(name) for name in site.program_areas}


def unreferred_bookings(site: Site) -> QuerySet[LegalMatter]:
    """Bookings of people never referred to the program (no referral, no provider): where
    missed diversion opportunities are looked for."""
    return LegalMatter.objects.filter(
        site=site,
        kind=MatterKind.BOOKING,
        person__referrals__isnull=True,
        person__assigned_organization__isnull=True,
        person__merged_into__isnull=True,
    )


def missed_opportunities(site: Site, bookings: QuerySet[LegalMatter]) -> list[MissedOpportunity]:
    """Of these bookings (of people never referred), those in the program area (or with no
    area given, which a defender would rather check than miss) with a charge that the
    site's offense codes map to conduct eligible under the rules in force on the booking
    day."""
    categories = dict(OffenseCode.objects.filter(site=site).values_list("code", "category"))
    found = []
    rules: dict[date, RuleSet | None] = {}
    for booking in bookings.prefetch_related("charges").select_related("person"):
        if in_program_area(site, booking.area) is False:
            continue
        day = booking.incident_on or booking.noted_at.astimezone(site.zone).date()
        if day not in rules:
            rules[day] = rule_set_in_force(site, day)
        in_force = rules[day]
        if in_force is None:
            continue
        conduct = sorted(
            {
                categories[c.offense_code]
                for c in booking.charges.all()
                if categories.get(c.offense_code) in in_force.eligible_conduct
            }
        )
        if conduct:
            found.append(
                MissedOpportunity(booking, [str(ConductCategory(c).label) for c in conduct])
            )
    return found


@dataclass(frozen=True)
class ChargingHold:
    referral: Referral
    stage: str  # referrals.clock.hold_stage, or "recorded"


def charging_holds(person: Person) -> list[ChargingHold]:
    """The person's arrest diversions: each holds a charge while the intake clock runs,
    then carries the liaison prosecutor's recorded outcome."""
    referrals = Referral.objects.filter(person=person, door=Door.ARREST_DIVERSION).select_related(
        "site"
    )
    return [
        ChargingHold(r, "recorded" if r.hold_outcome else hold_stage(r))
        for r in referrals.order_by("-submitted_at")
    ]
