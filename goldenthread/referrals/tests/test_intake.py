"""The intake stage: the legal clock on the site's calendar, the outreach worklist,
enrollment within caseload limits, the prosecutor's record of the held charge, and what
the referrer hears back."""

from datetime import UTC, datetime, timedelta

import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action, AuditEvent
from goldenthread.consent.models import CategoryCode
from goldenthread.organizations.models import Membership, OrganizationKind, Role, Site
from goldenthread.people.models import EngagementStatus, Person
from goldenthread.referrals.clock import intake_due
from goldenthread.referrals.intake import (
    referral_enroll,
    referral_record_hold,
    referral_record_outreach,
)
from goldenthread.referrals.models import Door, HoldOutcome, Referral, ReferralStatus
from goldenthread.referrals.services import referral_submit, referral_transition
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import share

K = OrganizationKind
S = ReferralStatus


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


class IntakeClockTests(PersonaTestCase):
    def due(self, zone, window, occurred):
        return intake_due(occurred, Site(timezone=zone, intake_window_days=window))

    def test_the_window_ends_at_the_same_local_time_across_daylight_saving(self):
        cases = [
            # 10:00 PST on 1 March; 30 days later it is 10:00 PDT, an hour earlier in UTC.
            ("America/Los_Angeles", 30, utc(2026, 3, 1, 18), utc(2026, 3, 31, 17)),
            # 10:00 PDT on 20 October; 14 days later it is 10:00 PST.
            ("America/Los_Angeles", 14, utc(2026, 10, 20, 17), utc(2026, 11, 3, 18)),
            # No change inside the window: exactly 14 days of 24 hours.
            ("America/Los_Angeles", 14, utc(2026, 6, 1, 17), utc(2026, 6, 15, 17)),
            # The southern hemisphere springs forward in October.
            ("Australia/Sydney", 7, utc(2026, 9, 30, 23), utc(2026, 10, 7, 22)),
            # A site without daylight saving.
            ("America/Phoenix", 30, utc(2026, 3, 1, 17), utc(2026, 3, 31, 17)),
            # 23:30 local on the last evening before the change stays 23:30 local.
            ("America/New_York", 1, utc(2026, 3, 8, 4, 30), utc(2026, 3, 9, 3, 30)),
        ]
        for zone, window, occurred, expected in cases:
            with self.subTest(zone=zone, occurred=occurred):
                self.assertEqual(self.due(zone, window, occurred), expected)

    def test_only_arrest_diversions_get_a_clock(self):
        membership = self.membership(self.jordan)
        arrest, _ = referral_submit(
            actor=self.jordan,
            membership=membership,
            door=Door.ARREST_DIVERSION,
            person=None,
            new_person={"preferred_name": "JJ"},
            occurred_at=utc(2026, 3, 1, 18),
            conduct="drug_possession",
        )
        self.assertEqual(arrest.intake_due_at, utc(2026, 3, 31, 17))
        social, _ = referral_submit(
            actor=self.jordan,
            membership=membership,
            door=Door.SOCIAL_CONTACT,
            person=None,
            new_person={"preferred_name": "Sam"},
            occurred_at=utc(2026, 3, 1, 18),
            conduct="trespass",
            verification_basis="records",
            last_conduct_on=datetime(2026, 2, 1).date(),
            in_program_area=True,
        )
        self.assertIsNone(social.intake_due_at)


class IntakeTestCase(PersonaTestCase):
    wei: User
    minh: User
    erin: User

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.wei = cls.member("wei", K.CASE_MANAGEMENT, Role.SUPERVISOR)
        cls.minh = cls.member("minh", K.CASE_MANAGEMENT, Role.OUTREACH_WORKER)
        cls.erin = cls.member("erin", K.PROSECUTOR, Role.LIAISON_PROSECUTOR)

    def approved(self, name="JJ", door=Door.ARREST_DIVERSION, occurred_at=None, **extra):
        if door == Door.SOCIAL_CONTACT:
            extra.update(
                verification_basis="records",
                last_conduct_on=self.site.today(),
                in_program_area=True,
            )
        referral, _ = referral_submit(
            actor=self.jordan,
            membership=self.membership(self.jordan),
            door=door,
            person=None,
            new_person={"preferred_name": name, "approximate_age": 40},
            occurred_at=occurred_at or timezone.now(),
            conduct="drug_possession",
            incident_number="24-001",
            **extra,
        )
        referral_transition(actor=self.lucia, referral=referral, to=S.SCREENING)
        referral_transition(actor=self.lucia, referral=referral, to=S.APPROVED, reason="reviewed")
        return referral

    def caseload(self, size):
        for number in range(size):
            Person.objects.create(
                site=self.site,
                preferred_name=f"P{number}",
                case_manager=self.ngozi,
                assigned_organization=self.orgs[K.CASE_MANAGEMENT],
                engagement_status=EngagementStatus.ACTIVE,
            )

    def enroll(self, referral, actor=None, reason=""):
        actor = actor or self.ngozi
        return referral_enroll(
            actor=actor,
            acting=self.membership(actor),
            referral=referral,
            case_manager=self.membership(self.ngozi),
            override_reason=reason,
        )


