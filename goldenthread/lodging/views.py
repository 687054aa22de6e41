"""Lodging screens: the occupancy board (each place's rooms or beds, taken and empty, night
by night), check-in and check-out, a stay and its notes, the shift rota and the overnight
on-call log."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from goldenthread.access.policy import (
    Capability,
    access_lodging_place,
    access_open_stay,
    access_stay,
    can,
    granted_categories,
    lodging_candidates,
    lodging_places_visible_to,
    on_call_entries_visible_to,
    open_stays_visible_to,
    shifts_visible_to,
    stay_notes_visible_to,
    stays_visible_to,
)
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures
from goldenthread.consent.models import CategoryCode
from goldenthread.http import AuthedRequest
from goldenthread.lodging import services
from goldenthread.lodging.forms import (
    CheckInForm,
    CheckOutForm,
    OnCallForm,
    ShiftLeadForm,
    StayNoteForm,
)
from goldenthread.lodging.models import SHIFT_HOURS, ShiftKind
from goldenthread.lodging.selectors import (
    STAYING_NOW_FIELDS,
    exit_checklist_known,
    free_units,
    night_moment,
    night_of,
    occupancy_nights,
    shift_leads,
)
from goldenthread.shell.forms import add_errors, form_status
from goldenthread.shell.paging import window

NIGHTS = 7
HOUSING_BENEFITS = CategoryCode.HOUSING_BENEFITS
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
        .only(*STAYING_NOW_FIELDS)
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
    # What is known of the documents and insurance is shown only where the release lets
    # this member read the person's housing and benefits; otherwise the liaison asks.
    readable = HOUSING_BENEFITS in granted_categories(request.membership, stay.person)
    known = exit_checklist_known(stay.person) if readable else {}
    form = CheckOutForm(request.POST or None, known=known)
    if request.method == "POST" and form.is_valid():
        try:
            services.stay_check_out(
                actor=request.user,
                stay=stay,
                exit_housing=form.cleaned_data["exit_housing"],
                checklist=form.checklist(),
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
    audit_disclosures(
        request=request,
        action=Action.VIEW,
        disclosed={stay.person_id: [HOUSING_BENEFITS] if readable else []},
    )
    context = {"stay": stay, "form": form, "readable": readable}
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


@require_http_methods(["GET", "POST"])
def stay_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One stay: where and since when, and the notes the place's staff keep on it."""
    stay = access_stay(request.membership, pk)
    form = StayNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stay_note_add(
                actor=request.user, stay=stay, text=form.cleaned_data["text"], request=request
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Note saved."))
            return redirect("lodging:stay", pk=stay.pk)
    notes = stay_notes_visible_to(request.membership).filter(stay=stay).select_related("written_by")
    audit_disclosures(
        request=request,
        action=Action.VIEW,
        disclosed={stay.person_id: [CategoryCode.CASE_NOTES]},
    )
    context = {"stay": stay, "notes": notes, "form": form}
    return render(request, "lodging/stay.html", context, status=form_status(form))


# How many days of the rota one page shows.
ROTA_DAYS = 7


@require_http_methods(["GET", "POST"])
def rota(request: AuthedRequest, pk: int) -> HttpResponse:
    """Who leads each shift at a place over the coming week, and naming a lead."""
    place = access_lodging_place(request.membership, pk)
    today = place.site.today()
    first = _day(request.GET.get("from"), today) or today
    form = ShiftLeadForm(request.POST or None, leads=shift_leads(place), initial={"day": first})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.shift_lead_set(
                actor=request.user,
                place=place,
                day=data["day"],
                kind=data["kind"],
                lead=data["lead"],
                request=request,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Shift lead named."))
            return redirect(f"{reverse('lodging:rota', args=[place.pk])}?from={data['day']}")
    days = [first + timedelta(days=n) for n in range(ROTA_DAYS)]
    shifts = shifts_visible_to(request.membership).filter(place=place, day__in=days)
    leads = {(s.day, s.kind): s.lead for s in shifts.select_related("lead")}
    context = {
        "place": place,
        "kinds": ShiftKind.choices,
        "rows": [(day, [leads.get((day, kind)) for kind in ShiftKind.values]) for day in days],
        "earlier": first - timedelta(days=ROTA_DAYS),
        "later": first + timedelta(days=ROTA_DAYS),
        "form": form,
    }
    return render(request, "lodging/rota.html", context, status=form_status(form))


@require_http_methods(["GET", "POST"])
def on_call(request: AuthedRequest, pk: int) -> HttpResponse:
    """A place's overnight on-call log, night by night: who was on call, and each call and
    what was done. Tonight's (or last night's, by day) unless another night is asked for."""
    place = access_lodging_place(request.membership, pk)
    site = place.site
    tonight = night_of(site, timezone.now())
    night = _day(request.GET.get("night"), tonight) or tonight
    shift = (
        shifts_visible_to(request.membership)
        .filter(place=place, day=night, kind=ShiftKind.OVERNIGHT)
        .select_related("lead", "place__site")
        .first()
    )
    starts = night_moment(site, night, SHIFT_HOURS[ShiftKind.OVERNIGHT][0])
    ends = night_moment(site, night, SHIFT_HOURS[ShiftKind.OVERNIGHT][1])
    # The guests a line may be about: whoever held a room at the place that night.
    guests = (
        stays_visible_to(request.membership)
        .filter(unit__place=place, checked_in_at__lt=ends)
        .exclude(checked_out_at__lt=starts)
        .select_related("person", "unit")
        .order_by("unit__label")
    )
    form = OnCallForm(request.POST or None, guests=guests)
    if request.method == "POST" and shift is None:
        form.add_error(None, _("No one is named on call this night: name the lead first."))
    elif request.method == "POST" and shift is not None and form.is_valid():
        data = form.cleaned_data
        try:
            services.on_call_log(
                actor=request.user,
                shift=shift,
                occurred_at=night_moment(site, night, data["time"]),
                stay=data["stay"],
                what_happened=data["what_happened"],
                request=request,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Added to the night's log."))
            return redirect(f"{reverse('lodging:on_call', args=[place.pk])}?night={night}")
    entries = (
        on_call_entries_visible_to(request.membership)
        .filter(shift=shift)
        .select_related("stay__person", "stay__unit", "written_by")
    )
    # Each guest named in the log or offered in the form is a disclosure.
    disclosed: dict[int, Iterable[str]] = {}
    if shift is not None:
        disclosed = {stay.person_id: [] for stay in guests}
    for entry in entries:
        if entry.stay is not None:
            disclosed[entry.stay.person_id] = [CategoryCode.CASE_NOTES]
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed=disclosed,
        detail={"lodging": "on_call", "night": str(night)},
    )
    context = {
        "place": place,
        "night": night,
        "starts": starts,
        "ends": ends,
        "shift": shift,
        "entries": entries,
        "form": form,
        "earlier": night - timedelta(days=1),
        "later": night + timedelta(days=1) if night < tonight else None,
    }
    return render(request, "lodging/on_call.html", context, status=form_status(form))


# How far from today a rota or a night's log may be asked for: further is a typo (and at
# the calendar's ends, a date that cannot be stepped from).
REACH = timedelta(days=3660)


def _day(value: str | None, today: date) -> date | None:
    try:
        day = date.fromisoformat(value) if value else None
    except ValueError:
        return None
    return day if day is not None and abs(day - today) <= REACH else None
