"""Reads for lodging: the occupancy board (for each place and night, how many units there
are, how many were taken and how many stood empty), free units, who may lead a shift, and
the night clock of the on-call log."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet

from goldenthread.accounts.models import User
from goldenthread.casework.selectors import status_on
from goldenthread.lodging.models import SHIFT_HOURS, LodgingPlace, Shift, ShiftKind, Stay, Unit
from goldenthread.lodging.readiness import EXIT_CHECKLIST
from goldenthread.organizations.models import Role, Site
from goldenthread.people.models import NAME_FIELDS, Person

# What the board's list of who is staying now reads of each stay, its person and its unit.
STAYING_NOW_FIELDS = (
    "person_id",
    "checked_in_at",
    "unit__label",
    "unit__place__name",
    *(f"person__{name}" for name in NAME_FIELDS),
)


def shift_leads(place: LodgingPlace) -> QuerySet[User]:
    """Who may lead a shift at a place: the lodging liaisons of the organization that runs it."""
    return User.objects.filter(
        memberships__organization_id=place.organization_id,
        memberships__role=Role.LODGING_LIAISON,
        memberships__is_active=True,
        is_active=True,
    ).order_by("first_name", "username")


def free_units(place: LodgingPlace) -> QuerySet[Unit]:
    """The place's rooms or beds in use that hold no open stay."""
    taken = Stay.objects.filter(checked_out_at=None).values("unit_id")
    return place.units.filter(is_active=True).exclude(pk__in=taken).order_by("label")


@dataclass(frozen=True)
class Occupancy:
    place: LodgingPlace
    units: int
    occupied: int

    @property
    def vacant(self) -> int:
        return self.units - self.occupied


def _morning_after(site: Site, night: date) -> datetime:
    """A stay holds a unit on the night of `night` when it began before the next morning
    and had not ended by then (check-out the next day ends it)."""
    return datetime.combine(night + timedelta(days=1), time.min, site.zone)


def occupancy_by_night(
    site: Site, nights: list[date], places: "QuerySet[LodgingPlace] | None" = None
) -> list[tuple[date, list[Occupancy]]]:
    """Each night's occupancy of each place in use, from one read of the stays that held a
    unit on any of these nights (a few hundred rows for a large hotel's week)."""
    in_use = (places if places is not None else LodgingPlace.objects.filter(site=site)).filter(
        is_active=True
    )
    # Meta.ordering does not apply to a grouped query: name the order.
    annotated: list[Any] = list(
        in_use.order_by("name").annotate(unit_count=Count("units", filter=Q(units__is_active=True)))
    )
    mornings = [_morning_after(site, night) for night in nights]
    spans = Stay.objects.filter(
        Q(checked_in_at__lt=max(mornings))
        & (Q(checked_out_at=None) | Q(checked_out_at__gte=min(mornings))),
        unit__place__in=[p.pk for p in annotated],
    ).values_list("unit__place_id", "checked_in_at", "checked_out_at")
    taken: Counter[tuple[int, int]] = Counter()
    for place_id, checked_in, checked_out in spans:
        for i, morning in enumerate(mornings):
            if checked_in < morning and (checked_out is None or checked_out >= morning):
                taken[place_id, i] += 1
    return [
        (night, [Occupancy(p, p.unit_count, taken[p.pk, i]) for p in annotated])
        for i, night in enumerate(nights)
    ]


def occupancy(
    site: Site, night: date, places: "QuerySet[LodgingPlace] | None" = None
) -> list[Occupancy]:
    return occupancy_by_night(site, [night], places)[0][1]


def occupancy_nights(
    site: Site, places: "QuerySet[LodgingPlace]", nights: int
) -> list[tuple[date, list[Occupancy]]]:
    """The last `nights` nights up to tonight, oldest first."""
    tonight = site.today()
    days = [tonight - timedelta(days=n) for n in range(nights - 1, -1, -1)]
    return occupancy_by_night(site, days, places)


def exit_checklist_known(person: Person) -> dict[str, str]:
    """{kind: value} of the checklist's documents and insurance as known today."""
    records = person.status_records.filter(kind__in=EXIT_CHECKLIST)
    return {kind: record.value for kind, record in status_on(records, person.site.today()).items()}


def on_call_window(shift: Shift) -> tuple[datetime, datetime]:
    """When a shift starts and ends in the site's clock; the overnight one ends the next
    morning."""
    zone = shift.place.site.zone
    starts, ends = SHIFT_HOURS[ShiftKind(shift.kind)]
    end_day = shift.day + timedelta(days=1) if ends <= starts else shift.day
    return (
        datetime.combine(shift.day, starts, tzinfo=zone),
        datetime.combine(end_day, ends, tzinfo=zone),
    )


def night_of(site: Site, moment: datetime) -> date:
    """The night a moment belongs to, by the day it began: 02:00 on Tuesday is Monday night,
    and so is the afternoon after it, when the day staff read the log at handover."""
    starts = SHIFT_HOURS[ShiftKind.OVERNIGHT][0]
    local = moment.astimezone(site.zone)
    return local.date() if local.time() >= starts else local.date() - timedelta(days=1)


def night_moment(site: Site, night: date, at: time) -> datetime:
    """A time of the night's log as a moment: before the shift starts, the next morning."""
    starts = SHIFT_HOURS[ShiftKind.OVERNIGHT][0]
    day = night if at >= starts else night + timedelta(days=1)
    return datetime.combine(day, at, tzinfo=site.zone)
