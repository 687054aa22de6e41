"""The demo's encampment outreach (JustCARE-style): two encampments resolved over the past
year and a half, one per wave, whose residents came inside to the Pioneer Square Hotel and
left it for where they went; and one encampment where outreach began six weeks ago, with
people known by street names, weekly visits, offers taken and refused, and two who have
just checked in to the Harborview Inn. The second wave leaves for permanent housing far
more often than the first, as the UW follow-up of JustCARE reported."""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from goldenthread.accounts.models import User
from goldenthread.casework.services import status_record
from goldenthread.lodging.models import ExitHousing, LodgingPlace, PlaceKind, Unit
from goldenthread.lodging.readiness import HOUSING_READY
from goldenthread.lodging.services import stay_check_in, stay_check_out
from goldenthread.organizations.models import Organization, Site
from goldenthread.outreach import services
from goldenthread.outreach.models import Encampment, Need, OfferKind, OfferResponse, Resident
from goldenthread.people.models import Person

STREET_NAMES = (
    "Sparrow", "Robin", "Wren", "Finch", "Jay", "Lark", "Hawk", "Dove", "Raven", "Heron",
    "Swift", "Starling", "Magpie", "Osprey", "Tern", "Red", "Tiny", "Doc", "Shorty", "Smiley",
    "Boots", "Sunny", "Preacher", "Cookie", "Slim", "Country", "Chief", "Lucky",
)  # fmt: skip
DECLINED = (
    "My partner can't come with me",
    "Not without my dog",
    "Shelters aren't safe for me",
    "Not ready yet",
    "I want to stay near my methadone clinic",
    "",
)


@dataclass(frozen=True)
class Camp:
    name: str
    location: str
    opened: int  # days ago
    resolved: int | None
    residents: int
    came_inside: int
    lost: int
    # Housing at exit of those who came inside and left, in order; the rest still stay.
    exits: tuple[str, ...]
    ready_share: float  # of those who exited: documents and insurance in place first


P, R, OT, U = ExitHousing.PERMANENT, ExitHousing.RETURNED, ExitHousing.OTHER, ExitHousing.UNKNOWN
CAMPS = (
    Camp(
        "8th Ave S and S King St",
        "Under the I-5 ramp, east side of 8th Ave S at S King St",
        430, 330, 24, 18, 3,
        (P, P, P, P, R, R, R, R, R, R, R, R, R, OT, OT, U, U, U),
        0.3,
    ),
    Camp(
        "Occidental Park",
        "Northwest corner of the park, by the totem poles",
        230, 170, 20, 16, 2,
        (P, P, P, P, P, P, P, P, P, R, R, U),
        0.9,
    ),
    Camp(
        "Jackson St underpass",
        "Under the viaduct at S Jackson St and 4th Ave S",
        42, None, 12, 2, 1,
        (),
        0.0,
    ),
)  # fmt: skip


