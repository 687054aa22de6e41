"""The fidelity scorecard read from what staff recorded: a caseload over the limit, a work
group that skipped a meeting, a closure that deserves a look, community referrals decided."""

from datetime import timedelta

from goldenthread.casework.models import (
    CloseReason,
    Contact,
    ContactMode,
    EngagementChange,
    PlaceType,
)
from goldenthread.conferencing.models import Meeting, WorkGroup
from goldenthread.insights.fidelity import scorecard
from goldenthread.insights.operations import operations
from goldenthread.insights.periods import Quarter
from goldenthread.insights.scope import Scope
from goldenthread.insights.tests import cohort
from goldenthread.organizations.models import OrganizationKind
from goldenthread.people.models import EngagementStatus, Person
from goldenthread.referrals.models import Door, ReferralStatus, ReferralTransition
from goldenthread.testing import PersonaTestCase


class FidelityTests(PersonaTestCase):
    quarter: Quarter

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.quarter, start, made = cohort.enrolled_last_quarter(cls.site, cls.jordan, 28)
        Person.objects.filter(pk__in=[r.person_id for r in made]).update(case_manager=cls.ngozi)
        community = cohort.referrals(
            cls.site, cls.jordan, count=4, race=["black"], approved=3, door=Door.COMMUNITY
        )
        ReferralTransition.objects.create(
            referral=community[3],
            from_status=ReferralStatus.SCREENING,
            to_status=ReferralStatus.DECLINED,
            actor=cls.lucia,
        )
        ReferralTransition.objects.filter(referral__in=community).update(
            at=start + timedelta(days=3)
        )
        # One closure the person chose, one that deserves a look.
        for person, reason in zip(
            Person.objects.filter(pk__in=[r.person_id for r in made[:2]]),
            [CloseReason.MOVED_AWAY, CloseReason.OTHER],
            strict=True,
        ):
            change = EngagementChange.objects.create(
                person=person,
                from_status=EngagementStatus.ACTIVE,
                to_status=EngagementStatus.CLOSED,
                close_reason=reason,
                actor=cls.ngozi,
            )
            EngagementChange.objects.filter(pk=change.pk).update(at=start + timedelta(days=20))
        group = WorkGroup.objects.create(site=cls.site, name="Downtown OWG", cadence_days=30)
        WorkGroup.objects.filter(pk=group.pk).update(created_at=start - timedelta(days=100))
        for days, held in ((10, True), (40, True), (70, False)):
            Meeting.objects.create(
                work_group=group, starts_at=start + timedelta(days=days), held=held
            )
        for place in (PlaceType.STREET, PlaceType.ENCAMPMENT, PlaceType.OFFICE):
            Contact.objects.create(
                person=made[5].person,
                staff=cls.ngozi,
                organization=cls.orgs[OrganizationKind.CASE_MANAGEMENT],
                occurred_at=start + timedelta(days=5),
                mode=ContactMode.IN_PERSON,
                place=place,
            )

    def readings(self):
        scope = Scope(self.site, self.quarter)
        return scorecard(scope, operations(scope), None)

    def test_a_caseload_over_twenty_five_misses_the_limit(self):
        reading = self.readings()["fidelity_caseloads"]
        self.assertEqual((reading.text, reading.met), ("0%", False))

    def test_a_work_group_that_held_two_of_three_meetings_misses_its_cadence(self):
        reading = self.readings()["fidelity_work_group_cadence"]
        self.assertEqual((reading.text, reading.met), ("67% (2/3)", False))

    def test_only_a_closure_for_another_reason_counts(self):
        reading = self.readings()["fidelity_closures"]
        self.assertEqual((reading.text, reading.met), ("1 / 2", False))

    def test_community_referrals_and_field_work_are_read_as_shares(self):
        readings = self.readings()
        self.assertEqual(readings["fidelity_community_accepted"].text, "75% (3/4)")
        self.assertEqual(readings["fidelity_field_contacts"].text, "67% (2/3)")

    def test_the_project_manager_sees_the_scorecard(self):
        response = self.sign_in(self.lucia).get(f"/insights/?quarter={self.quarter}")
        self.assertContains(response, "Operational Work Group meetings held at cadence")
        self.assertContains(response, "67% (2/3)")
