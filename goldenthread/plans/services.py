"""Every write of assessments and plans, each one transaction with its audit event."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.casework.models import NeedDomain
from goldenthread.casework.services import closed_case_errors, date_errors, move_refusal
from goldenthread.people.models import Person
from goldenthread.plans.models import (
    GOAL_TRANSITIONS,
    AssessedNeed,
    Assessment,
    Goal,
    GoalProgress,
    GoalStatus,
    Priority,
    ProgressKind,
)


@dataclass(frozen=True)
class Need:
    domain: str
    priority: str
    own_words: str = ""
    situation: str = ""


@dataclass(frozen=True)
class CrisisScreen:
    risk_to_self: bool = False
    risk_to_others: bool = False
    urgent_medical: bool = False
    unsafe_tonight: bool = False
    note: str = ""


@transaction.atomic
def assessment_record(
    *,
    actor: User,
    person: Person,
    assessed_on: date,
    needs: list[Need],
    crisis: CrisisScreen,
    request: HttpRequest | None = None,
) -> Assessment:
    """One assessment with its crisis screen and the domains the participant talked about.
    Refused, naming the field, for a date in the future or before birth, an unknown domain
    or priority, a domain given twice, or no domain at all."""
    errors = date_errors(person, assessed_on, "assessed_on") | closed_case_errors(person)
    domains = [need.domain for need in needs]
    if not needs:
        errors["needs"] = _("Give a priority for at least one domain.")
    elif set(domains) - set(NeedDomain.values) or len(set(domains)) != len(domains):
        errors["needs"] = _("Each domain may appear once, and only known domains.")
    elif any(need.priority not in Priority.values for need in needs):
        errors["needs"] = _("Unknown priority.")
    if errors:
        raise ValidationError(errors)
    assessment = Assessment(
        person=person,
        assessed_on=assessed_on,
        risk_to_self=crisis.risk_to_self,
        risk_to_others=crisis.risk_to_others,
        urgent_medical=crisis.urgent_medical,
        unsafe_tonight=crisis.unsafe_tonight,
        crisis_note=crisis.note,
        assessor=actor,
    )
    assessment.full_clean()
    assessment.save()
    rows = [
        AssessedNeed(
            assessment=assessment,
            domain=need.domain,
            priority=need.priority,
            own_words=need.own_words,
            situation=need.situation,
        )
        for need in needs
    ]
    for row in rows:
        row.full_clean(exclude=["assessment"])
    AssessedNeed.objects.bulk_create(rows)
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=assessment,
        subject_person_id=person.pk,
        categories=["care_plan"],
        detail={"domains": domains, "in_crisis": assessment.in_crisis},
    )
    return assessment


@transaction.atomic
def goal_create(
    *,
    actor: User,
    person: Person,
    domain: str,
    own_words: str,
    steps: str = "",
    helpers: str = "",
    request: HttpRequest | None = None,
) -> Goal:
    """A goal in the participant's words. Goals never gate enrollment: nothing reads them
    to decide anyone's status."""
    if errors := closed_case_errors(person):
        raise ValidationError(errors)
    goal = Goal(
        person=person,
        domain=domain,
        own_words=own_words,
        steps=steps,
        helpers=helpers,
        created_by=actor,
    )
    goal.full_clean()
    goal.save()
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=goal,
        subject_person_id=person.pk,
        categories=["care_plan"],
    )
    return goal


@transaction.atomic
def goal_progress_record(
    *,
    actor: User,
    goal: Goal,
    kind: str,
    text: str = "",
    to_status: str = "",
    request: HttpRequest | None = None,
) -> GoalProgress:
    """A step forward, a setback or a note, optionally moving the goal's status: the one
    place a goal's status changes. An invalid move says which are allowed."""
    locked = Goal.objects.select_for_update().select_related("person").get(pk=goal.pk)
    if errors := closed_case_errors(locked.person):
        raise ValidationError(errors)
    to_status = to_status or locked.status
    allowed = GOAL_TRANSITIONS[locked.status]
    if to_status != locked.status and to_status not in allowed:
        refusal = move_refusal(GoalStatus, locked.status, to_status, allowed)
        raise ValidationError({"to_status": refusal})
    if kind not in ProgressKind.values:
        raise ValidationError({"kind": _("Say what happened.")})
    entry = GoalProgress(
        goal=locked,
        kind=kind,
        text=text,
        from_status=locked.status,
        to_status=to_status,
        actor=actor,
    )
    entry.full_clean()
    entry.save()
    if to_status != locked.status:
        locked.status = to_status
        locked.save(update_fields=["status"])
        goal.status = to_status
    audit_record(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        obj=locked,
        subject_person_id=locked.person_id,
        categories=["care_plan"],
        detail={"progress": kind, "status": to_status},
    )
    return entry
