"""Work-group action items over the API, for the partners' own task systems."""

from datetime import date, datetime

from django.db.models import QuerySet
from ninja import Field, Query, Router, Schema

from goldenthread.access.policy import actions_owned_by, actions_visible_to
from goldenthread.api_shapes import Key, PageOut, Paging, example, page_example, page_of
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures
from goldenthread.conferencing.models import ActionItem, ActionStatus
from goldenthread.http import AuthedRequest
from goldenthread.people.models import Person
from goldenthread.tokens.auth import token_auth
from goldenthread.tokens.models import Scope

router = Router(tags=["work groups"])


class ItemFilters(Paging):
    status: ActionStatus | None = None
    work_group_id: Key | None = None
    mine: bool = Field(False, description="Only open items you or your organization own.")


ITEM_EXAMPLE = {
    "id": 812,
    "work_group_id": 4,
    "work_group": "Downtown operational work group",
    "description": "Ask the shelter about a bed held for Thursday",
    "owner": "Evergreen Treatment Services",
    "due_on": "2026-12-03",
    "status": "open",
    "done_at": None,
    "person_id": 418,
}


class ItemOut(Schema):
    model_config = example(ITEM_EXAMPLE)

    id: int
    work_group_id: Key
    work_group: str
    description: str
    owner: str = Field(description="The person who owns it, else their organization.")
    due_on: date
    status: ActionStatus
    done_at: datetime | None
    person_id: Key | None = Field(
        description="The participant it concerns, only when you may see them."
    )


class ItemPage(PageOut):
    model_config = page_example(ITEM_EXAMPLE)

    items: list[ItemOut]


@router.get(
    "/work-group-items",
    response=ItemPage,
    auth=token_auth(Scope.WORK_GROUPS_READ),
    summary="Action items of the work groups your organization sits in, soonest due first",
)
def item_list(request: AuthedRequest, filters: Query[ItemFilters]) -> ItemPage:
    membership = request.membership
    items: QuerySet[ActionItem] = (
        actions_owned_by(membership) if filters.mine else actions_visible_to(membership)
    )
    if filters.status:
        items = items.filter(status=filters.status)
    if filters.work_group_id:
        items = items.filter(work_group_id=filters.work_group_id)
    rows, page = page_of(
        items.select_related("work_group", "owner_user", "owner_organization").order_by(
            "due_on", "pk"
        ),
        filters,
    )
    concerned = {row.person_id for row in rows if row.person_id}
    visible = set(
        Person.objects.visible_to(membership).filter(pk__in=concerned).values_list("pk", flat=True)
    )
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed={pk: [] for pk in visible},
        detail={"api": True, "action items": len(rows)},
    )
    return ItemPage(
        **page,
        items=[
            ItemOut(
                id=row.pk,
                work_group_id=row.work_group_id,
                work_group=row.work_group.name,
                description=row.description,
                owner=str(row.owner_user or row.owner_organization),
                due_on=row.due_on,
                status=ActionStatus(row.status),
                done_at=row.done_at,
                person_id=row.person_id if row.person_id in visible else None,
            )
            for row in rows
        ],
    )
