"""Critical incidents: report one from a phone, read those of one's own work, and review
each one (the project manager)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goldenthread.access.policy import (
    Capability,
    access_incident,
    acting_membership,
    incident_people,
    incident_places,
    incidents_visible_to,
    may_review_incidents,
    require,
)
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures
from goldenthread.consent.models import CategoryCode
from goldenthread.http import AuthedRequest
from goldenthread.incidents import services
from goldenthread.incidents.forms import IncidentForm, OutcomeForm, ReviewForm
from goldenthread.incidents.models import Incident
from goldenthread.shell.forms import add_errors, form_status
from goldenthread.shell.paging import window

PAGE_SIZE = 25
HEALTH = [CategoryCode.HEALTH]


@require_GET
@require(Capability.REPORT_INCIDENTS)
def incident_list(request: AuthedRequest) -> HttpResponse:
    membership = acting_membership(request)
    incidents = incidents_visible_to(membership).select_related(
        "person", "lodging_place", "encampment"
    )
    page = window(incidents, request.GET.get("page"), PAGE_SIZE)
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed={i.person_id: HEALTH for i in page.items if i.person_id},
        detail={"incidents": len(page.items)},
    )
    return render(request, "incidents/incident_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@require(Capability.REPORT_INCIDENTS)
def incident_new(request: AuthedRequest) -> HttpResponse:
    membership = acting_membership(request)
    people = incident_people(membership)
    places, encampments = incident_places(membership)
    form = IncidentForm(
        request.POST or None,
        people=people,
        places=places,
        encampments=encampments,
        zone=membership.organization.site.zone,
    )
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.incident_report(
                actor=request.user,
                organization=membership.organization,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Incident reported."))
            return redirect("incidents:detail", incident.pk)
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed={pk: [] for pk in people.values_list("pk", flat=True)},
    )
    return render(request, "incidents/incident_new.html", {"form": form}, status=form_status(form))


def _detail(
    request: AuthedRequest,
    incident: Incident,
    review: ReviewForm | None = None,
    outcome: OutcomeForm | None = None,
) -> HttpResponse:
    if incident.person_id:
        audit_disclosures(
            request=request, action=Action.VIEW, disclosed={incident.person_id: HEALTH}
        )
    reviewer = may_review_incidents(request.membership)
    context = {
        "incident": incident,
        "transitions": incident.transitions.select_related("actor"),
        "review": review or (ReviewForm() if reviewer else None),
        "outcome": outcome or OutcomeForm(initial={"outcome": incident.outcome}),
    }
    bound = review or outcome
    return render(
        request, "incidents/incident.html", context, status=form_status(bound) if bound else 200
    )


@require_GET
def incident_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail(request, access_incident(request.membership, pk))


@require_POST
def incident_review(request: AuthedRequest, pk: int) -> HttpResponse:
    incident = access_incident(request.membership, pk)
    if not may_review_incidents(request.membership):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.incident_transition(
                actor=request.user,
                incident=incident,
                to=form.cleaned_data["to"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Review updated."))
            return redirect("incidents:detail", incident.pk)
    return _detail(request, incident, review=form)


@require_POST
def incident_outcome(request: AuthedRequest, pk: int) -> HttpResponse:
    incident = access_incident(request.membership, pk)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.incident_outcome_update(
                actor=request.user,
                incident=incident,
                outcome=form.cleaned_data["outcome"],
                request=request,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Outcome updated."))
            return redirect("incidents:detail", incident.pk)
    return _detail(request, incident, outcome=form)
