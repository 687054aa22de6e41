"""Stays over the API, for a lodging partner's own front desk: the places it keeps."""

from datetime import date, datetime

from django.db.models import QuerySet
from ninja import Field, Query, Router, Schema

from goldenthread.access.policy import stays_visible_to
from goldenthread.api_shapes import Key, PageOut, Paging, example, page_example, page_of
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures
from goldenthread.http import AuthedRequest
from goldenthread.lodging.models import Stay
from goldenthread.people.models import NAME_FIELDS
from goldenthread.tokens.auth import token_auth
from goldenthread.tokens.models import Scope

router = Router(tags=["lodging"])


class StayFilters(Paging):
    place_id: Key | None = None
    current: bool | None = Field(None, description="Only stays open now (true) or ended (false).")


STAY_EXAMPLE = {
    "id": 1290,
    "place_id": 2,
    "place": "Harborview Inn",
    "unit": "214",
    "person_id": 418,
    "name": "Marcus Reed",
    "checked_in_at": "2026-11-02T01:30:00Z",
    "checked_out_at": None,
    "agreement_signed_on": "2026-11-01",
    "exit_housing": "",
}


class StayOut(Schema):
    model_config = example(STAY_EXAMPLE)

    id: int
    place_id: Key
    place: str
    unit: str
    person_id: Key
    name: str
    checked_in_at: datetime
    checked_out_at: datetime | None
    agreement_signed_on: date
    exit_housing: str = Field(description="Where the person went; empty while staying.")


class StayPage(PageOut):
    model_config = page_example(STAY_EXAMPLE)

    items: list[StayOut]


@router.get(
    "/lodging/stays",
    response=StayPage,
    auth=token_auth(Scope.LODGING_READ),
    summary="Stays at the places you keep, newest check-in first",
)
def stay_list(request: AuthedRequest, filters: Query[StayFilters]) -> StayPage:
    stays: QuerySet[Stay] = stays_visible_to(request.membership)
    if filters.place_id:
        stays = stays.filter(unit__place_id=filters.place_id)
    if filters.current is not None:
        stays = stays.filter(checked_out_at__isnull=filters.current)
    rows, page = page_of(
        stays.select_related("unit__place", "person")
        .only(
            "checked_in_at",
            "checked_out_at",
            "agreement_signed_on",
            "exit_housing",
            "unit__label",
            "unit__place__name",
            *(f"person__{name}" for name in NAME_FIELDS),
        )
        .order_by("-checked_in_at", "-pk"),
        filters,
    )
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed={stay.person_id: [] for stay in rows},
        detail={"api": True, "lodging": "stays"},
    )
    return StayPage(
        **page,
        items=[
            StayOut(
                id=stay.pk,
                place_id=stay.unit.place_id,
                place=stay.unit.place.name,
                unit=stay.unit.label,
                person_id=stay.person_id,
                name=stay.person.display_name,
                checked_in_at=stay.checked_in_at,
                checked_out_at=stay.checked_out_at,
                agreement_signed_on=stay.agreement_signed_on,
                exit_housing=stay.exit_housing,
            )
            for stay in rows
        ],
    )
