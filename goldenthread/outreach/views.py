"""Encampment outreach on a phone: the encampments, each with its residents, and each
resident's visits, offers and whereabouts."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goldenthread.access.policy import (
    Capability,
    access_encampment,
    access_resident,
    acting_membership,
    encampments_visible_to,
    offer_places,
    require,
    resident_candidates,
    residents_at,
)
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures
from goldenthread.http import AuthedRequest
from goldenthread.outreach import services
from goldenthread.outreach.forms import (
    EncampmentForm,
    LostForm,
    OfferForm,
    ResidentForm,
    ResolveForm,
    VisitForm,
)
from goldenthread.outreach.models import Encampment, Resident
from goldenthread.outreach.selectors import (
    RESIDENT_ORDER,
    RESIDENT_ROW_FIELDS,
    encampment_tallies,
    resident_rows,
)
from goldenthread.shell.forms import add_errors, form_status
from goldenthread.shell.paging import window

# A page of residents: a phone screen or two; a large encampment pages on.
RESIDENTS_PAGE_SIZE = 25


@require_GET
@require(Capability.DO_OUTREACH)
def encampment_list(request: AuthedRequest) -> HttpResponse:
    encampments = encampments_visible_to(request.membership)
    tallies = encampment_tallies(encampments)
    rows = [(e, tallies.get(e.pk)) for e in encampments]
    return render(request, "outreach/encampment_list.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@require(Capability.DO_OUTREACH)
def encampment_new(request: AuthedRequest) -> HttpResponse:
    membership = acting_membership(request)
    form = EncampmentForm(
        request.POST or None, initial={"opened_on": membership.organization.site.today()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            encampment = services.encampment_create(
                actor=request.user,
                organization=membership.organization,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("outreach:encampment", encampment.pk)
    return render(request, "outreach/encampment_new.html", {"form": form}, status=form_status(form))


def _encampment_page(request: AuthedRequest, encampment: Encampment) -> HttpResponse:
    residents = (
        residents_at(request.membership, encampment)
        .select_related("person")
        .only(*RESIDENT_ROW_FIELDS)
        .order_by(*RESIDENT_ORDER)
    )
    page = window(residents, request.GET.get("page"), RESIDENTS_PAGE_SIZE)
    rows = resident_rows(page.items)
    # Each resident named on the page is a disclosure of where they were living.
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed={r.person_id: [] for r in page.items},
        detail={"encampment": encampment.pk},
    )
    context = {
        "encampment": encampment,
        "tally": encampment_tallies(
            encampments_visible_to(request.membership).filter(pk=encampment.pk)
        ).get(encampment.pk),
        "page": page,
        "rows": rows,
    }
    return render(request, "outreach/encampment.html", context)


@require_GET
def encampment_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _encampment_page(request, access_encampment(request.membership, pk))


@require_http_methods(["GET", "POST"])
def encampment_resolve(request: AuthedRequest, pk: int) -> HttpResponse:
    """On a page of its own: the encampment page is read far more often than resolved."""
    encampment = access_encampment(request.membership, pk)
    form = ResolveForm(request.POST or None, initial={"resolved_on": encampment.site.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.encampment_resolve(
                actor=request.user, encampment=encampment, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(name)s is resolved.") % {"name": encampment.name})
            return redirect("outreach:encampment", encampment.pk)
    context = {"encampment": encampment, "form": form}
    return render(request, "outreach/resolve.html", context, status=form_status(form))


@require_http_methods(["GET", "POST"])
def resident_new(request: AuthedRequest, pk: int) -> HttpResponse:
    encampment = access_encampment(request.membership, pk)
    membership = acting_membership(request)
    people = resident_candidates(membership, encampment)
    form = ResidentForm(
        request.POST or None, people=people, initial={"first_met_on": encampment.site.today()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            resident = services.resident_add(
                actor=request.user,
                organization=membership.organization,
                encampment=encampment,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("outreach:resident", resident.pk)
    # Every name offered in the list is a disclosure.
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed={pk: [] for pk in people.values_list("pk", flat=True)},
    )
    context = {"encampment": encampment, "form": form}
    return render(request, "outreach/resident_new.html", context, status=form_status(form))


def _resident_page(request: AuthedRequest, resident: Resident, **forms: Any) -> HttpResponse:
    audit_disclosures(request=request, action=Action.VIEW, disclosed={resident.person_id: []})
    today = resident.encampment.site.today()
    context = {
        "resident": resident,
        "visits": resident.visits.select_related("by")[:20],
        "offers": resident.offers.select_related("by")[:20],
        "visit_form": forms.get("visit") or VisitForm(initial={"visited_on": today}),
        "offer_form": forms.get("offer")
        or OfferForm(initial={"offered_on": today}, places=offer_places(request.membership)),
        "lost_form": forms.get("lost") or LostForm(initial={"since": resident.last_seen_on}),
    }
    bound = [form for form in forms.values() if form is not None]
    status = form_status(bound[0]) if bound else 200
    return render(request, "outreach/resident.html", context, status=status)


@require_GET
def resident_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _resident_page(request, access_resident(request.membership, pk))


# Each write below is a form of the resident's page: on a refusal the page comes back with
# the message beside the field, and what the worker typed kept.
WRITES: dict[str, tuple[type[forms.Form], Callable[..., Any], Promise]] = {
    "visit": (VisitForm, services.visit_record, gettext_lazy("Visit recorded.")),
    "offer": (OfferForm, services.offer_record, gettext_lazy("Offer recorded.")),
    "lost": (LostForm, services.resident_mark_lost, gettext_lazy("Marked lost to follow-up.")),
}


@require_POST
def resident_write(request: AuthedRequest, pk: int, what: str) -> HttpResponse:
    resident = access_resident(request.membership, pk)
    form_class, service, done = WRITES[what]
    # Only an offer names a place: the rooms and beds of the site.
    extra: dict[str, Any] = (
        {"places": offer_places(request.membership)} if form_class is OfferForm else {}
    )
    form = form_class(request.POST, **extra)
    if form.is_valid():
        try:
            service(actor=request.user, resident=resident, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, str(done))
            return redirect("outreach:resident", resident.pk)
    return _resident_page(request, resident, **{what: form})
