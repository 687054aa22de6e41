from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from goldenthread.access.policy import access_person, with_consent_facts
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.http import AuthedRequest
from goldenthread.timeline.selectors import Cursor, timeline_page
from goldenthread.timeline.sources import GROUPS


@require_GET
def timeline(request: AuthedRequest, pk: int) -> HttpResponse:
    """The participant's story, newest first, in the parts this reader may see; filtered by
    group, 50 events a page."""
    # The story asks the policy about many categories of one person: their releases are
    # read once.
    person = with_consent_facts([access_person(request.membership, pk)], request.membership)[0]
    chosen = {g for g in request.GET.getlist("show") if g in GROUPS} or set(GROUPS)
    page = timeline_page(
        request.membership, person, chosen, Cursor.parse(request.GET.get("before"))
    )
    audit_record(
        action=Action.VIEW,
        request=request,
        obj=person,
        subject_person_id=person.pk,
        categories=sorted({entry.category for entry in page.entries}),
        detail={"timeline": len(page.entries)},
    )
    context = {
        "person": person,
        "page": page,
        "groups": GROUPS.items(),
        "chosen": chosen,
        "shown": sorted(chosen),
    }
    template = "timeline/timeline.html#entries" if request.htmx else "timeline/timeline.html"
    return render(request, template, context)
