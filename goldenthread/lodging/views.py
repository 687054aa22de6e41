"""The occupancy board: each place's rooms or beds, taken and empty, night by night."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from goldenthread.access.policy import (
    Capability,
    access_lodging_place,
    access_open_stay,
    can,
    lodging_candidates,
    lodging_places_visible_to,
    open_stays_visible_to,
)
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures
from goldenthread.http import AuthedRequest
from goldenthread.lodging import services
from goldenthread.lodging.forms import CheckInForm, CheckOutForm
from goldenthread.lodging.selectors import free_units, occupancy_nights
from goldenthread.shell.forms import add_errors, form_status
from goldenthread.shell.paging import window

NIGHTS = 7
# A page of who is staying now: a liaison works down a floor, not the whole hotel at once.
STAYS_PAGE_SIZE = 25


@require_GET
def board(request: AuthedRequest) -> HttpResponse:
    if request.membership is None or not can(request.membership, Capability.KEEP_LODGING):
        raise PermissionDenied
    site = request.membership.organization.site
    places = lodging_places_visible_to(request.membership)
    nights = occupancy_nights(site, places, NIGHTS)
    stays = window(
        open_stays_visible_to(request.membership)
        .select_related("person", "unit__place")
        .order_by("unit__place__name", "unit__label", "pk"),
        request.GET.get("page"),
        STAYS_PAGE_SIZE,
    )
    # Who is staying where is personal: each name on the board is a disclosure.
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed={stay.person_id: [] for stay in stays.items},
        detail={"lodging": "board"},
    )
    context = {
        "nights": nights,
        "tonight": nights[-1][1],
        "stays": stays,
    }
    return render(request, "lodging/board.html", context)


@require_http_methods(["GET", "POST"])
def check_out(request: AuthedRequest, pk: int) -> HttpResponse:
    stay = access_open_stay(request.membership, pk)
    form = CheckOutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stay_check_out(
                actor=request.user,
                stay=stay,
                exit_housing=form.cleaned_data["exit_housing"],
                request=request,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s checked out of %(unit)s.")
                % {"person": stay.person, "unit": stay.unit.label},
            )
            return redirect("lodging:board")
    audit_disclosures(request=request, action=Action.VIEW, disclosed={stay.person_id: []})
    context = {"stay": stay, "form": form}
    return render(request, "lodging/check_out.html", context, status=form_status(form))


@require_http_methods(["GET", "POST"])
def check_in(request: AuthedRequest, pk: int) -> HttpResponse:
    place = access_lodging_place(request.membership, pk)
    people = lodging_candidates(request.membership)
    form = CheckInForm(request.POST or None, people=people, units=free_units(place))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            stay = services.stay_check_in(
                actor=request.user,
                person=data["person"],
                unit=data["unit"],
                place=place,
                agreement_version=data["agreement_version"],
                agreement_signed_on=data["agreement_signed_on"],
                request=request,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s checked in: %(place)s, %(unit)s.")
                % {"person": stay.person, "place": place, "unit": stay.unit.label},
            )
            return redirect("lodging:board")
    # Every name in the list is a disclosure of who may be lodged here.
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed={pk: [] for pk in people.values_list("pk", flat=True)},
    )
    return render(
        request,
        "lodging/check_in.html",
        {"place": place, "form": form},
        status=form_status(form),
    )