def build_outreach(
    *,
    site: Site,
    organization: Organization,
    provider: Organization,
    worker: User,
    liaison: User,
    manager: User,
    seed: int,
) -> None:
    if Encampment.objects.filter(site=site).exists():
        return  # built before: the demo command is idempotent
    rng = random.Random(f"outreach:{seed}")
    today = site.today()
    hotel = LodgingPlace.objects.create(
        site=site, organization=provider, name="Pioneer Square Hotel", kind=PlaceKind.HOTEL
    )
    rooms = Unit.objects.bulk_create(Unit(place=hotel, label=f"{300 + n}") for n in range(40))
    services.wave_create(
        actor=manager,
        site=site,
        name="Wave 1",
        starts_on=today - timedelta(days=450),
        ends_on=today - timedelta(days=241),
    )
    services.wave_create(
        actor=manager,
        site=site,
        name="Wave 2",
        starts_on=today - timedelta(days=240),
        ends_on=today,
    )
    harborview = LodgingPlace.objects.get(site=site, name="Harborview Inn")
    room = iter(rooms)
    for camp in CAMPS:
        encampment = services.encampment_create(
            actor=worker,
            organization=organization,
            name=camp.name,
            location=camp.location,
            opened_on=today - timedelta(days=camp.opened),
        )
        residents = [
            services.resident_add(
                actor=worker,
                organization=organization,
                encampment=encampment,
                street_name=rng.choice(STREET_NAMES),
                first_met_on=today - timedelta(days=camp.opened - rng.randrange(0, 14)),
            )
            for _ in range(camp.residents)
        ]
        for number, resident in enumerate(residents):
            _weeks_of_visits(rng, worker, resident, today, camp)
            if number < camp.came_inside:
                place = harborview if camp.resolved is None else hotel
                day = _offer_accepted(rng, worker, resident, today, place)
                at = datetime.combine(day, time(15), site.zone)
                if camp.resolved is None:
                    stay_check_in(
                        actor=liaison,
                        person=resident.person,
                        place=harborview,
                        agreement_version="2026-1",
                        agreement_signed_on=day,
                        at=at,
                    )
                    continue
                stay = stay_check_in(
                    actor=liaison,
                    person=resident.person,
                    unit=next(room),
                    agreement_version="2024-2",
                    agreement_signed_on=day,
                    at=at,
                )
                if number < len(camp.exits):
                    left = min(day + timedelta(days=rng.randrange(45, 160)), today)
                    ready = rng.random() < camp.ready_share
                    if ready:
                        _housing_ready(manager, resident.person, left - timedelta(days=20))
                    stay_check_out(
                        actor=liaison,
                        stay=stay,
                        exit_housing=camp.exits[number],
                        # Some tell the liaison at exit that they have applied for an ID
                        # and enrolled in Medicaid.
                        checklist={} if ready or number % 3 else ASKED_AT_EXIT,
                        at=datetime.combine(left, time(11), site.zone),
                    )
            elif number < camp.came_inside + camp.lost:
                services.resident_mark_lost(
                    actor=worker,
                    resident=Resident.objects.get(pk=resident.pk),
                    since=Resident.objects.get(pk=resident.pk).last_seen_on,
                    last_known_place=rng.choice(("Near the Jungle", "SoDo", "Left for Tacoma", "")),
                )
        if camp.resolved is not None:
            services.encampment_resolve(
                actor=worker,
                encampment=encampment,
                resolved_on=today - timedelta(days=camp.resolved),
            )


def _weeks_of_visits(
    rng: random.Random, worker: User, resident: Resident, today: date, camp: Camp
) -> None:
    """A visit a week or so while outreach is at the encampment (up to six)."""
    day = resident.first_met_on
    end = today - timedelta(days=camp.resolved or 0)
    for _ in range(rng.randrange(2, 7)):
        if day > end:
            break
        services.visit_record(
            actor=worker,
            resident=resident,
            visited_on=day,
            needs=rng.sample(Need.values, rng.randrange(0, 4)),
        )
        day += timedelta(days=rng.randrange(5, 10))


def _offer_accepted(
    rng: random.Random, worker: User, resident: Resident, today: date, place: LodgingPlace
) -> date:
    """Often a refusal first (with the person's reason), then a room accepted."""
    resident.refresh_from_db()
    day = min(resident.last_seen_on + timedelta(days=1), today)
    if rng.random() < 0.5:
        services.offer_record(
            actor=worker,
            resident=resident,
            offered_on=day,
            kind=rng.choice((OfferKind.SHELTER, OfferKind.LODGING)),
            response=OfferResponse.DECLINED,
            reason=rng.choice(DECLINED),
        )
        day = min(day + timedelta(days=rng.randrange(3, 10)), today)
    services.offer_record(
        actor=worker,
        resident=resident,
        offered_on=day,
        kind=OfferKind.LODGING,
        response=OfferResponse.ACCEPTED,
        place=place,
        reason=rng.choice(("A door that locks", "Somewhere to keep my meds", "")),
    )
    return day


ASKED_AT_EXIT = {"photo_id": "applied", "insurance": "medicaid"}


def _housing_ready(manager: User, person: Person, day: date) -> None:
    for kind in HOUSING_READY:
        status_record(actor=manager, person=person, kind=kind, value="held", as_of=day)
    status_record(actor=manager, person=person, kind="insurance", value="medicaid", as_of=day)
