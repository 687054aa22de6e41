"""Encampment outreach: the outreach workers of every partner in the coalition see the
site's encampments (places, not people); residents are people, and each worker sees only
the residents the release-of-information rules let them see."""

from typing import Any

from django.db.models import QuerySet

from goldenthread.access.policy.participants import people_visible_filter
from goldenthread.access.policy.roles import Capability, can, visible_one
from goldenthread.lodging.models import LodgingPlace
from goldenthread.organizations.models import Membership
from goldenthread.outreach.models import Encampment, Resident
from goldenthread.people.models import Person


def encampments_visible_to(membership: Membership | None) -> QuerySet[Encampment]:
    if not can(membership, Capability.DO_OUTREACH) or membership is None:
        return Encampment.objects.none()
    return Encampment.objects.filter(site_id=membership.organization.site_id)


def access_encampment(membership: Membership | None, pk: Any) -> Encampment:
    encampment: Encampment = visible_one(encampments_visible_to(membership), pk)
    return encampment


def residents_visible_to(membership: Membership | None) -> QuerySet[Resident]:
    if not can(membership, Capability.DO_OUTREACH):
        return Resident.objects.none()
    people = Person.objects.filter(people_visible_filter(membership))
    return Resident.objects.filter(
        encampment__in=encampments_visible_to(membership), person__in=people
    )


def residents_at(membership: Membership | None, encampment: Encampment) -> QuerySet[Resident]:
    """The residents of one encampment this member may see: the same rule as
    residents_visible_to, with the encampment's own site checked instead of a subquery of
    every visible encampment (the encampment page is the one outreach keeps open)."""
    if (
        not can(membership, Capability.DO_OUTREACH)
        or membership is None
        or encampment.site_id != membership.organization.site_id
    ):
        return Resident.objects.none()
    people = Person.objects.filter(people_visible_filter(membership))
    return Resident.objects.filter(encampment=encampment, person__in=people)


def access_resident(membership: Membership | None, pk: Any) -> Resident:
    resident: Resident = visible_one(
        residents_visible_to(membership).select_related("person", "encampment"), pk
    )
    return resident


def resident_candidates(membership: Membership | None, encampment: Encampment) -> QuerySet[Person]:
    """People this worker may see who are not yet residents of this encampment."""
    if not can(membership, Capability.DO_OUTREACH):
        return Person.objects.none()
    there = Resident.objects.filter(encampment=encampment).values("person_id")
    return (
        Person.objects.filter(people_visible_filter(membership))
        .exclude(pk__in=there)
        .order_by("preferred_name", "legal_last_name", "pk")
    )


def offer_places(membership: Membership | None) -> QuerySet[LodgingPlace]:
    """The lodging places an outreach worker can offer a room or bed at: every place of
    the site in use (a place is not personal data)."""
    if not can(membership, Capability.DO_OUTREACH) or membership is None:
        return LodgingPlace.objects.none()
    return LodgingPlace.objects.filter(site_id=membership.organization.site_id, is_active=True)
