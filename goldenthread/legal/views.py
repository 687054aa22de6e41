import csv
from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F, Min, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from goldenthread.access.policy import (
    NOTE_WRITERS,
    access_person,
    feed_imports_visible_to,
    holds_to_record,
    matters_visible_to,
    may_import_feeds,
    may_record_holds,
    may_see_missed_opportunities,
    may_use_legal_workspace,
    may_write_legal_note,
    notes_visible_to,
    open_matters_visible_to,
    unreferred_bookings_visible_to,
)
from goldenthread.access.policy.roles import visible_one
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures, audit_record
from goldenthread.consent.models import CategoryCode
from goldenthread.http import AuthedRequest
from goldenthread.legal.forms import NoteForm
from goldenthread.legal.models import FeedImport
from goldenthread.legal.selectors import charging_holds, enrolled_on, missed_opportunities
from goldenthread.legal.services import legal_note_add
from goldenthread.organizations.models import Membership
from goldenthread.referrals.clock import hold_stage
from goldenthread.text import printable, spreadsheet_safe


@require_http_methods(["GET", "POST"])
def matters(request: AuthedRequest, pk: int) -> HttpResponse:
    """A participant's other legal matters: charges, court dates, whether each came after
    enrollment (by incident date), the coordination notes and, for public defense only,
    the defender's."""
    membership = request.membership
    person = access_person(membership, pk, category=CategoryCode.LEGAL_COORDINATION)
    found = list(matters_visible_to(membership, person).prefetch_related("charges", "court_dates"))
    kinds = [k for k in NOTE_WRITERS if may_write_legal_note(membership, person, k)]
    form = NoteForm(request.POST or None, matters=found, kinds=kinds) if kinds and found else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            matter = next(m for m in found if m.pk == form.cleaned_data["matter"])
            assert membership is not None
            legal_note_add(
                actor=request.user,
                membership=membership,
                matter=matter,
                kind=form.cleaned_data["kind"],
                text=printable(form.cleaned_data["text"], keep_newlines=True),
                recommended_resolution=printable(form.cleaned_data["recommended_resolution"]),
                request=request,
            )
            messages.success(request, _("Note added."))
            return redirect("legal:matters", pk=person.pk)
    notes = list(notes_visible_to(membership, person).select_related("author", "matter"))
    since = enrolled_on(person)
    rows = [(matter, matter.after_enrollment(since)) for matter in found]
    holds = charging_holds(person)
    audit_record(
        action=Action.LIST,
        request=request,
        obj=person,
        subject_person_id=person.pk,
        categories=[CategoryCode.LEGAL_COORDINATION],
        detail={"matters": len(found), "notes": len(notes)},
    )
    context = {
        "person": person,
        "rows": rows,
        "holds": holds,
        "notes": notes,
        "form": form,
        "enrolled_on": since,
    }
    return render(request, "legal/matters.html", context)


WORKSPACE_ROWS = 200


@require_GET
def workspace(request: AuthedRequest) -> HttpResponse:
    """Legal coordination at a glance: participants' open matters with the next court date
    (prosecutor, defender, care team), and for the defender and the project manager the
    bookings of people never referred whose charges were eligible conduct."""
    membership = request.membership
    if not may_use_legal_workspace(membership):
        raise PermissionDenied
    assert membership is not None
    now = timezone.now()
    matters = list(
        open_matters_visible_to(membership)
        .select_related("person")
        .annotate(next_hearing=Min("court_dates__at", filter=Q(court_dates__at__gte=now)))
        .order_by(F("next_hearing").asc(nulls_last=True), "-noted_at")[:WORKSPACE_ROWS]
    )
    site = membership.organization.site
    missed = missed_opportunities(
        site, unreferred_bookings_visible_to(membership).order_by("-noted_at")[:WORKSPACE_ROWS]
    )
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed={
            **{m.person_id: [CategoryCode.LEGAL_COORDINATION] for m in matters},
            **{o.booking.person_id: [] for o in missed},
        },
        detail={"legal_workspace": {"open_matters": len(matters), "missed": len(missed)}},
    )
    context = {
        "matters": matters,
        "missed": missed,
        "shows_missed": may_see_missed_opportunities(membership),
        "holds": _hold_counts(membership) if may_record_holds(membership) else None,
    }
    return render(request, "legal/workspace.html", context)


def _hold_counts(membership: Membership) -> dict[str, int]:
    """The liaison prosecutor's intake-clock decisions: held charges ready for an outcome
    and those whose clock still runs (recorded on the referrals' holds page)."""
    stages = Counter(
        hold_stage(r)
        for r in holds_to_record(membership)
        .select_related("site")
        .only("status", "intake_due_at", "intake_completed_at", "site__timezone")
    )
    return {"ready": stages["not_filed"] + stages["returned"], "running": stages["running"]}


def _imports(request: AuthedRequest) -> QuerySet[FeedImport]:
    if not may_import_feeds(request.membership):
        raise PermissionDenied
    return feed_imports_visible_to(request.membership)


@require_GET
def imports(request: AuthedRequest) -> HttpResponse:
    """Every feed import's report: rows read, created, updated, unchanged, sent to review,
    rejected."""
    return render(request, "legal/imports.html", {"imports": _imports(request)[:100]})


@require_GET
def rejected_rows(request: AuthedRequest, pk: int) -> HttpResponse:
    """An import's refused rows with their reasons, as CSV for the sender; cells that a
    spreadsheet would run as formulas are made plain text."""
    feed_import: FeedImport = visible_one(_imports(request), pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rejected-{feed_import.pk}.csv"'
    writer = csv.writer(response)
    rejects = list(feed_import.rejects.all())
    columns = sorted({key for row in rejects for key in row.values})
    writer.writerow(["row", "reason", *columns])
    for row in rejects:
        values = [row.values.get(c, "") for c in columns]
        writer.writerow([spreadsheet_safe(v) for v in [row.row_number, row.reason, *values]])
    audit_record(
        action=Action.EXPORT,
        request=request,
        obj=feed_import,
        detail={"rejected_rows": len(rejects)},
    )
    return response
