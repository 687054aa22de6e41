"""The occupancy board at 200 rooms: a hotel the lodging liaison keeps, nine in ten rooms
taken, and the queries the board makes at 50 rooms and at 200 (the same number: the board
counts in the database, and lists who is staying in one query)."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.participants import _request
from goldenthread.accounts.models import User
from goldenthread.lodging.models import LodgingPlace, PlaceKind, Stay, Unit
from goldenthread.lodging.views import board
from goldenthread.organizations.models import Membership
from goldenthread.people.models import Person

ROOMS = 200
TAKEN = 0.9
LIAISON = "lodging.silva"


def fill(rooms: int, name: str) -> None:
    """A hotel of `rooms` rooms at the liaison's provider, nine in ten taken (setup)."""
    membership = Membership.objects.get(user__username=LIAISON)
    site = membership.organization.site
    place = LodgingPlace.objects.create(
        site=site, organization=membership.organization, name=name, kind=PlaceKind.HOTEL
    )
    units = Unit.objects.bulk_create(Unit(place=place, label=f"{n:03d}") for n in range(rooms))
    people = Person.objects.bulk_create(
        Person(site=site, preferred_name=f"Guest {name} {n}") for n in range(int(rooms * TAKEN))
    )
    now = timezone.now()
    Stay.objects.bulk_create(
        Stay(
            unit=unit,
            person=person,
            checked_in_at=now - timedelta(days=n % 30 + 1),
            agreement_version="2026-1",
            agreement_signed_on=(now - timedelta(days=n % 30 + 1)).date(),
            checked_in_by=membership.user,
        )
        for n, (unit, person) in enumerate(zip(units, people, strict=False))
    )


def board_queries() -> int:
    user = User.objects.get(username=LIAISON)
    membership = Membership.objects.get(user=user)
    with CaptureQueriesContext(connection) as queries:
        response = board(_request(user, membership))  # type: ignore[arg-type]
    assert response.status_code == 200
    return len(queries)


def prepare() -> dict[str, int]:
    """Query counts at 50 rooms and at 200 more, leaving the 200-room hotel for the pages."""
    LodgingPlace.objects.filter(name__startswith="Bench").delete()
    fill(50, "Bench Small")
    small = board_queries()
    Stay.objects.filter(unit__place__name="Bench Small").delete()
    Unit.objects.filter(place__name="Bench Small").delete()
    LodgingPlace.objects.filter(name="Bench Small").delete()
    fill(ROOMS, "Bench Inn")
    return {"50 rooms": small, f"{ROOMS} rooms": board_queries()}
