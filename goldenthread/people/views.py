"""Participants as each audience may see them, every page built from access.policy."""

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from goldenthread.access.policy import (
    DataAction,
    access_person,
    acting_membership,
    decide,
    granted_categories,
    site_categories,
    with_consent_facts,
)
from goldenthread.audit.models import Action
from goldenthread.audit.selectors import disclosures_of
from goldenthread.audit.services import audit_disclosures, audit_record
from goldenthread.consent.models import CategoryCode
from goldenthread.http import AuthedRequest
from goldenthread.organizations.models import OrganizationKind
from goldenthread.organizations.selectors import organization_names
from goldenthread.people.models import Person
from goldenthread.people.selectors import matching_name
from goldenthread.shell.paging import window
from goldenthread.text import printable

PAGE_SIZE = 50
# What each kind of organization is shown when it opens a participant it does not serve.
AUDIENCE_TEMPLATES: dict[str, str] = {
    OrganizationKind.POLICE: "people/audience_officer.html",
    OrganizationKind.PROSECUTOR: "people/audience_legal.html",
    OrganizationKind.PUBLIC_DEFENSE: "people/audience_legal.html",
}


@require_GET
def person_list(request: AuthedRequest) -> HttpResponse:
    membership = request.membership
    query = printable(request.GET.get("q", ""), 100).strip()
    people: QuerySet[Person] = Person.objects.visible_to(membership).select_related(
        "case_manager", "assigned_organization"
    )
    if query:
        people = matching_name(people, query)
    page = window(people, request.GET.get("page"), PAGE_SIZE)
    categories = site_categories(membership.organization.site_id) if membership else []
    rows = [
        (person, granted_categories(membership, person, categories))
        for person in with_consent_facts(page.items, membership)
    ]
    # Names are shown for every row; status and whom to call where enrollment status is shared.
    audit_disclosures(
        request=request,
        action=Action.SEARCH if query else Action.LIST,
        disclosed={
            p.pk: [c for c in granted if c == CategoryCode.ENROLLMENT_STATUS] for p, granted in rows
        },
        detail={"query": query} if query else None,
    )
    context = {"page": page, "rows": rows, "q": query, "status": CategoryCode.ENROLLMENT_STATUS}
    template = "people/person_list.html#results" if request.htmx else "people/person_list.html"
    return render(request, template, context)


@require_GET
def person_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    membership = request.membership
    person = access_person(membership, pk)
    categories = site_categories(person.site_id)
    granted = granted_categories(membership, person, categories)
    shown = [category for category in categories if category.code in granted]
    audit_record(
        action=Action.VIEW,
        request=request,
        obj=person,
        subject_person_id=person.pk,
        categories=granted,
    )
    organization = acting_membership(request).organization
    assigned = person.assigned_organization_id == organization.pk
    if assigned:
        template = "people/audience_care_team.html"
    else:
        template = AUDIENCE_TEMPLATES.get(organization.kind, "people/audience_partner.html")
    context = {
        "person": person,
        "granted": granted,
        "shown": shown,
        "part2_shown": any(category.is_part2 for category in shown),
        "codes": CategoryCode,
        "consents": person.consents.prefetch_related("recipients__organization", "categories")
        if assigned
        else [],
        "can_edit": bool(
            decide(membership, person, CategoryCode.ENROLLMENT_STATUS, DataAction.EDIT)
        ),
    }
    return render(request, template, context)


@require_GET
def person_disclosures(request: AuthedRequest, pk: int) -> HttpResponse:
    """The accounting of disclosures a case manager prints for the participant."""
    person = access_person(request.membership, pk, write=True)
    events = list(disclosures_of(person.pk))
    organizations = organization_names(person.site_id)
    categories = {c.code: c for c in site_categories(person.site_id)}
    rows = [
        {
            "event": event,
            "organization": organizations.get(event.organization_id or 0, "—"),
            "categories": [categories[code] for code in event.categories if code in categories],
        }
        for event in events
    ]
    audit_record(
        action=Action.EXPORT,
        request=request,
        obj=person,
        subject_person_id=person.pk,
        detail={"report": "disclosures"},
    )
    return render(request, "people/disclosures.html", {"person": person, "rows": rows})
