"""Who the outcome evaluation follows: each participant once, from the intake that enrolled
them (their entry) and the referral that brought them (their month before referral)."""

import bisect
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from goldenthread.casework.models import Contact
from goldenthread.insights.groups import age_on
from goldenthread.organizations.models import Site
from goldenthread.referrals.models import Referral, ReferralStatus


@dataclass(frozen=True)
class Entry:
    person_id: int
    referred_on: date
    entered_on: date
    age: int | None
    sex: str


def entries(site: Site, area: str = "") -> list[Entry]:
    """Everyone enrolled at the site (or in one area), by their first completed intake."""
    enrolled = Referral.objects.filter(
        site=site,
        status=ReferralStatus.ENROLLED,
        intake_completed_at__isnull=False,
        person__merged_into=None,
    )
    if area:
        enrolled = enrolled.filter(area=area)
    rows = enrolled.order_by("person_id", "intake_completed_at").values_list(
        "person_id",
        "submitted_at",
        "intake_completed_at",
        "person__date_of_birth",
        "person__approximate_age",
        "person__sex",
    )
    found: dict[int, Entry] = {}
    for person_id, submitted, completed, born, approximate, sex in rows:
        if person_id in found:
            continue
        entered = timezone.localtime(completed, site.zone).date()
        found[person_id] = Entry(
            person_id=person_id,
            referred_on=timezone.localtime(submitted, site.zone).date(),
            entered_on=entered,
            age=age_on(born, approximate, entered),
            sex=sex,
        )
    return list(found.values())


class ContactDays:
    """Each person's contact dates on the site's clock, to count any window without
    another query."""

    def __init__(self, site: Site, people: list[Entry]) -> None:
        self.days: dict[int, list[date]] = defaultdict(list)
        if not people:
            return
        since = min(min(e.referred_on, e.entered_on) for e in people) - timedelta(days=1)
        for person_id, at in (
            Contact.objects.filter(
                person_id__in=[e.person_id for e in people], occurred_at__date__gte=since
            )
            .order_by("occurred_at")
            .values_list("person_id", "occurred_at")
        ):
            self.days[person_id].append(timezone.localtime(at, site.zone).date())

    def between(self, person_id: int, start: date, end: date) -> int:
        """Contacts dated in [start, end)."""
        days = self.days.get(person_id, [])
        return bisect.bisect_left(days, end) - bisect.bisect_left(days, start)
