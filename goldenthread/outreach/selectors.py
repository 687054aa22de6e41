"""Reads for the encampment pages: each resident with the latest offer, whether they came
inside, and where they stay now, in one query however many residents there are."""

from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
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


def _came_inside() -> Exists:
    """A stay that began on or after the day outreach met them: a move from the encampment
    into lodging."""
    return Exists(
        Stay.objects.filter(
            person_id=OuterRef("person_id"), checked_in_at__date__gte=OuterRef("first_met_on")
        )
    )


def resident_rows(residents: "QuerySet[Resident]") -> "QuerySet[Resident]":
    latest_offer = Offer.objects.filter(resident=OuterRef("pk")).order_by("-offered_on", "-pk")
    visits = (
        Visit.objects.filter(resident=OuterRef("pk"))
        .order_by()
        .values("resident")
        .annotate(n=Count("pk"))
        .values("n")
    )
    staying = Stay.objects.filter(person_id=OuterRef("person_id"), checked_out_at=None)
    return (
        residents.select_related("person")
        .annotate(
            visit_count=Coalesce(Subquery(visits, output_field=IntegerField()), Value(0)),
            offer_kind=Subquery(latest_offer.values("kind")[:1]),
            offer_response=Subquery(latest_offer.values("response")[:1]),
            offer_reason=Subquery(latest_offer.values("reason")[:1]),
            staying_at=Subquery(staying.values("unit__place__name")[:1]),
            came_inside=_came_inside(),
        )
        .order_by(F("lost_since").asc(nulls_first=True), "-last_seen_on", "pk")
    )


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
        .annotate(inside=_came_inside())
        .values("encampment_id")
        .annotate(
            n=Count("pk"),
            inside_n=Count("pk", filter=Q(inside=True)),
            lost_n=Count("pk", filter=Q(inside=False, lost_since__isnull=False)),
        )
        .order_by()
    )
    return {r["encampment_id"]: Tally(r["n"], r["inside_n"], r["lost_n"]) for r in rows}


def situation(row: Resident) -> str:
    """Where a resident of `resident_rows` is now, in a few words."""
    if row.staying_at:  # type: ignore[attr-defined]
        return _("Staying at %(place)s") % {"place": row.staying_at}  # type: ignore[attr-defined]
    if row.came_inside:  # type: ignore[attr-defined]
        return _("Came inside; no longer staying")
    if row.lost_since:
        lost = _("Lost to follow-up since %(day)s") % {"day": row.lost_since.isoformat()}
        return f"{lost} ({row.last_known_place})" if row.last_known_place else lost
    return _("Still at the encampment")


def latest_offer(row: Resident) -> str:
    """The latest offer of a row of `resident_rows` and the answer, in a few words."""
    if not row.offer_kind:  # type: ignore[attr-defined]
        return ""
    text = f"{OfferKind(row.offer_kind).label}: {OfferResponse(row.offer_response).label}"  # type: ignore[attr-defined]
    return f"{text} ({row.offer_reason})" if row.offer_reason else text  # type: ignore[attr-defined]
