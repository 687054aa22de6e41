"""The occupancy board: for each place and night, how many units there are, how many were
taken and how many stood empty."""

from collections import Counter
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
