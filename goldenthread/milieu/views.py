"""The street milieu on a phone: log an encounter in seconds, and follow referrals to
specialty teams through the waitlist to their outcome."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from goldenthread.access.policy import (
    Capability,
    access_team_referral,
    acting_membership,
    encounter_people,
    encounters_visible_to,
    require,
    team_referrals_visible_to,
)
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures
from goldenthread.http import AuthedRequest
from goldenthread.milieu import services
from goldenthread.milieu.forms import EncounterForm, TeamReferralForm
from goldenthread.milieu.models import TRANSITIONS
from goldenthread.shell.forms import add_errors, form_status
from goldenthread.shell.paging import window

PAGE_SIZE = 25


@require_http_methods(["GET", "POST"])
@require(Capability.LOG_ENCOUNTERS)
def encounters(request: AuthedRequest) -> HttpResponse:
    membership = acting_membership(request)
    site = membership.organization.site
    people = encounter_people(membership)
    form = EncounterForm(request.POST or None, people=people, zone=site.zone)
    if request.method == "POST" and form.is_valid():
        try:
            services.encounter_log(
                actor=request.user,
                organization=membership.organization,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Encounter logged."))
            return redirect("milieu:encounters")
    page = window(
        encounters_visible_to(membership).select_related("person"),
        request.GET.get("page"),
        PAGE_SIZE,
    )
    waiting = list(
        team_referrals_visible_to(membership)
        .filter(status__in=[s for s, moves in TRANSITIONS.items() if moves])
        .select_related("person")[:PAGE_SIZE]
    )
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed={
            pk: []
            for pk in {e.person_id for e in page.items}
            | {r.person_id for r in waiting}
            | set(people.values_list("pk", flat=True))
        },
    )
    context = {"form": form, "page": page, "waiting": waiting, "update": TeamReferralForm()}
    return render(request, "milieu/encounters.html", context, status=form_status(form))


@require_POST
def referral_update(request: AuthedRequest, pk: int) -> HttpResponse:
    referral = access_team_referral(request.membership, pk)
    form = TeamReferralForm(request.POST)
    if form.is_valid():
        try:
            services.team_referral_transition(
                actor=request.user, referral=referral, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Referral updated."))
    else:
        messages.error(request, _("Choose the new status and its date."))
    return redirect("milieu:encounters")
