from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from goldenthread.access.policy import access_person, contacts_visible_to, may_log_contact
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.casework.forms import ContactForm
from goldenthread.casework.selectors import contact_defaults
from goldenthread.casework.services import contact_log
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
