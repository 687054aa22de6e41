"""The demo's lodging: the Harborview Inn (a hotel the site rents rooms in, CoLEAD-style)
and a non-congregate shelter, with two months of stays of enrolled participants, some
still in their rooms and some gone, each with where they went; the liaisons' notes on
stays, the inn's shift leads for three weeks and two weeks of its overnight on-call log."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.lodging.models import ExitHousing, LodgingPlace, PlaceKind, ShiftKind, Stay, Unit
from goldenthread.lodging.selectors import night_moment, shift_leads
from goldenthread.lodging.services import (
    on_call_log,
    shift_lead_set,
    stay_check_in,
    stay_check_out,
    stay_note_add,
)
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


NOTES = (
    "Room check: all well, room tidy.",
    "Asked for help getting a bus pass to the clinic.",
    "Reminded of the guest policy after a visitor stayed late.",
    "Picked up the mail; a letter from the housing authority.",
    "Said the heater is broken; maintenance called.",
)
ON_CALL = (
    "Locked out; let them back in.",
    "Front desk called about noise on the second floor; quiet after a knock.",
    "Welfare check at the door after no answer all evening; fine, was asleep.",
    "Guest asked for someone to talk to; stayed on the phone twenty minutes.",
    "Smoke alarm tested by a guest's cooking; no fire, window opened.",
)


def build_lodging(*, site: Site, provider: Organization, liaison: User, seed: int) -> None:
    if LodgingPlace.objects.filter(site=site).exists():
        return  # built before: the demo command is idempotent
    rng = random.Random(f"lodging:{seed}")
    notes_rng = random.Random(f"lodging-notes:{seed}")
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
        # Within the stay's first day, which every stay outlasts.
        for hours in (2, 22)[: notes_rng.randrange(0, 3)]:
            stay_note_add(
                actor=liaison,
                stay=stay,
                text=notes_rng.choice(NOTES),
                at=at + timedelta(hours=hours),
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

    _rota_and_on_call(places[0], rng, today)


def _rota_and_on_call(place: LodgingPlace, rng: random.Random, today: date) -> None:
    """Three weeks of shift leads (two past, one ahead) and the past two weeks' overnight
    log, each line at a time of that night and about a guest staying then, if anyone."""
    leads = list(shift_leads(place))
    for back in range(-6, 15):
        day = today - timedelta(days=back)
        for turn, kind in enumerate(ShiftKind.values):
            shift = shift_lead_set(
                actor=leads[0],
                place=place,
                day=day,
                kind=kind,
                lead=leads[(back + turn) % len(leads)],
            )
            if kind != ShiftKind.OVERNIGHT or back < 1:
                continue
            for _ in range(rng.randrange(0, 3)):
                at = night_moment(
                    place.site, day, time(rng.choice((22, 23, 0, 1, 2, 3, 5, 6)), rng.randrange(60))
                )
                if at > timezone.now():
                    continue  # later tonight
                staying = list(
                    Stay.objects.filter(unit__place=place, checked_in_at__lte=at)
                    .exclude(checked_out_at__lt=at)
                    .order_by("pk")
                )
                on_call_log(
                    actor=shift.lead,
                    shift=shift,
                    occurred_at=at,
                    stay=rng.choice(staying) if staying else None,
                    what_happened=rng.choice(ON_CALL),
                )
