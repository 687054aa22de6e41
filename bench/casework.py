"""Case management on the large site: the caseload page and the timeline of the participant
with the longest story, and how many queries each page makes on its first page and a later
one (the same number, whatever the length of the caseload or the story)."""

from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from bench.participants import _request
from goldenthread.accounts.models import User
from goldenthread.casework.views import caseload
from goldenthread.organizations.models import Membership
from goldenthread.people.models import Person
from goldenthread.timeline.selectors import timeline_page
from goldenthread.timeline.sources import GROUPS
from goldenthread.timeline.views import timeline


def long_served() -> tuple[int, int]:
    """(pk, contacts) of the participant with the most contacts."""
    row = Person.objects.annotate(n=Count("contacts")).order_by("-n").values_list("pk", "n").first()
    assert row is not None
    return row


def query_counts(username: str, person_id: int) -> dict[str, int]:
    user = User.objects.get(username=username)
    membership = Membership.objects.filter(user=user).order_by("pk").first()
    assert membership is not None
    person = Person.objects.get(pk=person_id)
    later = timeline_page(membership, person, set(GROUPS)).next_cursor or ""
    counts = {}
    for name, view, args, query in (
        ("caseload, page 1", caseload, (), ""),
        ("caseload, page 20", caseload, (), "page=20"),
        ("timeline, newest 50", timeline, (person_id,), ""),
        ("timeline, next 50", timeline, (person_id,), urlencode({"before": later})),
    ):
        fresh = Membership.objects.get(pk=membership.pk)  # as each request loads it
        request = _request(user, fresh)
        request.GET = QueryDict(query)
        with CaptureQueriesContext(connection) as queries:
            response = view(request, *args)  # type: ignore[arg-type]
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(queries)
    return counts
