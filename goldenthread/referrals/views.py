import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Prefetch, When
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goldenthread.access.policy import (
    access_person,
    access_referral,
    acting_membership,
    doors_for,
    may_approve_referrals,
    may_decide_referrals,
    may_record_holds,
    may_record_outreach,
    may_see_referral_queue,
    referral_queue,
    referrals_visible_to,
    referrer_status,
    with_consent_facts,
)
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures
from goldenthread.eligibility.forms import ScreeningForm
from goldenthread.eligibility.models import EligibilityDecision
from goldenthread.eligibility.rules import reason_text
from goldenthread.http import AuthedRequest
from goldenthread.identity.selectors import likely_people
from goldenthread.organizations.models import Membership
from goldenthread.people.models import Person
from goldenthread.referrals.capacity import site_capacity
from goldenthread.referrals.forms import QuickReferralForm
from goldenthread.referrals.models import TRANSITIONS, Door, ReferralStatus, status_label
from goldenthread.referrals.services import (
    referral_statuses_shown,
    referral_submit,
    referral_transition,
)
from goldenthread.shell.forms import form_status
from goldenthread.shell.paging import window
from goldenthread.text import printable


@require_http_methods(["GET", "POST"])
def referral_new(request: AuthedRequest) -> HttpResponse:
    doors = doors_for(request.membership)
    if not doors:
        raise PermissionDenied
    initial = {"idempotency_key": uuid.uuid4().hex, "door": sorted(doors)[0]}
    form = QuickReferralForm(request.POST or None, doors=doors, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = data.pop("person")
        name, age = data.pop("name"), data.pop("approximate_age")
        person = access_person(request.membership, chosen) if chosen else None
        new_person = None if person else {"preferred_name": name.strip(), "approximate_age": age}
        try:
            referral, _created = referral_submit(
                actor=request.user,
                membership=request.membership,  # type: ignore[arg-type]
                person=person,
                new_person=new_person if name.strip() else None,
                request=request,
                **data,
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                field = "name" if field == "person" else field  # the person is given by name here
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("Referral sent. Keep the receipt code."))
            return redirect("referrals:detail", pk=referral.pk)
    return render(request, "referrals/referral_new.html", {"form": form}, status=form_status(form))


@require_GET
def referral_candidates(request: AuthedRequest) -> HttpResponse:
    """Possible existing people as the name is typed: only people already visible to the
    referrer, so the list reveals nothing new."""
    if not doors_for(request.membership):
        raise PermissionDenied
    query = printable(request.GET.get("name", ""), 100).strip()
    site = acting_membership(request).organization.site
    visible = Person.objects.visible_to(request.membership)
    people = likely_people(visible, site, query) if len(query) >= 2 else []
    audit_disclosures(
        request=request,
        action=Action.SEARCH,
        disclosed={p.pk: [] for p in people},
        detail={"referral": True},
    )
    return render(
        request, "referrals/referral_new.html#candidates", {"candidates": people, "query": query}
    )


@require_GET
def referral_list(request: AuthedRequest) -> HttpResponse:
    """The referrals this person made or works on, each status as far as they may know it."""
    referrals = list(
        referrals_visible_to(request.membership).select_related("person", "referrer_organization")[
            :100
        ]
    )
    with_consent_facts([r.person for r in referrals], request.membership)
    statuses = [(r, referrer_status(request.membership, r)) for r in referrals]
    referral_statuses_shown(request=request, action=Action.LIST, shown=statuses)
    context = {
        "rows": [(r, status_label(status)) for r, status in statuses],
        "can_refer": bool(doors_for(request.membership)),
        "can_queue": may_see_referral_queue(request.membership),
        "can_intake": may_record_outreach(request.membership),
        "can_holds": may_record_holds(request.membership),
    }
    return render(request, "referrals/referral_list.html", context)


@require_GET
def referral_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The receipt: what was sent and where it stands. Those who run the queue also see the
    eligibility decisions and, if they screen, the screening answers."""
    referral = access_referral(request.membership, pk)
    shown = referrer_status(request.membership, referral)
    context: dict[str, object] = {"referral": referral, "status": status_label(shown)}
    if not may_see_referral_queue(request.membership):
        referral_statuses_shown(request=request, action=Action.VIEW, shown=[(referral, shown)])
    else:
        decisions = list(referral.eligibility_decisions.select_related("rule_set"))
        context["decisions"] = [(d, [reason_text(r) for r in d.reasons]) for d in decisions]
        context["transitions"] = referral.transitions.select_related("actor")
        audit_disclosures(
            request=request,
            action=Action.VIEW,
            disclosed={referral.person_id: []},
            detail={"referral": referral.pk},
        )
    if may_decide_referrals(request.membership):
        context["screening_form"] = ScreeningForm(initial=ScreeningForm.initial_for(referral))
    return render(request, "referrals/referral_detail.html", context)


# A screen's worth of decisions; the rest wait on the next page, oldest first.
QUEUE_PAGE_SIZE = 25


def _moves_for(membership: Membership | None, status: str) -> list[tuple[str, str]]:
    """The moves this person may make from `status`: screening and declining for those who
    run the queue, approval for the roles the site chose."""
    allowed = set(TRANSITIONS[status]) if may_decide_referrals(membership) else set()
    allowed.discard(ReferralStatus.ENROLLED)  # enrollment comes with the intake record
    if not may_approve_referrals(membership):
        allowed.discard(ReferralStatus.APPROVED)
    elif ReferralStatus.APPROVED in TRANSITIONS[status]:
        allowed.add(ReferralStatus.APPROVED)
    return [(s, str(ReferralStatus(s).label)) for s in ReferralStatus.values if s in allowed]


@require_GET
def referral_queue_page(request: AuthedRequest) -> HttpResponse:
    """The queue: arrest diversions first (their clock is running), then oldest first. When
    case management is full, the others wait."""
    latest = Prefetch(
        "eligibility_decisions",
        queryset=EligibilityDecision.objects.select_related("rule_set"),
        to_attr="decisions",
    )
    page = window(
        referral_queue(request.membership)
        .select_related("person", "referrer_organization")
        .prefetch_related(latest)
        .order_by(Case(When(door=Door.ARREST_DIVERSION, then=0), default=1), "submitted_at", "pk"),
        request.GET.get("page"),
        QUEUE_PAGE_SIZE,
    )
    referrals = page.items
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed={r.person_id: [] for r in referrals},
        detail={"queue": True},
    )
    capacity = site_capacity(acting_membership(request).organization.site)
    rows = [
        {
            "referral": r,
            "decision": next(iter(r.decisions), None),
            "moves": _moves_for(request.membership, r.status),
            "waiting": capacity.full and r.door != Door.ARREST_DIVERSION,
        }
        for r in referrals
    ]
    context = {"rows": rows, "capacity": capacity, "page": page}
    return render(request, "referrals/referral_queue.html", context)


@require_POST
def referral_move(request: AuthedRequest, pk: int) -> HttpResponse:
    to = request.POST.get("to", "")
    if to == ReferralStatus.ENROLLED:
        messages.error(request, _("Enrollment is recorded with the intake, on the intake list."))
        return redirect("referrals:queue")
    may_move = (
        may_approve_referrals(request.membership)
        if to == ReferralStatus.APPROVED
        else may_decide_referrals(request.membership)
    )
    if not may_move:
        raise PermissionDenied
    referral = access_referral(request.membership, pk)
    try:
        referral_transition(
            actor=request.user,
            referral=referral,
            to=to,
            reason=printable(request.POST.get("reason", ""), 300),
            request=request,
        )
    except (ValidationError, ValueError) as error:
        messages.error(request, "; ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request,
            _("Referral %(code)s is now %(status)s.")
            % {"code": referral.receipt_code, "status": referral.get_status_display()},
        )
    return redirect("referrals:queue")
