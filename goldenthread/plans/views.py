from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from goldenthread.access.policy import (
    access_goal,
    access_person,
    assessments_visible_to,
    goals_visible_to,
    may_read_assessments,
    may_read_plan,
    may_write_plan,
)
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.http import AuthedRequest
from goldenthread.plans.forms import AssessmentForm, GoalForm, ProgressForm
from goldenthread.plans.selectors import assessments_over_time, plan_goals
from goldenthread.plans.services import assessment_record, goal_create, goal_progress_record
from goldenthread.shell.forms import add_errors, form_status


@require_http_methods(["GET", "POST"])
def plan(request: AuthedRequest, pk: int) -> HttpResponse:
    """The participant's own plan: their goals, steps and the story of each."""
    person = access_person(request.membership, pk)
    if not may_read_plan(request.membership, person):
        raise PermissionDenied
    may_write = may_write_plan(request.membership, person)
    form = GoalForm(request.POST or None)
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied
        if form.is_valid():
            try:
                goal_create(actor=request.user, person=person, request=request, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Goal added."))
                return redirect("plans:plan", pk=person.pk)
    goals = plan_goals(goals_visible_to(request.membership, person))
    audit_record(
        action=Action.VIEW,
        request=request,
        obj=person,
        subject_person_id=person.pk,
        categories=["care_plan"],
        detail={"goals": len(goals)},
    )
    context = {"person": person, "goals": goals, "form": form if may_write else None}
    return render(request, "plans/plan.html", context, status=form_status(form))


@require_http_methods(["GET", "POST"])
def goal_progress(request: AuthedRequest, pk: int, goal_pk: int) -> HttpResponse:
    """One screen from a phone: what happened with this goal, and whether its status moves."""
    person = access_person(request.membership, pk)
    if not may_write_plan(request.membership, person):
        raise PermissionDenied
    goal = access_goal(request.membership, person, goal_pk)
    form = ProgressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            goal_progress_record(
                actor=request.user, goal=goal, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Progress recorded."))
            return redirect("plans:plan", pk=person.pk)
    context = {"person": person, "goal": goal, "form": form}
    return render(request, "plans/goal_progress.html", context, status=form_status(form))


@require_GET
def assessments(request: AuthedRequest, pk: int) -> HttpResponse:
    """Assessments over time: priorities per domain across the last six, then the latest in
    full."""
    person = access_person(request.membership, pk)
    if not may_read_assessments(request.membership, person):
        raise PermissionDenied
    visible = assessments_visible_to(request.membership, person).select_related("assessor")
    recent, rows = assessments_over_time(visible)
    audit_record(
        action=Action.VIEW,
        request=request,
        obj=person,
        subject_person_id=person.pk,
        categories=["care_plan"],
        detail={"assessments": len(recent)},
    )
    context = {
        "person": person,
        "recent": recent,
        "rows": rows,
        "latest": recent[-1] if recent else None,
        "can_assess": may_write_plan(request.membership, person),
    }
    return render(request, "plans/assessments.html", context)


@require_http_methods(["GET", "POST"])
def assessment_new(request: AuthedRequest, pk: int) -> HttpResponse:
    person = access_person(request.membership, pk)
    if not may_write_plan(request.membership, person):
        raise PermissionDenied
    form = AssessmentForm(request.POST or None, initial={"assessed_on": person.site.today()})
    if request.method == "POST" and form.is_valid():
        try:
            assessment_record(
                actor=request.user,
                person=person,
                assessed_on=form.cleaned_data["assessed_on"],
                needs=form.needs(),
                crisis=form.crisis(),
                request=request,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Assessment recorded."))
            return redirect("plans:assessments", pk=person.pk)
    context = {"person": person, "form": form}
    return render(request, "plans/assessment_new.html", context, status=form_status(form))
