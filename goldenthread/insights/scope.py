"""What a figure is computed over: one site, one quarter, and optionally one area."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import OuterRef, Q, QuerySet, Subquery

from goldenthread.casework.models import EngagementChange
from goldenthread.insights.periods import Quarter
from goldenthread.organizations.models import Site
from goldenthread.people.models import EngagementStatus, Person
from goldenthread.referrals.models import Referral, ReferralStatus


@dataclass(frozen=True)
class Scope:
    site: Site
    quarter: Quarter
    area: str = ""

    @property
    def start(self) -> datetime:
        return self.quarter.bounds(self.site.zone)[0]

    @property
    def end(self) -> datetime:
        return self.quarter.bounds(self.site.zone)[1]

    def day_end(self, day: date) -> datetime:
        """The first instant after `day` on the site's clock."""
        return datetime.combine(day + timedelta(days=1), time.min, self.site.zone)

    def referrals(self) -> QuerySet[Referral]:
        found = Referral.objects.filter(site=self.site, person__merged_into=None)
        return found.filter(area=self.area) if self.area else found

    def received(self) -> QuerySet[Referral]:
        return self.referrals().filter(submitted_at__gte=self.start, submitted_at__lt=self.end)

    def enrolled_by(self, day: date) -> QuerySet[Person]:
        """People enrolled on `day`: intake completed on an enrolled referral by its end and
        a status that day (the last change before its end; none means as enrolled) that is
        not closed. Each annotated with that status as `status_then`."""
        until = self.day_end(day)
        enrolling = self.referrals().filter(
            status=ReferralStatus.ENROLLED, intake_completed_at__lt=until
        )
        last_change = EngagementChange.objects.filter(person=OuterRef("pk"), at__lt=until).order_by(
            "-at", "-pk"
        )
        people = Person.objects.filter(site=self.site, pk__in=enrolling.values("person_id"))
        people = people.annotate(status_then=Subquery(last_change.values("to_status")[:1]))
        return people.filter(
            Q(status_then=None)
            | ~Q(status_then__in=[EngagementStatus.CLOSED, EngagementStatus.REFERRED])
        )
