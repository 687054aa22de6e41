"""The participant list (50 rows, large site) with the access policy, against the same page
rendered without it. The unfiltered variant lives only here: the product has no switch
that turns the policy off."""

import statistics
import time
from collections.abc import Callable

from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from goldenthread.access.policy import site_categories
from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures
from goldenthread.consent.models import CategoryCode
from goldenthread.organizations.models import Membership
from goldenthread.people.models import Person
from goldenthread.people.views import PAGE_SIZE, person_list
from goldenthread.shell.paging import window

ROUNDS = 40


def unfiltered_list(request: HttpRequest) -> HttpResponse:
    """person_list without Person.objects.visible_to and without the per-row decision:
    every row of the site, every category shown. Audited the same way."""
    membership = request.membership  # type: ignore[attr-defined]
    people = Person.objects.filter(site_id=membership.organization.site_id).select_related(
        "case_manager", "assigned_organization"
    )
    page = window(people, None, PAGE_SIZE)
    everything = {
        category.code: "unfiltered" for category in site_categories(membership.organization.site_id)
    }
    rows = [(person, everything) for person in page.items]
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed={person.pk: [CategoryCode.ENROLLMENT_STATUS] for person, _ in rows},
    )
    context = {"page": page, "rows": rows, "q": "", "status": CategoryCode.ENROLLMENT_STATUS}
    return render(request, "people/person_list.html", context)


def _request(user: User, membership: Membership) -> HttpRequest:
    request = RequestFactory().get("/people/")
    request.user = user
    request.membership = membership  # type: ignore[attr-defined]
    request.memberships = [membership]  # type: ignore[attr-defined]
    request.session = SessionStore()
    request.htmx = HtmxDetails(request)  # type: ignore[attr-defined]
    request.request_id = "bench"  # type: ignore[attr-defined]
    request.csp_nonce = "bench"  # type: ignore[attr-defined]
    user.is_verified = lambda: True  # type: ignore[attr-defined]
    return request


def _time(view: Callable[..., HttpResponse], user: User, membership: Membership) -> float:
    started = time.perf_counter()
    response = view(_request(user, membership))
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200 and response.content.count(b"<tr>") >= PAGE_SIZE, (
        "a full page of rows"
    )
    return elapsed


def measure(username: str) -> dict[str, float]:
    user = User.objects.get(username=username)
    membership = Membership.objects.get(user=user)
    policy: list[float] = []
    unfiltered: list[float] = []
    for _ in range(5):  # warm caches
        _time(person_list, user, membership)
        _time(unfiltered_list, user, membership)
    for _ in range(ROUNDS):  # alternate, so drift affects both alike
        policy.append(_time(person_list, user, membership))
        unfiltered.append(_time(unfiltered_list, user, membership))
    return {
        "visible": Person.objects.visible_to(membership).count(),
        "policy_p50": statistics.median(policy),
        "policy_p95": sorted(policy)[int(0.95 * (ROUNDS - 1))],
        "unfiltered_p50": statistics.median(unfiltered),
        "unfiltered_p95": sorted(unfiltered)[int(0.95 * (ROUNDS - 1))],
    }
