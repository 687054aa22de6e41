"""Break-glass: emergency access with a reason, and its review."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from goldenthread.access import services
from goldenthread.access.forms import BreakGlassForm, ReviewForm
from goldenthread.access.policy import (
    access_break_glass,
    access_break_glass_candidate,
    acting_membership,
    break_glass_candidates,
    break_glass_to_review,
    may_break_glass,
    may_review_break_glass,
)
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures
from goldenthread.http import AuthedRequest
from goldenthread.people.selectors import matching_name
from goldenthread.shell.forms import form_status
from goldenthread.text import printable


@require_http_methods(["GET"])
def break_glass_search(request: AuthedRequest) -> HttpResponse:
    if not may_break_glass(request.membership):
        raise PermissionDenied
    query = printable(request.GET.get("q", ""), 100).strip()
    matches = (
        list(matching_name(break_glass_candidates(request.membership), query)[:20])
        if len(query) >= 3
        else []
    )
    audit_disclosures(
        request=request,
        action=Action.SEARCH,
        disclosed={p.pk: [] for p in matches},
        detail={"break-glass search": query},
    )
    return render(
        request,
        "access/break_glass_search.html",
        {"q": query, "matches": matches, "form": BreakGlassForm()},
    )


@require_POST
def break_glass_open(request: AuthedRequest, person_pk: int) -> HttpResponse:
    membership = acting_membership(request)
    person = access_break_glass_candidate(membership, person_pk)
    form = BreakGlassForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "access/break_glass_search.html",
            {"q": "", "matches": [person], "form": form},
            status=form_status(form),
        )
    services.break_glass_open(
        actor=request.user,
        membership=membership,
        person=person,
        request=request,
        **form.cleaned_data,
    )
    messages.warning(
        request, _("Emergency access open for one hour. It is recorded and will be reviewed.")
    )
    return redirect("people:detail", pk=person.pk)


@require_http_methods(["GET", "POST"])
def break_glass_reviews(request: AuthedRequest) -> HttpResponse:
    if not may_review_break_glass(request.membership):
        raise PermissionDenied
    grants = break_glass_to_review(request.membership).select_related(
        "user", "person", "organization", "reviewed_by"
    )
    return render(
        request, "access/break_glass_reviews.html", {"grants": grants[:200], "form": ReviewForm()}
    )


@require_POST
def break_glass_review(request: AuthedRequest, pk: int) -> HttpResponse:
    grant = access_break_glass(request.membership, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        services.break_glass_review(
            actor=request.user, grant=grant, note=form.cleaned_data["note"], request=request
        )
        messages.success(request, _("Review recorded."))
    else:
        messages.error(request, _("Write a review note."))
    return redirect("access:break_glass_reviews")
