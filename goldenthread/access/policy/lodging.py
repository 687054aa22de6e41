"""Lodging: a lodging liaison keeps the places their own organization runs; the project
manager oversees every place of the site."""

from django.db.models import QuerySet

from goldenthread.access.policy.roles import Capability, can
from goldenthread.lodging.models import LodgingPlace
from goldenthread.organizations.models import Membership, Role


def lodging_places_visible_to(membership: Membership | None) -> QuerySet[LodgingPlace]:
    if not can(membership, Capability.KEEP_LODGING) or membership is None:
        return LodgingPlace.objects.none()
    places = LodgingPlace.objects.filter(site_id=membership.organization.site_id)
    if membership.role == Role.LODGING_LIAISON:
        places = places.filter(organization_id=membership.organization_id)
    return places
