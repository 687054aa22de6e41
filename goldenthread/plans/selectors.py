from django.db.models import Prefetch, QuerySet

from goldenthread.casework.models import NeedDomain
from goldenthread.plans.models import Assessment, Goal, GoalProgress, GoalStatus

# Goals being worked on come first, then paused, then the rest of the story.
STATUS_ORDER = [GoalStatus.WORKING, GoalStatus.PAUSED, GoalStatus.ACHIEVED, GoalStatus.CHANGED]


def plan_goals(goals: QuerySet[Goal]) -> list[Goal]:
    """Goals with their progress entries, newest entry first, in two queries."""
    entries = GoalProgress.objects.select_related("actor")
    rows = list(goals.prefetch_related(Prefetch("progress", queryset=entries)))
    return sorted(rows, key=lambda goal: STATUS_ORDER.index(GoalStatus(goal.status)))


def assessments_over_time(
    assessments: QuerySet[Assessment], last: int = 6
) -> tuple[list[Assessment], list[tuple[str, list[str]]]]:
    """The last assessments, oldest first, and per domain the priority at each of them, so
    a change reads across a row."""
    recent = list(assessments.prefetch_related("needs")[:last])[::-1]
    rows = []
    for domain, label in NeedDomain.choices:
        cells = []
        for assessment in recent:
            need = next((n for n in assessment.needs.all() if n.domain == domain), None)
            cells.append(need.get_priority_display() if need else "")
        if any(cells):
            rows.append((str(label), cells))
    return recent, rows
