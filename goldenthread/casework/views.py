from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goldenthread.access.policy import (
    Capability,
    access_person,
    access_task,
    acting_membership,
    case_managers_for,
    caseload_visible_to,
    contacts_visible_to,
    may_log_contact,
    require,
    services_visible_to,
    tasks_visible_to,
)
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures, audit_record
from goldenthread.casework.assignment import caseload_assign
from goldenthread.casework.forms import (
    ContactForm,
    EngagementForm,
    ReassignForm,
    ServiceEventForm,
    StatusForm,
    TaskForm,
)
from goldenthread.casework.models import SERVICE_CATEGORY, StatusKind
from goldenthread.casework.selectors import (
    caseload_rows,
    contact_defaults,
    open_task_counts,
    status_by_month,
    status_on,
)
from goldenthread.casework.services import (
    contact_log,
    engagement_change,
    service_event_record,
    status_record,
    task_complete,
    task_create,
)
from goldenthread.http import AuthedRequest
from goldenthread.organizations.models import Membership, Role
from goldenthread.people.models import CASELOAD_STATUSES, EngagementStatus
from goldenthread.referrals.capacity import caseload_sizes
from goldenthread.shell.forms import add_errors, form_status
from goldenthread.shell.paging import window
from goldenthread.text import printable, whole_number

CONTACTS_PAGE_SIZE = 30
CASELOAD_PAGE_SIZE = 50


@require_GET
def contact_list(request: AuthedRequest, pk: int) -> HttpResponse:
    """The contacts this reader may see, newest first."""
    person = access_person(request.membership, pk)
    contacts = contacts_visible_to(request.membership, person).select_related("staff")
    page = window(contacts, request.GET.get("page"), CONTACTS_PAGE_SIZE)
    audit_record(
        action=Action.LIST,
        request=request,
        obj=person,
        subject_person_id=person.pk,
        categories=["case_notes"],
        detail={"contacts": len(page.items)},
    )
    context = {
        "person": person,
        "page": page,
        "can_log": may_log_contact(request.membership, person),
    }
    return render(request, "casework/contact_list.html", context)


