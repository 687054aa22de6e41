"""The occupancy board: for each place and night, how many units there are, how many were
taken and how many stood empty."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

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


def occupancy(
    site: Site, night: date, places: "QuerySet[LodgingPlace] | None" = None
) -> list[Occupancy]:
    """A stay holds a unit on the night of `night` when it began before the next morning
    and had not ended by then (check-out the next day ends it)."""
    morning = datetime.combine(night + timedelta(days=1), time.min, site.zone)
    holding = Q(checked_in_at__lt=morning) & (
        Q(checked_out_at=None) | Q(checked_out_at__gte=morning)
    )
    occupied = dict(
        Stay.objects.filter(holding, unit__place__site=site)
        .values_list("unit__place_id")
        .annotate(n=Count("pk"))
        .values_list("unit__place_id", "n")
    )
    places = (places if places is not None else LodgingPlace.objects.filter(site=site)).filter(
        is_active=True
    )
    # Meta.ordering does not apply to a grouped query: name the order.
    places = places.order_by("name").annotate(
        unit_count=Count("units", filter=Q(units__is_active=True))
    )
    return [Occupancy(p, p.unit_count, occupied.get(p.pk, 0)) for p in places]


def occupancy_nights(
    site: Site, places: "QuerySet[LodgingPlace]", nights: int
) -> list[tuple[date, list[Occupancy]]]:
    """The last `nights` nights up to tonight, oldest first."""
    tonight = site.today()
    return [
        (night, occupancy(site, night, places))
        for night in (tonight - timedelta(days=n) for n in range(nights - 1, -1, -1))
    ]
