from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from goldenthread.access.policy import access_person, contacts_visible_to, may_log_contact
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.casework.forms import ContactForm, EngagementForm
from goldenthread.casework.selectors import contact_defaults
from goldenthread.casework.services import contact_log, engagement_change
from goldenthread.http import AuthedRequest
from goldenthread.shell.forms import form_status
from goldenthread.shell.paging import window
from goldenthread.text import printable

CONTACTS_PAGE_SIZE = 30


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
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
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
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
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
