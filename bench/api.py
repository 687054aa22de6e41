"""The API's list endpoints on the large site, as integrators call them: each with the token
of the member whose system would (a case manager's for a participant's lists, the project
manager's for referrals and work-group items, a lodging liaison's for stays), and the queries
each makes for a page of 20 and of 200 (the same number: a page is one slice of one ordered
query, with what it shows fetched in bulk)."""

import urllib.request

from django.db import connection, reset_queries
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.client import SignedInClient
from goldenthread.accounts.models import User
from goldenthread.organizations.models import Membership
from goldenthread.people.models import Person
from goldenthread.referrals.models import ReferralStatus
from goldenthread.tokens.models import Scope
from goldenthread.tokens.services import token_create

# The member whose token reads each list, and its scopes.
READERS = {
    "cm.okafor": [
        Scope.PEOPLE_READ,
        Scope.CASEWORK_READ,
        Scope.CONSENTS_READ,
        Scope.LEGAL_READ,
    ],
    "pm.ramirez": [Scope.REFERRALS_READ, Scope.WORK_GROUPS_READ],
    "lodging.silva": [Scope.LODGING_READ],
}


class TokenClient(SignedInClient):
    """Sends a bearer token with every request, as a partner's system does."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret
        self.opener = urllib.request.build_opener()
        self.opener.addheaders = [("Authorization", f"Bearer {secret}")]

    def clone(self) -> "TokenClient":
        return TokenClient(self.secret)


def tokens() -> dict[str, str]:
    found = {}
    for username, scopes in READERS.items():
        user = User.objects.get(username=username)
        _, found[username] = token_create(
            actor=user,
            membership=Membership.objects.filter(user=user).order_by("pk").first(),  # type: ignore[arg-type]
            name="bench",
            scopes=list(scopes),
            lifetime_days=1,
        )
    return found


def busiest_participant(username: str) -> int:
    """The enrolled participant of this case manager's caseload with the most legal matters,
    then releases, then contacts, so their lists hold as many rows as the site has."""
    row = (
        Person.objects.filter(
            case_manager__username=username,
            referrals__status=ReferralStatus.ENROLLED,
            referrals__intake_completed_at__isnull=False,
        )
        .annotate(
            matters=Count("legal_matters", distinct=True),
            releases=Count("consents", distinct=True),
            contacts_made=Count("contacts", distinct=True),
        )
        .order_by("-matters", "-releases", "-contacts_made", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    assert row is not None
    return row


def endpoints(person_id: int) -> list[tuple[str, str]]:
    """(reader, path) for every list endpoint."""
    mine = [
        "/api/v1/people",
        f"/api/v1/people/{person_id}/contacts",
        f"/api/v1/people/{person_id}/enrollments",
        f"/api/v1/people/{person_id}/consents",
        f"/api/v1/people/{person_id}/goals",
        f"/api/v1/people/{person_id}/legal-matters",
    ]
    return [
        *(("cm.okafor", path) for path in mine),
        ("pm.ramirez", "/api/v1/referrals"),
        ("pm.ramirez", "/api/v1/work-group-items"),
        ("lodging.silva", "/api/v1/lodging/stays"),
    ]


def query_counts(secrets: dict[str, str], person_id: int) -> dict[str, tuple[int, int, int]]:
    """{path: (queries for 20 rows, queries for 200 rows, rows in the 200 page)}, after a
    first request that records the token's use (once a minute, not per request)."""
    client = Client()
    counts = {}
    for reader, path in endpoints(person_id):
        found = []
        for limit in (1, 20, 200):
            reset_queries()  # the log keeps 9,000 queries; a full one counts nothing new
            with CaptureQueriesContext(connection) as queries:
                response = client.get(
                    path, {"limit": limit}, headers={"Authorization": f"Bearer {secrets[reader]}"}
                )
            assert response.status_code == 200, (path, response.status_code, response.content)
            found.append((len(queries), len(response.json()["items"])))
        counts[path] = (found[1][0], found[2][0], found[2][1])
    return counts
