from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from goldenthread.access.policy import Capability, acting_membership, require
from goldenthread.audit.forms import AuditFilterForm
from goldenthread.audit.models import Action
from goldenthread.audit.selectors import events_matching
from goldenthread.audit.services import audit_record
from goldenthread.http import AuthedRequest

PAGE_SIZE = 50


@require(Capability.VIEW_AUDIT)
def audit_list(request: AuthedRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    membership = acting_membership(request)
    events = events_matching(membership.organization.site_id, filters)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    # Reading the trail shows who looked at whom: that is itself a disclosure.
    audit_record(
        action=Action.SEARCH,
        request=request,
        object_type="audit.auditevent",
        detail={"filters": {k: str(v) for k, v in filters.items() if v}},
    )
    template = "audit/audit_list.html#results" if request.htmx else "audit/audit_list.html"
    return render(request, template, {"form": form, "page": page})
