"""Case conferencing on the large site: building the whole-site work group's agenda (every
rule over every participant, open referral and legal event), and a meeting page of 40
items with two notes each, whose query count must not grow with the number of items."""

import statistics
import time
from datetime import timedelta

from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.participants import _request
from goldenthread.access.sharing import NoteSharing
from goldenthread.accounts.models import User
from goldenthread.conferencing.agenda import agenda_items
from goldenthread.conferencing.models import AgendaItem, ItemNote, Meeting, WorkGroup
from goldenthread.conferencing.views import meeting as meeting_view
from goldenthread.organizations.models import Membership
from goldenthread.people.models import EngagementStatus, Person

ROUNDS = 10
PAGE_ITEMS = 40
GROUP = "Cascade OWG"


def agenda_generation() -> dict[str, float]:
    """Builds (without saving) the agenda of a meeting tomorrow, ROUNDS times."""
    group = WorkGroup.objects.get(name=GROUP)
    meeting = Meeting(work_group=group, starts_at=timezone.now() + timedelta(days=1))
    seconds, items = [], 0
    for _ in range(ROUNDS):
        started = time.perf_counter()
        items = len(agenda_items(meeting))
        seconds.append(time.perf_counter() - started)
    active = Person.objects.filter(
        site_id=group.site_id, engagement_status=EngagementStatus.ACTIVE
    ).count()
    return {
        "active": active,
        "items": items,
        "median_s": statistics.median(seconds),
        "max_s": max(seconds),
    }


@transaction.atomic
def meeting_with(items: int) -> Meeting:
    """A meeting tomorrow holding the first `items` items the rules find, each with a
    shareable note and one only case management reads."""
    group = WorkGroup.objects.get(name=GROUP)
    manager = User.objects.get(username="pm.ramirez")
    meeting = Meeting.objects.create(work_group=group, starts_at=timezone.now() + timedelta(days=1))
    found = agenda_items(meeting)
    # Every reason the rules give, in turn, so the page shows each kind of item.
    by_reason: dict[str, list[AgendaItem]] = {}
    for item in found:
        by_reason.setdefault(item.reason, []).append(item)
    chosen: list[AgendaItem] = []
    while len(chosen) < items and any(by_reason.values()):
        for queue in by_reason.values():
            if queue and len(chosen) < items:
                chosen.append(queue.pop(0))
    for position, item in enumerate(chosen, start=1):
        item.position = position
    saved = AgendaItem.objects.bulk_create(chosen)
    ItemNote.objects.bulk_create(
        ItemNote(item=item, text=text, sharing=sharing, author=manager)
        for item in saved
        for text, sharing in (
            ("Agreed who calls whom.", NoteSharing.PARTNERS),
            ("Case manager follows up.", NoteSharing.TEAM),
        )
    )
    return meeting


def query_counts(username: str, meetings: dict[str, Meeting]) -> dict[str, int]:
    """Queries of the meeting page for each meeting, rendered in-process as `username`."""
    user = User.objects.get(username=username)
    membership = Membership.objects.filter(user=user).order_by("pk").first()
    assert membership is not None
    counts = {}
    for name, meeting in meetings.items():
        request = _request(user, Membership.objects.get(pk=membership.pk))
        request.GET = QueryDict("")
        with CaptureQueriesContext(connection) as queries:
            response = meeting_view(request, meeting.pk)  # type: ignore[arg-type]
        assert response.status_code == 200, (name, response.status_code)
        counts[f"{username}, {name}"] = len(queries)
    return counts


def prepare() -> tuple[dict[str, float], str, dict[str, int]]:
    """The agenda figures, the path of the 40-item meeting page to serve, and the page's
    query counts at 10 and 40 items for the project manager and the case manager."""
    agenda = agenda_generation()
    small, full = meeting_with(10), meeting_with(PAGE_ITEMS)
    meetings = {"10 items": small, f"{PAGE_ITEMS} items": full}
    queries = {
        name: count
        for username in ("pm.ramirez", "cm.okafor")
        for name, count in query_counts(username, meetings).items()
    }
    return agenda, f"/work-groups/meetings/{full.pk}/", queries
