"""Street milieu: safety ambassadors read the encounters and referrals their own team
logged, and the project manager, the backbone of the corridor's partners, those of every
team; each only for people the release-of-information rules let them see."""

from typing import Any

from django.db.models import Q, QuerySet

from goldenthread.access.policy.participants import people_visible_filter
from goldenthread.access.policy.roles import Capability, can, visible_one
from goldenthread.milieu.models import Encounter, TeamReferral
from goldenthread.organizations.models import Membership, Role
from goldenthread.people.models import Person


def encounters_visible_to(membership: Membership | None) -> QuerySet[Encounter]:
    if not can(membership, Capability.LOG_ENCOUNTERS) or membership is None:
        return Encounter.objects.none()
    mine = Q(site_id=membership.organization.site_id)
    if membership.role != Role.PROJECT_MANAGER:
        mine &= Q(organization_id=membership.organization_id)
    people = Person.objects.filter(people_visible_filter(membership))
    return Encounter.objects.filter(mine & Q(person__in=people))


def team_referrals_visible_to(membership: Membership | None) -> QuerySet[TeamReferral]:
    return TeamReferral.objects.filter(encounter__in=encounters_visible_to(membership))


def access_team_referral(membership: Membership | None, pk: Any) -> TeamReferral:
    referral: TeamReferral = visible_one(
        team_referrals_visible_to(membership).select_related("person"), pk
    )
    return referral


def encounter_people(membership: Membership | None) -> QuerySet[Person]:
    """Whom an ambassador can name in an encounter: people they may see."""
    if not can(membership, Capability.LOG_ENCOUNTERS):
        return Person.objects.none()
    return Person.objects.filter(people_visible_filter(membership)).order_by(
        "preferred_name", "legal_last_name", "pk"
    )
