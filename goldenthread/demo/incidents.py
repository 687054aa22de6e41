"""The demo's critical incidents: overdoses reversed with naloxone in the hotels and at the
encampments, a mental-health crisis on the street, and one death, most already reviewed
by the project manager, one waiting for review and one whose outcome is still not known."""

from datetime import datetime, time, timedelta

from goldenthread.accounts.models import User
from goldenthread.incidents.models import Incident, ReviewStatus
from goldenthread.incidents.services import incident_report, incident_transition
from goldenthread.lodging.models import LodgingPlace, Stay
from goldenthread.organizations.models import Organization, OrganizationKind, Site
from goldenthread.outreach.models import Encampment

# (days ago, kind, program, where, naloxone doses, EMS called, outcome, reviewed)
INCIDENTS = (
    (300, "overdose", "lodging", "Pioneer Square Hotel", 2, True, "transported", True),
    (260, "overdose", "outreach", "8th Ave S and S King St", 1, False, "recovered", True),
    (210, "death", "outreach", "8th Ave S and S King St", 0, True, "died", True),
    (150, "overdose", "lodging", "Pioneer Square Hotel", 3, True, "transported", True),
    (90, "mental_health", "milieu", "", 0, True, "declined_transport", True),
    (40, "overdose", "lodging", "Harborview Inn", 2, True, "recovered", True),
    (12, "overdose", "outreach", "Jackson St underpass", 1, False, "recovered", False),
    (2, "overdose", "lodging", "Harborview Inn", 2, True, "not_known", False),
)  # fmt: skip


def build_incidents(
    *,
    site: Site,
    organizations: dict[str, Organization],
    liaison: User,
    worker: User,
    ambassador: User,
    manager: User,
) -> None:
    if Incident.objects.filter(site=site).exists():
        return  # built before: the demo command is idempotent
    today = site.today()
    for days, kind, program, where, doses, ems, outcome, reviewed in INCIDENTS:
        at = datetime.combine(today - timedelta(days=days), time(2, 40), site.zone)
        reporter, organization = {
            "lodging": (liaison, organizations[OrganizationKind.LODGING_PROVIDER]),
            "outreach": (worker, organizations[OrganizationKind.CASE_MANAGEMENT]),
            "milieu": (ambassador, organizations[OrganizationKind.SAFETY_TEAM]),
        }[program]
        place = LodgingPlace.objects.filter(site=site, name=where).first()
        encampment = Encampment.objects.filter(site=site, name=where).first()
        # Someone staying there that night, when the incident was in a room.
        stay = (
            Stay.objects.filter(unit__place=place, checked_in_at__lte=at)
            .order_by("-checked_in_at")
            .select_related("person", "unit")
            .first()
            if place
            else None
        )
        incident = incident_report(
            actor=reporter,
            organization=organization,
            kind=kind,
            program=program,
            occurred_at=at,
            place_kind="lodging" if place else "encampment" if encampment else "street",
            lodging_place=place,
            encampment=encampment,
            person=stay.person if stay else None,
            place_detail=f"Room {stay.unit.label}" if stay else "3rd Ave and Pine St",
            naloxone_doses=doses,
            ems_called=ems,
            outcome=outcome,
        )
        if reviewed:
            incident_transition(
                actor=manager,
                incident=incident,
                to=ReviewStatus.REVIEWED,
                note="Response reviewed with the team; naloxone kits restocked.",
            )
