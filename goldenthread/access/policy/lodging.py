"""Lodging: a lodging liaison keeps the places their own organization runs; the project
manager oversees every place of the site. Keeping a place is reading its stays, the notes on
them, its shift leads and its on-call log."""

from datetime import timedelta
from typing import Any

from django.db.models import Q, QuerySet

from goldenthread.access.policy.participants import people_visible_filter
from goldenthread.access.policy.roles import Capability, can, visible_one
from goldenthread.lodging.models import LodgingPlace, OnCallEntry, Shift, Stay, StayNote
from goldenthread.organizations.models import Membership, Role
from goldenthread.outreach.models import Offer, OfferResponse
from goldenthread.people.models import Person


def lodging_places_visible_to(membership: Membership | None) -> QuerySet[LodgingPlace]:
    if not can(membership, Capability.KEEP_LODGING) or membership is None:
        return LodgingPlace.objects.none()
    places = LodgingPlace.objects.filter(site_id=membership.organization.site_id)
    if membership.role == Role.LODGING_LIAISON:
        places = places.filter(organization_id=membership.organization_id)
    return places


def access_lodging_place(membership: Membership | None, pk: Any) -> LodgingPlace:
    place: LodgingPlace = visible_one(lodging_places_visible_to(membership), pk)
    return place


# How long an accepted offer of a room keeps the person on the place's check-in list.
OFFER_HOLDS_DAYS = 30


def lodging_candidates(membership: Membership | None) -> QuerySet[Person]:
    """Whom this member may check in, if not staying anywhere now: people they may see,
    and people who accepted a room or bed at one of their places in the last 30 days
    (saying yes to a room at this hotel is saying yes to its staff knowing your name)."""
    if not can(membership, Capability.KEEP_LODGING) or membership is None:
        return Person.objects.none()
    staying = Stay.objects.filter(checked_out_at=None).values("person_id")
    since = membership.organization.site.today() - timedelta(days=OFFER_HOLDS_DAYS)
    accepted = Offer.objects.filter(
        response=OfferResponse.ACCEPTED,
        offered_on__gte=since,
        place__in=lodging_places_visible_to(membership),
    ).values("resident__person_id")
    return (
        Person.objects.filter(
            people_visible_filter(membership)
            | Q(pk__in=accepted, site_id=membership.organization.site_id, merged_into=None)
        )
        .exclude(pk__in=staying)
        .order_by("preferred_name", "legal_last_name", "pk")
    )


def open_stays_visible_to(membership: Membership | None) -> QuerySet[Stay]:
    """Who is in a room or bed now at the places this member keeps: a provider knows whom
    it lodges, whatever else a release lets it read."""
    return Stay.objects.filter(
        checked_out_at=None, unit__place__in=lodging_places_visible_to(membership)
    )


def access_open_stay(membership: Membership | None, pk: Any) -> Stay:
    stay: Stay = visible_one(open_stays_visible_to(membership), pk)
    return stay


def stays_visible_to(membership: Membership | None) -> QuerySet[Stay]:
    """Every stay, past or present, at the places this member keeps."""
    return Stay.objects.filter(unit__place__in=lodging_places_visible_to(membership))


def access_stay(membership: Membership | None, pk: Any) -> Stay:
    stay: Stay = visible_one(stays_visible_to(membership), pk)
    return stay


def stay_notes_visible_to(membership: Membership | None) -> QuerySet[StayNote]:
    return StayNote.objects.filter(stay__in=stays_visible_to(membership))


def shifts_visible_to(membership: Membership | None) -> QuerySet[Shift]:
    return Shift.objects.filter(place__in=lodging_places_visible_to(membership))


def on_call_entries_visible_to(membership: Membership | None) -> QuerySet[OnCallEntry]:
    return OnCallEntry.objects.filter(shift__in=shifts_visible_to(membership))
