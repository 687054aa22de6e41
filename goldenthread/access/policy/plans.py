"""Assessments and intervention plans: who reads and who writes them.

Part of the one access policy (goldenthread.access.policy).
"""

from typing import Any

from django.db.models import QuerySet

from goldenthread.access.policy.participants import DataAction, decide, granted_categories
from goldenthread.access.policy.roles import visible_one
from goldenthread.consent.models import CategoryCode
from goldenthread.organizations.models import Membership
from goldenthread.people.models import Person
from goldenthread.plans.models import Assessment, Goal


def may_read_plan(membership: Membership | None, person: Person) -> bool:
    """The plan follows the care-plan category: the care team, and partners a release names
    for it."""
    return bool(decide(membership, person, CategoryCode.CARE_PLAN, DataAction.VIEW))


def may_write_plan(membership: Membership | None, person: Person) -> bool:
    """The assigned provider's care team writes assessments and plans."""
    return bool(decide(membership, person, CategoryCode.CARE_PLAN, DataAction.EDIT))


def may_read_assessments(membership: Membership | None, person: Person) -> bool:
    """Assessments hold health, substance use and safety in the participant's own words,
    so they stay with the assigned provider whatever a release says."""
    return granted_categories(membership, person).get(CategoryCode.CARE_PLAN) == "assigned"


def assessments_visible_to(membership: Membership | None, person: Person) -> QuerySet[Assessment]:
    if not may_read_assessments(membership, person):
        return Assessment.objects.none()
    return Assessment.objects.filter(person=person)


def goals_visible_to(membership: Membership | None, person: Person) -> QuerySet[Goal]:
    if not may_read_plan(membership, person):
        return Goal.objects.none()
    return Goal.objects.filter(person=person)


def access_goal(membership: Membership | None, person: Person, pk: Any) -> Goal:
    """A goal of a person the caller already holds through access_person; 404 otherwise."""
    goal: Goal = visible_one(goals_visible_to(membership, person), pk)
    return goal
