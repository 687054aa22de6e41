"""The participant's plan over the API: read-only, under the same policy and audit."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema

from goldenthread.access.policy import access_person, goals_visible_to, may_read_plan
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.http import AuthedRequest
from goldenthread.plans.models import Goal
from goldenthread.plans.selectors import plan_goals
from goldenthread.tokens.auth import token_auth
from goldenthread.tokens.models import Scope

router = Router(tags=["case management"])


class ProgressOut(Schema):
    at: datetime
    kind: str
    text: str
    from_status: str
    to_status: str


class GoalOut(Schema):
    id: int
    own_words: str
    domain: str
    steps: list[str]
    helpers: str
    status: str
    created_at: datetime
    progress: list[ProgressOut]


class PlanOut(Schema):
    person_id: int
    goals: list[GoalOut]


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
def plan_read(request: AuthedRequest, person_id: int) -> PlanOut:
    person = access_person(request.membership, person_id)
    if not may_read_plan(request.membership, person):
        raise PermissionDenied
    goals = plan_goals(goals_visible_to(request.membership, person))
    audit_record(
        action=Action.VIEW,
        request=request,
        obj=person,
        subject_person_id=person.pk,
        categories=["care_plan"],
        detail={"goals": len(goals), "api": True},
    )
    return PlanOut(person_id=person.pk, goals=[_goal(g) for g in goals])