@require_http_methods(["GET", "POST"])
def contact_new(request: AuthedRequest, pk: int) -> HttpResponse:
    person = access_person(request.membership, pk)
    if not may_log_contact(request.membership, person):
        raise PermissionDenied
    form = ContactForm(request.POST or None, initial=contact_defaults(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["note"] = printable(data["note"], keep_newlines=True)
        try:
            contact_log(
                actor=request.user,
                membership=request.membership,  # type: ignore[arg-type]
                person=person,
                request=request,
                **data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Contact logged."))
            return redirect("casework:contacts", pk=person.pk)
    return render(
        request,
        "casework/contact_new.html",
        {"person": person, "form": form},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
def engagement(request: AuthedRequest, pk: int) -> HttpResponse:
    """The engagement status and its history; the care team changes it."""
    person = access_person(request.membership, pk, category="enrollment_status")
    may_change = may_log_contact(request.membership, person)
    form = EngagementForm(request.POST or None)
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                engagement_change(
                    actor=request.user,
                    person=person,
                    to=form.cleaned_data["to"],
                    close_reason=form.cleaned_data["close_reason"],
                    note=printable(form.cleaned_data["note"], 300),
                    request=request,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Status is now %(status)s.")
                    % {"status": person.get_engagement_status_display()},
                )
                return redirect("casework:engagement", pk=person.pk)
    audit_record(
        action=Action.VIEW,
        request=request,
        obj=person,
        subject_person_id=person.pk,
        categories=["enrollment_status"],
        detail={"engagement_history": True},
    )
    context = {
        "person": person,
        "history": person.engagement_changes.select_related("actor"),
        "form": form if may_change else None,
    }
    return render(request, "casework/engagement.html", context, status=form_status(form))


@require(Capability.VIEW_CASELOAD)
@require_GET
def caseload(request: AuthedRequest) -> HttpResponse:
    """Where to go today: the caseload, longest without a contact first. A supervisor also
    sees each case manager's caseload against the site's limits and can open any of them."""
    membership = acting_membership(request)
    chosen = request.GET.get("cm", "")
    case_manager_id = whole_number(chosen)
    order = request.GET.get("sort", "last_contact")
    status = request.GET.get("status", "")
    people = caseload_visible_to(membership, case_manager_id)
    if status in EngagementStatus.values:
        people = people.filter(engagement_status=status)
    page = window(caseload_rows(people, order), request.GET.get("page"), CASELOAD_PAGE_SIZE)
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed={
            p.pk: ["enrollment_status", "contact_whereabouts"]
            if p.staying_at or p.camp
            else ["enrollment_status"]
            for p in page.items
        },
        detail={"caseload": case_manager_id or membership.user_id},
    )
    site = membership.organization.site
    now = timezone.now()
    tasks = open_task_counts(tasks_visible_to(membership), [p.pk for p in page.items])
    context = {
        "page": page,
        "rows": [
            (p, (now - p.last_contact).days if p.last_contact else None, tasks.get(p.pk, 0))
            for p in page.items
        ],
        "sort": order,
        "status": status,
        "statuses": [(s, EngagementStatus(s).label) for s in sorted(CASELOAD_STATUSES)],
        "team": _team(membership) if membership.role == Role.SUPERVISOR else None,
        "site": site,
        "cm": case_manager_id,
    }
    return render(request, "casework/caseload.html", context)


def _team(membership: Membership) -> list[tuple[Membership, int]]:
    sizes = caseload_sizes(membership.organization.site)
    managers = case_managers_for(membership).filter(organization=membership.organization)
    return [(m, sizes.get(m.user_id, 0)) for m in managers]


@require_http_methods(["GET", "POST"])
def status_over_time(request: AuthedRequest, pk: int) -> HttpResponse:
    """Housing, income, employment and insurance today and month by month for 18 months."""
    person = access_person(request.membership, pk, category="housing_benefits")
    may_record = may_log_contact(request.membership, person)
    today = person.site.today()
    form = StatusForm(request.POST or None, initial={"as_of": today})
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        if form.is_valid():
            kind, value = form.kind_and_value()
            try:
                status_record(
                    actor=request.user,
                    person=person,
                    kind=kind,
                    value=value,
                    as_of=form.cleaned_data["as_of"],
                    note=printable(form.cleaned_data["note"], 300),
                    request=request,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Status recorded."))
                return redirect("casework:status", pk=person.pk)
    records = list(person.status_records.all())
    audit_record(
        action=Action.VIEW,
        request=request,
        obj=person,
        subject_person_id=person.pk,
        categories=["housing_benefits"],
        detail={"status_over_time": True},
    )
    context = {
        "person": person,
        "kinds": StatusKind.choices,
        "today": status_on(records, today),
        "months": status_by_month(records, today),
        "form": form if may_record else None,
    }
    return render(request, "casework/status.html", context, status=form_status(form))


@require_http_methods(["GET", "POST"])
def services(request: AuthedRequest, pk: int) -> HttpResponse:
    """Services out: referrals to outside providers and what came of them, each shown only
    where the reader may see its kind of information."""
    person = access_person(request.membership, pk)
    may_record = may_log_contact(request.membership, person)
    form = ServiceEventForm(request.POST or None, initial={"occurred_on": person.site.today()})
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            data["provider"] = printable(data["provider"], 200)
            data["note"] = printable(data["note"], 300)
            try:
                service_event_record(actor=request.user, person=person, request=request, **data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Service recorded."))
                return redirect("casework:services", pk=person.pk)
    events = list(services_visible_to(request.membership, person).select_related("recorded_by"))
    audit_record(
        action=Action.LIST,
        request=request,
        obj=person,
        subject_person_id=person.pk,
        categories=sorted({SERVICE_CATEGORY[event.kind] for event in events}),
        detail={"services": len(events)},
    )
    context = {"person": person, "events": events, "form": form if may_record else None}
    return render(request, "casework/services.html", context, status=form_status(form))


@require(Capability.VIEW_CASELOAD)
@require_http_methods(["GET", "POST"])
def tasks(request: AuthedRequest) -> HttpResponse:
    """One's own reminders: overdue, due today, later; and a line to add one."""
    membership = acting_membership(request)
    today = membership.organization.site.today()
    form = TaskForm(request.POST or None, initial={"due_on": today, **request.GET.dict()})
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["person"]
        person = access_person(membership, chosen) if chosen else None
        task_create(
            actor=request.user,
            title=printable(form.cleaned_data["title"], 200),
            due_on=form.cleaned_data["due_on"],
            person=person,
            request=request,
        )
        messages.success(request, _("Task added."))
        return redirect("casework:tasks")
    open_tasks = list(
        tasks_visible_to(membership).filter(done_at__isnull=True).select_related("person")
    )
    groups = {
        "overdue": [t for t in open_tasks if t.due_on < today],
        "today": [t for t in open_tasks if t.due_on == today],
        "later": [t for t in open_tasks if t.due_on > today],
    }
    return render(
        request,
        "casework/tasks.html",
        {"groups": groups, "form": form},
        status=form_status(form),
    )


@require(Capability.VIEW_CASELOAD)
@require_POST
def task_done(request: AuthedRequest, pk: int) -> HttpResponse:
    task = access_task(request.membership, pk)
    task_complete(actor=request.user, task=task, request=request)
    messages.success(request, _("Done: %(title)s") % {"title": task.title})
    return redirect("casework:tasks")


@require(Capability.VIEW_CASELOAD)
@require_http_methods(["GET", "POST"])
def reassign(request: AuthedRequest, pk: int) -> HttpResponse:
    """A supervisor moves a participant to another case manager, within the limits."""
    membership = acting_membership(request)
    if membership.role != Role.SUPERVISOR:
        raise PermissionDenied
    person = access_person(membership, pk, category="enrollment_status", write=True)
    managers = case_managers_for(membership).filter(organization=membership.organization)
    form = ReassignForm(request.POST or None, managers=managers)
    if request.method == "POST" and form.is_valid():
        try:
            warning = caseload_assign(
                actor=request.user,
                acting=membership,
                person=person,
                case_manager=form.cleaned_data["case_manager"],
                reason=printable(form.cleaned_data["reason"], 300),
                override_reason=printable(form.cleaned_data["override_reason"], 300),
                request=request,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if warning:
                messages.warning(request, warning)
            messages.success(request, _("Reassigned."))
            return redirect("casework:reassign", pk=person.pk)
    context = {
        "person": person,
        "form": form,
        "history": person.assignments.select_related("from_case_manager", "to_case_manager"),
    }
    return render(request, "casework/reassign.html", context, status=form_status(form))
