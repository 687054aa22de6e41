"""The participant's plan over the API: read-only, under the same policy and audit."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from ninja import Query, Router, Schema

from goldenthread.access.policy import access_person, goals_visible_to, may_read_plan
from goldenthread.api_shapes import Key, PageOut, Paging, example, page_example, page_of
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.casework.models import NeedDomain
from goldenthread.http import AuthedRequest
from goldenthread.people.models import Person
from goldenthread.plans.models import Goal, GoalProgress, GoalStatus
from goldenthread.plans.selectors import plan_goals
from goldenthread.tokens.auth import token_auth
from goldenthread.tokens.models import Scope

router = Router(tags=["case management"])


PROGRESS_EXAMPLE = {
    "at": "2026-11-20T19:00:00Z",
    "kind": "status",
    "text": "Got the birth certificate",
    "from_status": "working",
    "to_status": "achieved",
}
GOAL_EXAMPLE = {
    "id": 5120,
    "own_words": "Get my ID back so I can apply for housing",
    "domain": "housing",
    "steps": ["Birth certificate from Vital Records", "DOL appointment"],
    "helpers": "Ngozi; the DOL outreach van",
    "status": "achieved",
    "created_at": "2026-09-01T17:00:00Z",
    "progress": [PROGRESS_EXAMPLE],
}


class ProgressOut(Schema):
    model_config = example(PROGRESS_EXAMPLE)

    at: datetime
    kind: str
    text: str
    from_status: str
    to_status: str


class GoalOut(Schema):
    model_config = example(GOAL_EXAMPLE)

    id: int
    own_words: str
    domain: str
    steps: list[str]
    helpers: str
    status: str
    created_at: datetime
    progress: list[ProgressOut]


class PlanOut(Schema):
    model_config = example({"person_id": 418, "goals": [GOAL_EXAMPLE]})

    person_id: Key
    goals: list[GoalOut]


class GoalFilters(Paging):
    status: GoalStatus | None = None
    domain: NeedDomain | None = None


class GoalPage(PageOut):
    model_config = page_example(GOAL_EXAMPLE)

    items: list[GoalOut]


def _readable_person(request: AuthedRequest, person_id: Key) -> Person:
    person = access_person(request.membership, person_id)
    if not may_read_plan(request.membership, person):
        raise PermissionDenied
    return person


def _audit_plan_read(request: AuthedRequest, person: Person, goals: list[Goal]) -> None:
    audit_record(
        action=Action.VIEW,
        request=request,
        obj=person,
        subject_person_id=person.pk,
        categories=["care_plan"],
        detail={"goals": len(goals), "api": True},
    )


def _goal(goal: Goal) -> GoalOut:
    return GoalOut(
        id=goal.pk,
        own_words=goal.own_words,
        domain=goal.domain,
        steps=goal.step_list,
        helpers=goal.helpers,
        status=goal.status,
        created_at=goal.created_at,
        progress=[
            ProgressOut(
                at=e.at, kind=e.kind, text=e.text, from_status=e.from_status, to_status=e.to_status
            )
            for e in goal.progress.all()
        ],
    )


@router.get(
    "/people/{person_id}/plan",
    response=PlanOut,
    auth=token_auth(Scope.CASEWORK_READ),
    summary="A participant's intervention plan: goals, steps and progress",
)
def plan_read(request: AuthedRequest, person_id: Key) -> PlanOut:
    person = _readable_person(request, person_id)
    goals = plan_goals(goals_visible_to(request.membership, person))
    _audit_plan_read(request, person, goals)
    return PlanOut(person_id=person.pk, goals=[_goal(g) for g in goals])


@router.get(
    "/people/{person_id}/goals",
    response=GoalPage,
    auth=token_auth(Scope.CASEWORK_READ),
    summary="A participant's plan goals, oldest first, by status or domain",
)
def goal_list(request: AuthedRequest, person_id: Key, filters: Query[GoalFilters]) -> GoalPage:
    person = _readable_person(request, person_id)
    goals = goals_visible_to(request.membership, person)
    if filters.status:
        goals = goals.filter(status=filters.status)
    if filters.domain:
        goals = goals.filter(domain=filters.domain)
    progress = Prefetch("progress", queryset=GoalProgress.objects.order_by("-at", "-pk"))
    rows, page = page_of(goals.prefetch_related(progress).order_by("created_at", "pk"), filters)
    _audit_plan_read(request, person, rows)
    return GoalPage(**page, items=[_goal(g) for g in rows])
