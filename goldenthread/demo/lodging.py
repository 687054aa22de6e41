"""The demo's lodging: the Harborview Inn (a hotel the site rents rooms in, CoLEAD-style)
and a non-congregate shelter, with two months of stays of enrolled participants, some
still in their rooms and some gone, each with where they went."""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.lodging.models import ExitHousing, LodgingPlace, PlaceKind, Unit
from goldenthread.lodging.services import stay_check_in, stay_check_out
from goldenthread.organizations.models import Organization, Site
from goldenthread.people.models import Person
from goldenthread.referrals.models import ReferralStatus

PLACES = (
    (
        "Harborview Inn",
        PlaceKind.HOTEL,
        [f"{floor}{room:02d}" for floor in (1, 2) for room in range(1, 13)],
    ),
    ("Eastside Pallet Village", PlaceKind.SHELTER, [f"Bed {n}" for n in range(1, 13)]),
)
EXITS = (
    ExitHousing.PERMANENT,
    ExitHousing.PERMANENT,
    ExitHousing.RETURNED,
    ExitHousing.OTHER,
    ExitHousing.UNKNOWN,
)


def build_lodging(*, site: Site, provider: Organization, liaison: User, seed: int) -> None:
    if LodgingPlace.objects.filter(site=site).exists():
        return  # built before: the demo command is idempotent
    rng = random.Random(f"lodging:{seed}")
    places = []
    for name, kind, labels in PLACES:
        place = LodgingPlace.objects.create(site=site, organization=provider, name=name, kind=kind)
        Unit.objects.bulk_create(Unit(place=place, label=label) for label in labels)
        places.append(place)
    enrolled = list(
        Person.objects.filter(
            site=site, referrals__status=ReferralStatus.ENROLLED, merged_into=None
        )
        .distinct()
        .order_by("pk")[:30]
    )
    today = site.today()
    for number, person in enumerate(enrolled):
        place = places[number % 2]
        arrived = today - timedelta(days=rng.randrange(3, 60))
        at = datetime.combine(arrived, time(rng.randrange(10, 20)), site.zone)
        stay = stay_check_in(
            actor=liaison,
            person=person,
            place=place,
            agreement_version="2026-1",
            agreement_signed_on=arrived,
            at=at,
        )
        if number % 3 == 0:
            stay_check_out(
                actor=liaison,
                stay=stay,
                exit_housing=rng.choice(EXITS),
                at=min(
                    at + timedelta(days=rng.randrange(1, (today - arrived).days + 1)),
                    timezone.now(),
                ),
            )
