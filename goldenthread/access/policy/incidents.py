"""Critical incidents. An overdose is health information about someone at their most
exposed, so no police, prosecution or defense role reads an incident, whatever a release
says (the First Golden Rule). Those who report incidents read the ones of their own work:
what their organization reported, what happened at the lodging places it runs, and what
happened to the people it serves. The project manager reads every one, to review it."""

from typing import Any

from django.db.models import Q, QuerySet

from goldenthread.access.policy.participants import people_visible_filter
from goldenthread.access.policy.roles import Capability, can, visible_one
from goldenthread.incidents.models import Incident
from goldenthread.lodging.models import LodgingPlace
from goldenthread.organizations.models import Membership
from goldenthread.outreach.models import Encampment
from goldenthread.people.models import Person


def may_review_incidents(membership: Membership | None) -> bool:
    return can(membership, Capability.REVIEW_INCIDENTS)


def incidents_visible_to(membership: Membership | None) -> QuerySet[Incident]:
    if membership is None:
        return Incident.objects.none()
    site_id = membership.organization.site_id
    if may_review_incidents(membership):
        return Incident.objects.filter(site_id=site_id)
    if not can(membership, Capability.REPORT_INCIDENTS):
        return Incident.objects.none()
    organization_id = membership.organization_id
    return Incident.objects.filter(
        Q(site_id=site_id)
        & (
            Q(reported_by_organization_id=organization_id)
            | Q(lodging_place__organization_id=organization_id)
            | Q(person__assigned_organization_id=organization_id)
        )
    )


def access_incident(membership: Membership | None, pk: Any) -> Incident:
    incident: Incident = visible_one(
        incidents_visible_to(membership).select_related(
            "person", "lodging_place", "encampment", "reported_by"
        ),
        pk,
    )
    return incident


def incident_people(membership: Membership | None) -> QuerySet[Person]:
    """Whom a reporter can name: people they may see."""
    if not can(membership, Capability.REPORT_INCIDENTS):
        return Person.objects.none()
    return Person.objects.filter(people_visible_filter(membership)).order_by(
        "preferred_name", "legal_last_name", "pk"
    )


def incident_places(
    membership: Membership | None,
) -> tuple[QuerySet[LodgingPlace], QuerySet[Encampment]]:
    """Where a reporter can say an incident happened: the site's lodging places and
    encampments (places, not people)."""
    if not can(membership, Capability.REPORT_INCIDENTS) or membership is None:
        return LodgingPlace.objects.none(), Encampment.objects.none()
    site_id = membership.organization.site_id
    return (
        LodgingPlace.objects.filter(site_id=site_id, is_active=True),
        Encampment.objects.filter(site_id=site_id),
    )