class EnrollmentTests(IntakeTestCase):
    def test_the_case_manager_records_intake_and_the_person_joins_her_caseload(self):
        referral = self.approved()
        self.sign_in(self.ngozi)
        page = self.client.get(f"/referrals/{referral.pk}/enroll/")
        self.assertContains(page, "Record intake")
        response = self.client.post(
            f"/referrals/{referral.pk}/enroll/",
            {"case_manager": self.membership(self.ngozi).pk},
        )
        self.assertRedirects(response, "/referrals/intake/")
        referral.refresh_from_db()
        person = referral.person
        self.assertEqual(referral.status, S.ENROLLED)
        self.assertIsNotNone(referral.intake_completed_at)
        self.assertEqual(
            (person.case_manager, person.engagement_status), (self.ngozi, EngagementStatus.ACTIVE)
        )
        self.assertEqual(person.assigned_organization, self.orgs[K.CASE_MANAGEMENT])
        self.assertEqual(
            list(person.engagement_changes.values_list("from_status", "to_status")),
            [(EngagementStatus.REFERRED, EngagementStatus.ACTIVE)],
        )
        self.assertEqual(
            list(referral.transitions.values_list("to_status", flat=True)),
            [S.SCREENING, S.APPROVED, S.AWAITING_INTAKE, S.ENROLLED],
        )

    def test_caseload_warns_above_20_and_refuses_above_25_without_a_supervisor(self):
        self.caseload(20)
        _, warning = self.enroll(self.approved("Twenty-first"))
        self.assertIn("above the site's warning level of 20", warning)
        self.caseload(4)  # 25 now
        crowded = self.approved("Twenty-sixth")
        with self.assertRaisesMessage(ValidationError, "above the site's maximum of 25"):
            self.enroll(crowded)
        with self.assertRaisesMessage(ValidationError, "A supervisor may override with a reason"):
            self.enroll(crowded, actor=self.wei)
        self.assertEqual(Referral.objects.get(pk=crowded.pk).status, S.APPROVED)
        _, warning = self.enroll(crowded, actor=self.wei, reason="Twin of a current participant")
        self.assertIn("supervisor override", warning)
        self.assertAudited(action="update", object_type="people.person", actor_id=self.wei.pk)

    def test_the_refusal_names_the_field_on_the_form(self):
        self.caseload(25)
        referral = self.approved()
        self.sign_in(self.ngozi)
        response = self.client.post(
            f"/referrals/{referral.pk}/enroll/", {"case_manager": self.membership(self.ngozi).pk}
        )
        self.assertContains(response, "above the site&#x27;s maximum of 25", status_code=400)

    def test_an_outreach_worker_finds_people_but_does_not_enroll(self):
        referral = self.approved()
        self.sign_in(self.minh)
        self.assertEqual(self.client.get("/referrals/intake/").status_code, 200)
        self.assertEqual(self.client.get(f"/referrals/{referral.pk}/enroll/").status_code, 403)

    def test_the_queue_cannot_enroll_without_an_intake(self):
        referral = self.approved()
        referral_transition(actor=self.lucia, referral=referral, to=S.AWAITING_INTAKE)
        self.sign_in(self.lucia)
        response = self.client.post(
            f"/referrals/{referral.pk}/move/", {"to": S.ENROLLED}, follow=True
        )
        self.assertContains(response, "Enrollment is recorded with the intake")
        self.assertEqual(Referral.objects.get(pk=referral.pk).status, S.AWAITING_INTAKE)


class OutreachWorklistTests(IntakeTestCase):
    def test_overdue_due_soon_and_cannot_be_found(self):
        now = timezone.now()
        window = self.site.intake_window_days
        overdue = self.approved("Overdue", occurred_at=now - timedelta(days=window, hours=2))
        soon = self.approved("Soon", occurred_at=now - timedelta(days=window - 2))
        later = self.approved("Later")
        missing = self.approved("Missing")
        referral_record_outreach(actor=self.minh, referral=missing, found=False, note="camp gone")
        self.sign_in(self.minh)
        groups = self.client.get("/referrals/intake/").context["groups"]
        names = {k: [row["referral"].pk for row in rows] for k, rows in groups.items()}
        self.assertEqual(
            names,
            {
                "overdue": [overdue.pk],
                "soon": [soon.pk],
                "missing": [missing.pk],
                "waiting": [later.pk],
            },
        )
        self.client.post(f"/referrals/{missing.pk}/outreach/", {"found": "yes", "note": "shelter"})
        self.assertIsNone(Referral.objects.get(pk=missing.pk).cannot_find_since)
        self.assertEqual(missing.outreach.count(), 2)

    def test_police_see_no_worklist(self):
        self.sign_in(self.jordan)
        self.assertEqual(self.client.get("/referrals/intake/").status_code, 403)
        self.assertEqual(self.client.get("/referrals/holds/").status_code, 403)


