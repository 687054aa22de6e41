from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from goldenthread.access.policy import (
    Capability,
    access_referral,
    acting_membership,
    can,
    may_decide_referrals,
    offense_codes_visible_to,
    rule_sets_visible_to,
)
from goldenthread.eligibility import services
from goldenthread.eligibility.forms import OffenseCodeForm, RuleSetForm, ScreeningForm
from goldenthread.eligibility.models import RuleSet
from goldenthread.eligibility.rules import reason_text
from goldenthread.http import AuthedRequest
from goldenthread.shell.forms import add_errors, form_status


def _initial(current: RuleSet | None, today: object) -> dict[str, object]:
    initial: dict[str, object] = {
        "effective_from": today,
        "minimum_age": 18,
        "social_contact_lookback_months": 24,
        "social_contact_in_area_required": True,
        "supervision_needs_approval": True,
    }
    if current is not None:
        initial.update({f: getattr(current, f) for f in services.RULE_FIELDS if f != "note"})
        initial["effective_from"] = today
    return initial


@require_http_methods(["GET", "POST"])
def rules_page(request: AuthedRequest) -> HttpResponse:
    """The eligibility rules in force, every earlier version, and for the Policy Coordinating
    Group a form to publish the next one."""
    site = acting_membership(request).organization.site
    today = site.today()
    current = services.rule_set_in_force(site, today)
    may_edit = can(request.membership, Capability.EDIT_ELIGIBILITY)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied
    form = RuleSetForm(request.POST or None, initial=_initial(current, today))
    if request.method == "POST" and form.is_valid():
        try:
            published = services.rule_set_publish(
                actor=request.user, site=site, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Version %(version)s published, in force from %(date)s.")
                % {"version": published.version, "date": published.effective_from},
            )
            return redirect("eligibility:rules")
    context = {
        "current": current,
        "versions": rule_sets_visible_to(request.membership).select_related("created_by"),
        "form": form if may_edit else None,
        "offense_codes": offense_codes_visible_to(request.membership),
        "offense_form": OffenseCodeForm() if may_edit else None,
    }
    return render(request, "eligibility/rules.html", context, status=form_status(form))


@require_POST
def screening_record(request: AuthedRequest, pk: int) -> HttpResponse:
    if not may_decide_referrals(request.membership):
        raise PermissionDenied
    referral = access_referral(request.membership, pk)
    form = ScreeningForm(request.POST)
    if not form.is_valid():
        for field, problems in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(str(p) for p in problems)}")
        return redirect("referrals:detail", pk=referral.pk)
    try:
        decision = services.referral_record_screening(
            actor=request.user,
            referral=referral,
            answers=form.answers(),
            drug_grams=form.cleaned_data["drug_grams"],
            last_disqualifying_conviction_on=form.cleaned_data["last_disqualifying_conviction_on"],
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("referrals:detail", pk=referral.pk)
    if decision is None:
        messages.warning(request, reason_text({"code": "no_rule_set"}))
    else:
        messages.success(
            request,
            _("Screening saved. Under version %(version)s: %(outcome)s.")
            % {"version": decision.rule_set.version, "outcome": decision.get_outcome_display()},
        )
    return redirect("referrals:detail", pk=referral.pk)


@require_POST
def offense_code_save(request: AuthedRequest) -> HttpResponse:
    if not can(request.membership, Capability.EDIT_ELIGIBILITY):
        raise PermissionDenied
    site = acting_membership(request).organization.site
    form = OffenseCodeForm(request.POST)
    if form.is_valid():
        try:
            saved = services.offense_code_save(
                actor=request.user, site=site, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Offense code %(code)s saved.") % {"code": saved.code})
    else:
        for field, problems in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(str(p) for p in problems)}")
    return redirect("eligibility:rules")
