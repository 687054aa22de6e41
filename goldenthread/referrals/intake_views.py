"""The intake stage on screen: the outreach worklist, recording an intake, and the liaison
prosecutor's held charges."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goldenthread.access.policy import (
    access_referral,
    acting_membership,
    case_managers_for,
    holds_to_record,
    intake_worklist,
    may_enroll,
    may_record_holds,
    may_record_outreach,
)
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures
from goldenthread.forms import Form
from goldenthread.http import AuthedRequest
from goldenthread.organizations.models import Membership, Role
from goldenthread.referrals.clock import DUE_SOON_DAYS, days_left, hold_stage, is_overdue
from goldenthread.referrals.intake import (
    referral_enroll,
    referral_record_hold,
    referral_record_outreach,
)
from goldenthread.referrals.models import HoldOutcome
from goldenthread.shell.forms import add_errors, form_status
from goldenthread.text import printable


@require_GET
def intake_list(request: AuthedRequest) -> HttpResponse:
    """Outreach's daily list: overdue first, then due soon, then the rest; people nobody
    could find are listed apart so someone keeps looking."""
    if not may_record_outreach(request.membership):
        raise PermissionDenied
    site = acting_membership(request).organization.site
    today = site.today()
    referrals = list(
        intake_worklist(request.membership)
        .select_related("person", "site")
        .order_by(F("intake_due_at").asc(nulls_last=True), "submitted_at")
    )
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed={r.person_id: [] for r in referrals},
        detail={"intake_worklist": True},
    )
    groups: dict[str, list[object]] = {"overdue": [], "soon": [], "missing": [], "waiting": []}
    for referral in referrals:
        left = days_left(referral, today)
        row = {"referral": referral, "days_left": left}
        if referral.cannot_find_since:
            groups["missing"].append(row)
        elif is_overdue(referral):
            groups["overdue"].append(row)
        elif left is not None and left <= DUE_SOON_DAYS:
            groups["soon"].append(row)
        else:
            groups["waiting"].append(row)
    context = {"groups": groups, "can_enroll": may_enroll(request.membership)}
    return render(request, "referrals/intake_list.html", context)


@require_POST
def outreach_record(request: AuthedRequest, pk: int) -> HttpResponse:
    if not may_record_outreach(request.membership):
        raise PermissionDenied
    referral = access_referral(request.membership, pk)
    try:
        referral_record_outreach(
            actor=request.user,
            referral=referral,
            found=request.POST.get("found") == "yes",
            note=printable(request.POST.get("note", ""), 300),
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Outreach recorded."))
    return redirect("referrals:intake")


class EnrollForm(Form):
    case_manager: "forms.ModelChoiceField[Membership]" = forms.ModelChoiceField(
        label=gettext_lazy("Case manager"), queryset=Membership.objects.none()
    )
    override_reason = forms.CharField(
        label=gettext_lazy("Supervisor's reason to go above the caseload maximum"),
        max_length=300,
        required=False,
    )

    def __init__(self, *args: object, managers: object, supervisor: bool, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["case_manager"]
        field.queryset = managers  # type: ignore[attr-defined]
        field.label_from_instance = lambda m: f"{m.user} · {m.organization}"  # type: ignore[attr-defined]
        if not supervisor:
            del self.fields["override_reason"]


@require_http_methods(["GET", "POST"])
def enroll(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record a completed intake: the person enrolls onto a case manager's caseload."""
    if not may_enroll(request.membership):
        raise PermissionDenied
    referral = access_referral(request.membership, pk)
    membership = acting_membership(request)
    managers = case_managers_for(membership)
    form = EnrollForm(
        request.POST or None,
        managers=managers,
        supervisor=membership.role == Role.SUPERVISOR,
        initial={"case_manager": managers.first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            _referral, warning = referral_enroll(
                actor=request.user,
                acting=membership,
                referral=referral,
                case_manager=form.cleaned_data["case_manager"],
                override_reason=printable(form.cleaned_data.get("override_reason", ""), 300),
                request=request,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if warning:
                messages.warning(request, warning)
            messages.success(
                request,
                _("%(name)s is enrolled.") % {"name": referral.person.display_name},
            )
            return redirect("referrals:intake")
    audit_disclosures(
        request=request,
        action=Action.VIEW,
        disclosed={referral.person_id: []},
        detail={"enroll": referral.pk},
    )
    return render(
        request,
        "referrals/enroll.html",
        {"referral": referral, "form": form},
        status=form_status(form),
    )


@require_GET
def holds_list(request: AuthedRequest) -> HttpResponse:
    """The liaison prosecutor's held charges: those ready for an outcome first."""
    if not may_record_holds(request.membership):
        raise PermissionDenied
    referrals = list(
        holds_to_record(request.membership)
        .select_related("person", "site")
        .order_by("intake_due_at")
    )
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed={r.person_id: [] for r in referrals},
        detail={"holds": True},
    )
    groups: dict[str, list[object]] = {"not_filed": [], "returned": [], "running": []}
    for referral in referrals:
        groups[hold_stage(referral)].append(referral)
    context = {"groups": groups, "outcomes": HoldOutcome, "now": timezone.now()}
    return render(request, "referrals/holds.html", context)


@require_POST
def hold_record(request: AuthedRequest, pk: int) -> HttpResponse:
    if not may_record_holds(request.membership):
        raise PermissionDenied
    referral = access_referral(request.membership, pk)
    try:
        referral_record_hold(
            actor=request.user,
            referral=referral,
            outcome=request.POST.get("outcome", ""),
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Outcome recorded for %(code)s.") % {"code": referral.receipt_code}
        )
    return redirect("referrals:holds")