class HoldTests(IntakeTestCase):
    def test_timely_intake_lets_the_prosecutor_record_not_filed(self):
        referral = self.approved()
        with self.assertRaisesMessage(ValidationError, "needs an intake completed within"):
            referral_record_hold(actor=self.erin, referral=referral, outcome=HoldOutcome.NOT_FILED)
        self.enroll(referral)
        self.sign_in(self.erin)
        groups = self.client.get("/referrals/holds/").context["groups"]
        self.assertEqual([r.pk for r in groups["not_filed"]], [referral.pk])
        self.client.post(f"/referrals/{referral.pk}/hold/", {"outcome": HoldOutcome.NOT_FILED})
        referral.refresh_from_db()
        self.assertEqual(referral.hold_outcome, HoldOutcome.NOT_FILED)
        self.assertAudited(action="update", object_type="referrals.referral", actor_id=self.erin.pk)
        self.assertEqual(self.client.get("/referrals/holds/").context["groups"]["not_filed"], [])

    def test_a_lapsed_window_returns_the_charge(self):
        referral = self.approved()
        with self.assertRaisesMessage(ValidationError, "returns only after the window lapses"):
            referral_record_hold(actor=self.erin, referral=referral, outcome=HoldOutcome.RETURNED)
        with time_machine.travel(referral.intake_due_at + timedelta(minutes=1), tick=False):
            self.sign_in(self.erin)
            groups = self.client.get("/referrals/holds/").context["groups"]
            self.assertEqual([r.pk for r in groups["returned"]], [referral.pk])
            self.client.post(f"/referrals/{referral.pk}/hold/", {"outcome": HoldOutcome.RETURNED})
        self.assertEqual(Referral.objects.get(pk=referral.pk).hold_outcome, HoldOutcome.RETURNED)

    def test_an_intake_after_the_window_is_not_timely(self):
        referral = self.approved()
        with time_machine.travel(referral.intake_due_at + timedelta(hours=1), tick=False):
            self.enroll(referral)
            with self.assertRaisesMessage(ValidationError, "needs an intake completed within"):
                referral_record_hold(
                    actor=self.erin, referral=referral, outcome=HoldOutcome.NOT_FILED
                )
            referral_record_hold(actor=self.erin, referral=referral, outcome=HoldOutcome.RETURNED)

    def test_only_the_liaison_prosecutor_records(self):
        referral = self.approved()
        self.sign_in(self.lucia)
        response = self.client.post(
            f"/referrals/{referral.pk}/hold/", {"outcome": HoldOutcome.RETURNED}
        )
        self.assertEqual(response.status_code, 403)


class ReferrerFeedbackTests(IntakeTestCase):
    def status_seen_by_officer(self, referral):
        if not hasattr(self, "officer"):
            self.officer = self.sign_in(self.jordan, Client())
        rows = self.officer.get("/referrals/").context["rows"]
        return dict((r.pk, status) for r, status in rows)[referral.pk]

    def test_the_officer_hears_enrolled_only_under_a_release(self):
        referral = self.approved()
        self.assertEqual(self.status_seen_by_officer(referral), "Accepted: intake pending")
        self.enroll(referral)
        self.assertEqual(self.status_seen_by_officer(referral), "Intake stage finished")
        told = AuditEvent.objects.filter(
            actor_id=self.jordan.pk, categories=[CategoryCode.ENROLLMENT_STATUS]
        )
        self.assertFalse(told.exists())
        share(
            Person.objects.get(pk=referral.person_id),
            self.ngozi,
            [K.POLICE],
            [CategoryCode.ENROLLMENT_STATUS],
        )
        self.assertEqual(self.status_seen_by_officer(referral), "Enrolled")
        # Once the list tells the officer "enrolled", it is a disclosure, audited as one.
        listed = told.get(action=Action.LIST)
        self.assertEqual(listed.subject_person_id, referral.person_id)
        receipt = self.officer.get(f"/referrals/{referral.pk}/")
        self.assertContains(receipt, "Enrolled")
        self.assertTrue(
            told.filter(action=Action.VIEW, request_id=receipt["X-Request-ID"]).exists()
        )

    def test_a_declined_referral_reads_not_accepted(self):
        referral, _ = referral_submit(
            actor=self.jordan,
            membership=self.membership(self.jordan),
            door=Door.ARREST_DIVERSION,
            person=None,
            new_person={"preferred_name": "Kit"},
            occurred_at=timezone.now(),
            conduct="theft",
        )
        self.assertEqual(self.status_seen_by_officer(referral), "In review")
        referral_transition(actor=self.lucia, referral=referral, to=S.DECLINED, reason="history")
        self.assertEqual(self.status_seen_by_officer(referral), "Not accepted")
        self.assertNotContains(self.officer.get(f"/referrals/{referral.pk}/"), "history")


class MembershipChoiceTests(IntakeTestCase):
    def test_a_case_manager_can_only_assign_herself(self):
        other = self.member("other-cm", K.CASE_MANAGEMENT, Role.CASE_MANAGER)
        referral = self.approved()
        self.sign_in(self.ngozi)
        response = self.client.post(
            f"/referrals/{referral.pk}/enroll/",
            {"case_manager": Membership.objects.get(user=other).pk},
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Referral.objects.get(pk=referral.pk).status, S.APPROVED)
