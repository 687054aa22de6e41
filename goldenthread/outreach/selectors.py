"""Reads for the encampment pages: each resident with the latest offer, whether they came
inside and where they stay now, and each encampment's tallies, in a fixed number of
queries however many residents there are."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.lodging.models import Stay
from goldenthread.outreach.models import (
    Encampment,
    Offer,
    OfferKind,
    OfferResponse,
    Resident,
    Visit,
)
from goldenthread.people.models import NAME_FIELDS

# A person's stays as the encampment pages need them: the day each began (in the current
# time zone) and the place's name while it is still open, else None.
StayDays = list[tuple[date, str | None]]


def _stays_of(people: Iterable[int]) -> dict[int, StayDays]:
    stays: dict[int, StayDays] = defaultdict(list)
    for person_id, checked_in_at, checked_out_at, place in Stay.objects.filter(
        person_id__in=people
    ).values_list("person_id", "checked_in_at", "checked_out_at", "unit__place__name"):
        began = timezone.localtime(checked_in_at).date()
        stays[person_id].append((began, place if checked_out_at is None else None))
    return stays


def came_inside(resident: Resident, stays: StayDays) -> bool:
    """A stay that began on or after the day outreach met them: a move from the encampment
    into lodging. The same rule as _came_inside_in_sql, over one page's rows in hand."""
    return any(began >= resident.first_met_on for began, _place in stays)


def _came_inside_in_sql() -> Exists:
    """came_inside for a count over every resident, inside the database. The moment is
    compared with the day itself, which both databases read as that day's midnight in the
    connection's zone (UTC), the zone came_inside reads days in: a `__date` lookup would
    make SQLite call back into Python for every stay it looks at."""
    return Exists(
        Stay.objects.filter(
            person_id=OuterRef("person_id"), checked_in_at__gte=OuterRef("first_met_on")
        )
    )


# Those still around first, most recently seen first; the lost at the end.
RESIDENT_ORDER = (F("lost_since").asc(nulls_first=True), "-last_seen_on", "pk")

# What the resident table reads of each resident and their person.
RESIDENT_ROW_FIELDS = (
    "person_id",
    "first_met_on",
    "last_seen_on",
    "lost_since",
    "last_known_place",
    *(f"person__{name}" for name in NAME_FIELDS),
)


@dataclass(frozen=True)
class ResidentRow:
    """A resident as the encampment page lists them."""

    resident: Resident
    visits: int
    situation: str
    offer: str


def resident_rows(residents: list[Resident]) -> list[ResidentRow]:
    """One page of residents with their visit count, where they are now and their latest
    offer, in three plain queries whatever the page's size (correlated subqueries cost
    more to build and compile than the rows cost to read)."""
    ids = [r.pk for r in residents]
    visits = dict(
        Visit.objects.filter(resident_id__in=ids)
        .values("resident_id")
        .annotate(n=Count("pk"))
        .values_list("resident_id", "n")
    )
    # Each resident's latest offer as (kind, response, reason): the first of theirs in
    # this order.
    offers: dict[int, tuple[str, str, str]] = {}
    for resident_id, kind, response, reason in (
        Offer.objects.filter(resident_id__in=ids)
        .order_by("resident_id", "-offered_on", "-pk")
        .values_list("resident_id", "kind", "response", "reason")
    ):
        offers.setdefault(resident_id, (kind, response, reason))
    stays = _stays_of([r.person_id for r in residents])
    return [
        ResidentRow(
            resident=r,
            visits=visits.get(r.pk, 0),
            situation=situation(r, stays.get(r.person_id, [])),
            offer=offer_summary(*offers[r.pk]) if r.pk in offers else "",
        )
        for r in residents
    ]


@dataclass(frozen=True)
class Tally:
    residents: int
    came_inside: int
    lost: int

    @property
    def still_outside(self) -> int:
        return self.residents - self.came_inside - self.lost


def encampment_tallies(encampments: "QuerySet[Encampment]") -> dict[int, Tally]:
    """Counts over every resident, seen by this reader or not: counts name nobody. Someone
    lost after coming inside counts as inside (their stay records how it ended)."""
    rows = (
        Resident.objects.filter(encampment__in=encampments)
        .annotate(inside=_came_inside_in_sql())
        .values("encampment_id")
        .annotate(
            n=Count("pk"),
            inside_n=Count("pk", filter=Q(inside=True)),
            lost_n=Count("pk", filter=Q(inside=False, lost_since__isnull=False)),
        )
        .order_by()
    )
    return {r["encampment_id"]: Tally(r["n"], r["inside_n"], r["lost_n"]) for r in rows}


def situation(resident: Resident, stays: StayDays) -> str:
    """Where a resident is now, in a few words, from their stays: (the day each began, the
    place if it is still open)."""
    staying_at = next((place for _began, place in stays if place), None)
    if staying_at:
        return _("Staying at %(place)s") % {"place": staying_at}
    if came_inside(resident, stays):
        return _("Came inside; no longer staying")
    if resident.lost_since:
        lost = _("Lost to follow-up since %(day)s") % {"day": resident.lost_since.isoformat()}
        return f"{lost} ({resident.last_known_place})" if resident.last_known_place else lost
    return _("Still at the encampment")


def offer_summary(kind: str, response: str, reason: str) -> str:
    """An offer and the answer, in a few words."""
    # The enums' labels: get_FOO_display() flattens the field's choices on every call.
    text = f"{OfferKind(kind).label}: {OfferResponse(response).label}"
    return f"{text} ({reason})" if reason else text
