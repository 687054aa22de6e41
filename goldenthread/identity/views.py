from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goldenthread.access.policy import (
    Capability,
    access_merge,
    access_proposal,
    merges_visible_to,
    proposals_visible_to,
    require,
)
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures
from goldenthread.http import AuthedRequest
from goldenthread.identity.matching import LEVEL_NAMES
from goldenthread.identity.models import ProposalStatus
from goldenthread.identity.services import person_unmerge, proposal_decide
from goldenthread.shell.paging import window

PAGE_SIZE = 25
# (record field, compared attribute, label)
SIDE_BY_SIDE = (
    ("first_name", "first_name", _lazy("First name")),
    ("last_name", "last_name", _lazy("Last name")),
    ("date_of_birth", "dob", _lazy("Date of birth")),
    ("state_id", "state_id", _lazy("State id")),
    ("area", "area", _lazy("Area")),
    ("sex", "sex", _lazy("Sex")),
)


def _shown(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value or "")


@require(Capability.REVIEW_IDENTITY)
@require_GET
def review_queue(request: AuthedRequest) -> HttpResponse:
    """Possible matches waiting for a person, most likely first."""
    proposals = (
        proposals_visible_to(request.membership)
        .filter(status=ProposalStatus.OPEN)
        .select_related("record", "candidate_record")
    )
    page = window(proposals, request.GET.get("page"), PAGE_SIZE)
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed={
            person: [] for p in page.items for person in (p.record.person_id, p.candidate_id)
        },
        object_type="identity.matchproposal",
    )
    return render(request, "identity/review_queue.html", {"page": page})


@require(Capability.REVIEW_IDENTITY)
@require_http_methods(["GET", "POST"])
def proposal(request: AuthedRequest, pk: int) -> HttpResponse:
    """The two records side by side with how each attribute compared and what it counted;
    the decision merges the two or remembers that they differ."""
    found = access_proposal(request.membership, pk)
    if request.method == "POST":
        same = request.POST.get("decision") == "same"
        try:
            proposal_decide(actor=request.user, proposal=found, same=same, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Merged: one person.") if same else _("Kept apart: not the same person.")
            )
            return redirect("identity:review")
    evidence = {
        e["attribute"]: {**e, "level": LEVEL_NAMES.get(e["level"], e["level"])}
        for e in found.evidence
    }
    rows = [
        (
            label,
            _shown(getattr(found.record, field)),
            _shown(getattr(found.candidate_record, field)),
            evidence.get(attribute, {}),
        )
        for field, attribute, label in SIDE_BY_SIDE
    ]
    audit_disclosures(
        request=request,
        action=Action.VIEW,
        disclosed={found.record.person_id: [], found.candidate_id: []},
        object_type="identity.matchproposal",
    )
    return render(request, "identity/proposal.html", {"proposal": found, "rows": rows})


@require(Capability.REVIEW_IDENTITY)
@require_GET
def merges(request: AuthedRequest) -> HttpResponse:
    page = window(
        merges_visible_to(request.membership).select_related("kept", "merged", "actor"),
        request.GET.get("page"),
        PAGE_SIZE,
    )
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed={person: [] for m in page.items for person in (m.kept_id, m.merged_id)},
        object_type="identity.merge",
    )
    return render(request, "identity/merges.html", {"page": page})


@require(Capability.REVIEW_IDENTITY)
@require_POST
def merge_undo(request: AuthedRequest, pk: int) -> HttpResponse:
    try:
        person_unmerge(
            actor=request.user, merge=access_merge(request.membership, pk), request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Merge undone: two people again, each with their own records."))
    return redirect("identity:merges")
