from datetime import timedelta
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.db.models import Count
from django.test import Client, TestCase
from django.utils import timezone

from goldenthread.access.policy import unreferred_bookings_visible_to
from goldenthread.accounts.models import User
from goldenthread.casework.models import Contact, ServiceEvent, StatusRecord, Task
from goldenthread.conferencing.models import GroupKind, ItemNote, Meeting, Reason, WorkGroup
from goldenthread.demo.personas import DEMO_PASSWORD, PERSONAS
from goldenthread.eligibility.models import EligibilityDecision, Outcome
from goldenthread.governance.models import PolicyKind, PolicyVersion
from goldenthread.identity.models import IdentityRecord, MatchProposal
from goldenthread.legal.models import LegalMatter
from goldenthread.legal.selectors import missed_opportunities
from goldenthread.notifications.models import Notification
from goldenthread.organizations.models import Membership, Organization, OrganizationKind, Role, Site
from goldenthread.people.models import Person
from goldenthread.plans.models import Assessment, GoalProgress
from goldenthread.referrals.capacity import caseload_sizes
from goldenthread.referrals.models import Door, HoldOutcome, Referral, Via
from goldenthread.referrals.models import ReferralStatus as S


class DemoTests(TestCase):
    def run_demo(self, *args):
        out = StringIO()
        call_command("demo", *args, stdout=out)
        return out.getvalue()

    def test_it_is_idempotent_and_deterministic(self):
        first = self.run_demo("--seed", "7")
        counts = (User.objects.count(), Organization.objects.count(), Membership.objects.count())
        second = self.run_demo("--seed", "7")
        self.assertEqual(first, second)
        self.assertEqual(
            counts, (User.objects.count(), Organization.objects.count(), Membership.objects.count())
        )
        self.assertNotEqual(first, self.run_demo("--seed", "8"))

    def test_it_builds_every_kind_and_a_login_per_persona_whose_credentials_sign_in(self):
        # One build for both checks: the demo is the slowest thing the suite makes.
        output = self.run_demo("--seed", "7")
        self.assertEqual(
            set(Organization.objects.values_list("kind", flat=True)), set(OrganizationKind.values)
        )
        self.assertEqual(set(Membership.objects.values_list("role", flat=True)), set(Role.values))
        for persona in PERSONAS:
            self.assertIn(persona.username, output)
        self.assertIn(DEMO_PASSWORD, output)
        line = next(
            line
            for line in output.splitlines()
            if "recovery codes" in line and output.index(line) > output.index("cm.okafor")
        )
        code = line.split("recovery codes")[1].split()[0]
        client = Client()
        client.post("/accounts/login/", {"username": "cm.okafor", "password": DEMO_PASSWORD})
        self.assertEqual(client.post("/accounts/mfa/", {"token": code}).status_code, 302)
        self.assertContains(client.get("/"), "Case manager at Harbor Case Management Services")

    def test_the_large_size_adds_staff_for_benchmarks(self):
        # The small demo alone holds about 200 people: the large size tops them up.
        with mock.patch("goldenthread.demo.generator.LARGE_POPULATION", 210):
            output = self.run_demo("--size", "large")
        self.assertEqual(Person.objects.count(), 210)
        self.assertIn("staff accounts for benchmarks", output)
        self.assertGreater(User.objects.count(), 200)


class DemoReferralTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("demo", "--seed", "7", stdout=StringIO())

    def test_the_history_spans_doors_areas_outcomes_and_the_clock(self):
        referrals = Referral.objects.all()
        self.assertEqual(set(referrals.values_list("door", flat=True)), set(Door.values))
        self.assertGreaterEqual(len(set(referrals.values_list("area", flat=True))), 4)
        statuses = set(referrals.values_list("status", flat=True))
        for status in (S.ENROLLED, S.DECLINED, S.AWAITING_INTAKE, S.SUBMITTED, S.SCREENING):
            self.assertIn(status, statuses)
        self.assertEqual(
            set(referrals.exclude(hold_outcome="").values_list("hold_outcome", flat=True)),
            set(HoldOutcome.values),
        )
        self.assertTrue(referrals.filter(via=Via.PUBLIC).exists())
        oldest = referrals.earliest("occurred_at")
        self.assertLess(oldest.occurred_at, timezone.now() - timedelta(days=200))

    def test_decisions_were_made_under_both_rule_versions(self):
        versions = set(EligibilityDecision.objects.values_list("rule_set__version", flat=True))
        self.assertEqual(versions, {1, 2})
        self.assertTrue(EligibilityDecision.objects.filter(outcome=Outcome.INELIGIBLE).exists())

    def test_enrollment_kept_caseloads_below_the_warning_level(self):
        site = Referral.objects.earliest("pk").site
        self.assertTrue(Referral.objects.filter(status=S.ENROLLED).exists())
        for user_id, size in caseload_sizes(site).items():
            with self.subTest(user_id=user_id):
                self.assertLessEqual(size, site.caseload_warn)

    def test_case_management_shows_contacts_status_and_an_overdue_task(self):
        site = Referral.objects.earliest("pk").site
        self.assertTrue(Contact.objects.filter(person__site=site).exists())
        self.assertTrue(StatusRecord.objects.filter(person__site=site, kind="housing").exists())
        self.assertTrue(Task.objects.filter(due_on__lt=site.today(), done_at__isnull=True).exists())

    def test_case_management_shows_plans_with_a_setback_repeated_assessments_and_services(self):
        site = Referral.objects.earliest("pk").site
        self.assertTrue(
            GoalProgress.objects.filter(goal__person__site=site, kind="setback").exists()
        )
        repeated = Assessment.objects.values("person").annotate(n=Count("pk")).filter(n__gte=2)
        self.assertTrue(repeated.exists())
        self.assertTrue(
            ServiceEvent.objects.filter(person__site=site, outcome="connected").exists()
        )
        self.assertTrue(StatusRecord.objects.filter(person__site=site, kind="photo_id").exists())

    def test_identity_shows_a_linked_booking_and_possible_matches_to_review(self):
        site = Referral.objects.earliest("pk").site
        booking = IdentityRecord.objects.get(site=site, source_ref="KCJ-2026-0412")
        self.assertEqual(booking.person.legal_last_name, "Bell")
        waiting = set(
            MatchProposal.objects.filter(site=site).values_list("record__last_name", flat=True)
        )
        # The court's Rosa Delgado and "Dale Whittaker"; the jail's "Marcus Bel" without a
        # date of birth.
        self.assertEqual(waiting, {"Delgado", "Whittaker", "Bel"})

    def test_legal_feeds_alert_the_case_manager_and_show_missed_opportunities(self):
        site = Referral.objects.earliest("pk").site
        booking = LegalMatter.objects.get(site=site, number="KCJ-26-88252")
        self.assertEqual(booking.person.legal_last_name, "Bell")
        alerted = set(
            Notification.objects.filter(person=booking.person).values_list(
                "user__username", flat=True
            )
        )
        self.assertEqual(alerted, {"cm.okafor", "prosecutor.walsh"})
        defender = Membership.objects.get(user__username="defender.haddad")
        missed = missed_opportunities(site, unreferred_bookings_visible_to(defender))
        # Not Dmitri Volkov, booked in Belltown, outside the program's areas; not Marcus
        # Bel, booked in SoDo.
        self.assertEqual({m.booking.number for m in missed}, {"KCJ-26-88231", "KCJ-26-88240"})
        warrant = LegalMatter.objects.get(site=site, number="BW-26-01733")
        self.assertIsNotNone(warrant.person.case_manager_id)
        self.assertTrue(
            Notification.objects.filter(
                person=warrant.person, user=warrant.person.case_manager, kind="new_warrant"
            ).exists()
        )

    def test_two_work_groups_meet_and_carry_their_open_action_items(self):
        groups = {g.name: g for g in WorkGroup.objects.filter(kind=GroupKind.OPERATIONAL)}
        self.assertEqual(set(groups), {"Cascade OWG", "North Precinct OWG"})
        owg = groups["Cascade OWG"]
        self.assertEqual(owg.meetings.count(), 4)
        upcoming = owg.meetings.filter(starts_at__gt=timezone.now()).get()
        carried = list(
            upcoming.items.filter(reason=Reason.ACTION_ITEM).values_list(
                "action_item__description", flat=True
            )
        )
        self.assertEqual(
            carried,
            [
                "Find a detox bed before the pretrial hearing",
                "Walk the 3rd Avenue camp with outreach",
            ],
        )
        # Marcus Bell's booking last night is news to the group.
        legal = upcoming.items.filter(reason=Reason.LEGAL_EVENT).values_list("detail", flat=True)
        self.assertTrue(any("KCJ-26-88252" in detail for detail in legal))
        # His case manager raised him for the next meeting.
        flagged = upcoming.items.get(reason=Reason.FLAGGED)
        self.assertEqual(
            flagged.person_id, LegalMatter.objects.get(number="KCJ-26-88252").person_id
        )
        # Every meeting that took place has its attendance, notes and closed minutes.
        for past in Meeting.objects.filter(starts_at__lt=timezone.now()):
            self.assertTrue(past.held)
            self.assertTrue(past.attendees.exists())
            self.assertTrue(ItemNote.objects.filter(item__meeting=past, is_decision=True).exists())

    def test_the_policy_coordinating_group_approved_the_policies_the_public_reads(self):
        pcg = WorkGroup.objects.get(kind=GroupKind.POLICY)
        held = pcg.meetings.get(held=True)
        published = PolicyVersion.objects.filter(approved_at=held)
        self.assertEqual(
            set(published.values_list("policy__kind", flat=True)),
            set(PolicyKind.values) - {"other"},
        )
        # The data-sharing policy's second version waits for the next meeting.
        upcoming = pcg.meetings.get(held=False)
        waiting = upcoming.items.get(reason=Reason.POLICY_APPROVAL).policy_version
        assert waiting is not None
        self.assertEqual((waiting.policy.kind, waiting.number), (PolicyKind.DATA_SHARING, 2))
        page = self.client.get(f"/s/{pcg.site.slug}/")
        self.assertContains(page, "LEAD in Cascade offers people")
        self.assertContains(page, "Rev. Alma Moore")
        self.assertNotContains(page, "Luis Ortega")  # left the team
        self.assertNotContains(page, "Public defenders see legal coordination")  # a draft

    def test_the_police_records_baseline_feeds_the_equity_funnel(self):
        from goldenthread.insights.equity import Band, equity
        from goldenthread.insights.models import DataImport
        from goldenthread.insights.periods import Quarter
        from goldenthread.insights.scope import Scope

        baseline = DataImport.objects.get(kind="baseline")
        self.assertEqual(baseline.rejected, 2)
        self.assertGreater(baseline.created, 400)
        site = baseline.site
        funnel = equity(Scope(site, Quarter.of(site.today()).previous()), Band(0.8, 1.25))
        self.assertGreater(funnel.totals["eligible_encounters"], 30)
        self.assertGreater(funnel.totals["referred"], 0)

    def test_the_outcome_evaluation_has_alumni_followed_two_years_and_a_comparison(self):
        from goldenthread.insights.outcomes.evaluation import evaluation
        from goldenthread.insights.selectors import evaluation_settings_of

        site = Site.objects.get()
        result = evaluation(site, evaluation_settings_of(site))
        six, _twelve, twenty_four = result.windows
        self.assertGreater(twenty_four.people, 10)
        self.assertLess(six.after.arrests, six.before.arrests)
        self.assertIsNotNone(result.comparison.estimate, result.comparison.refusal)
        sheltered = next(fit for o, fit in result.monthly if o.indicator.key == "sheltered")
        self.assertIsNotNone(sheltered.estimate, sheltered.refusal)

    def test_the_lodging_liaison_sees_rooms_taken_and_empty(self):
        from goldenthread.lodging.models import Stay
        from goldenthread.lodging.selectors import occupancy

        site = Site.objects.get()
        tonight = occupancy(site, site.today())
        self.assertEqual([o.units for o in tonight], [12, 24, 40])  # by name
        self.assertTrue(all(0 < o.occupied < o.units for o in tonight))
        gone = Stay.objects.exclude(checked_out_at=None)
        self.assertTrue(gone.exists())
        self.assertFalse(gone.filter(exit_housing="").exists())

    def test_outreach_shows_encampments_and_the_second_wave_leaves_for_housing_more_often(self):
        from goldenthread.insights.placements import encampments_summary, wave_table

        site = Site.objects.get()
        first, second = wave_table(site)
        self.assertLess(
            first.share(first.exits["permanent"]) or 0, second.share(second.exits["permanent"]) or 0
        )
        self.assertGreater(first.exits["unknown"], 0)  # lost to follow-up stays counted
        summary = {e.name: (e.status, t) for e, t in encampments_summary(site)}
        status, tally = summary["Jackson St underpass"]
        self.assertEqual(status, "active")
        assert tally is not None
        self.assertEqual((tally.residents, tally.came_inside, tally.lost), (12, 2, 1))
        self.assertEqual(summary["8th Ave S and S King St"][0], "resolved")

    def test_incidents_are_reported_reviewed_and_counted_by_program(self):
        from goldenthread.incidents.models import Incident
        from goldenthread.insights.placements import incidents_by_program

        site = Site.objects.get()
        self.assertTrue(Incident.objects.filter(status="reported").exists())
        self.assertTrue(Incident.objects.filter(status="reviewed").exists())
        rows = {
            r.program: r for r in incidents_by_program(site, site.today() - timedelta(days=365))
        }
        self.assertEqual(rows["outreach"].deaths, 1)
        self.assertGreater(rows["lodging"].naloxone_doses, 0)

    def test_the_street_milieu_has_a_funnel_from_encounters_to_housing(self):
        from goldenthread.milieu.selectors import funnel

        site = Site.objects.get()
        result = funnel(site, site.today() - timedelta(days=365), site.today())
        self.assertEqual(result.encountered, 70)
        self.assertGreater(result.referred, 0)
        self.assertLess(result.housed, result.referred)
