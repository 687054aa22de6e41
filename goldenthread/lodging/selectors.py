"""The occupancy board: for each place and night, how many units there are, how many were
taken and how many stood empty."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet

from goldenthread.lodging.models import LodgingPlace, Stay, Unit
from goldenthread.organizations.models import Site


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
    return datetime.combine(night + timedelta(days=1), time.min, site.zone)


def _holding(site: Site, night: date) -> Q:
    """A stay holds a unit on the night of `night` when it began before the next morning
    and had not ended by then (check-out the next day ends it)."""
    morning = _morning_after(site, night)
    return Q(checked_in_at__lt=morning) & (Q(checked_out_at=None) | Q(checked_out_at__gte=morning))


def occupancy_by_night(
    site: Site, nights: list[date], places: "QuerySet[LodgingPlace] | None" = None
) -> list[tuple[date, list[Occupancy]]]:
    """Each night's occupancy of each place in use: one query counts every night at once."""
    in_use = (places if places is not None else LodgingPlace.objects.filter(site=site)).filter(
        is_active=True
    )
    # Meta.ordering does not apply to a grouped query: name the order.
    annotated: list[Any] = list(
        in_use.order_by("name").annotate(unit_count=Count("units", filter=Q(units__is_active=True)))
    )
    counts = {f"n{i}": Count("pk", filter=_holding(site, night)) for i, night in enumerate(nights)}
    taken = {
        row["unit__place_id"]: row
        for row in Stay.objects.filter(
            # Only stays that held a unit on one of these nights: history is not read.
            Q(checked_in_at__lt=_morning_after(site, max(nights)))
            & (Q(checked_out_at=None) | Q(checked_out_at__gte=_morning_after(site, min(nights)))),
            unit__place__in=[p.pk for p in annotated],
        )
        .values("unit__place_id")
        .annotate(**counts)
        .order_by()
    }
    return [
        (
            night,
            [Occupancy(p, p.unit_count, taken.get(p.pk, {}).get(f"n{i}", 0)) for p in annotated],
        )
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
