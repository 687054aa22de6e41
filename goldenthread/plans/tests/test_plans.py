"""The participant's own plan: goals in their words, progress and setbacks as the story of
each goal, the status table, and who reads and writes it."""

from itertools import product
from typing import Any

from django.core.exceptions import ValidationError
from django.test import Client

from goldenthread.consent.models import CategoryCode
from goldenthread.organizations.models import OrganizationKind
from goldenthread.people.models import EngagementStatus
from goldenthread.plans.models import GOAL_TRANSITIONS, Goal, GoalProgress, GoalStatus
from goldenthread.plans.services import goal_create, goal_progress_record
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant, share

K = OrganizationKind


class PlanTestCase(PersonaTestCase):
    def setUp(self):
        self.person = participant(
            self.site, self.orgs[K.CASE_MANAGEMENT], self.ngozi, legal_first_name="Rae"
        )

    def goal(self, **overrides: str) -> Goal:
        values: dict[str, Any] = {
            "domain": "documents",
            "own_words": "Get my ID back",
            "steps": "Birth certificate\nDMV",
        }
        values.update(overrides)
        return goal_create(actor=self.ngozi, person=self.person, **values)


class GoalTests(PlanTestCase):
    def test_a_case_manager_adds_a_goal_in_the_participants_words(self):
        self.sign_in(self.ngozi)
        response = self.client.post(
            f"/people/{self.person.pk}/plan/",
            {
                "own_words": "Sleep somewhere with a door",
                "domain": "housing",
                "steps": "Get on the list\r\nVisit the shelter with Ngozi",
                "helpers": "Ngozi; my sister",
            },
        )
        self.assertRedirects(response, f"/people/{self.person.pk}/plan/")
        goal = Goal.objects.get()
        self.assertEqual(goal.step_list, ["Get on the list", "Visit the shelter with Ngozi"])
        self.assertEqual(goal.status, GoalStatus.WORKING)
        self.assertAudited(action="create", object_type="plans.goal")
        page = self.client.get(f"/people/{self.person.pk}/plan/")
        self.assertContains(page, "Sleep somewhere with a door")
        self.assertContains(page, "Visit the shelter with Ngozi")

    def test_a_setback_is_recorded_as_part_of_the_journey_and_the_goal_stays_open(self):
        goal = self.goal()
        self.sign_in(self.ngozi)
        response = self.client.post(
            f"/people/{self.person.pk}/plan/goals/{goal.pk}/progress/",
            {
                "kind": "setback",
                "text": "Lost the papers when the camp was swept.",
                "to_status": "",
            },
        )
        self.assertRedirects(response, f"/people/{self.person.pk}/plan/")
        goal.refresh_from_db()
        self.assertEqual(goal.status, GoalStatus.WORKING)
        self.person.refresh_from_db()
        self.assertEqual(self.person.engagement_status, EngagementStatus.ACTIVE)
        page = self.client.get(f"/people/{self.person.pk}/plan/")
        self.assertContains(page, "A setback (part of the journey)")
        self.assertContains(page, "Lost the papers when the camp was swept.")
        self.assertNotContains(page, "violation")

    def test_progress_can_move_the_status_and_keeps_the_move(self):
        goal = self.goal()
        goal_progress_record(actor=self.ngozi, goal=goal, kind="progress", to_status="achieved")
        entry = GoalProgress.objects.get()
        self.assertEqual((entry.from_status, entry.to_status), ("working", "achieved"))
        goal.refresh_from_db()
        self.assertEqual(goal.status, "achieved")

    def test_the_goal_transition_table_is_enforced_exhaustively(self):
        goal = self.goal()
        for start, target in product(GoalStatus.values, GoalStatus.values):
            if start == target:
                continue
            with self.subTest(start=start, target=target):
                Goal.objects.filter(pk=goal.pk).update(status=start)
                if target in GOAL_TRANSITIONS[start]:
                    goal_progress_record(actor=self.ngozi, goal=goal, kind="note", to_status=target)
                    goal.refresh_from_db()
                    self.assertEqual(goal.status, target)
                else:
                    with self.assertRaisesMessage(ValidationError, "Allowed:"):
                        goal_progress_record(
                            actor=self.ngozi, goal=goal, kind="note", to_status=target
                        )

    def test_a_closed_case_takes_no_new_goals_or_progress(self):
        goal = self.goal()
        self.person.engagement_status = EngagementStatus.CLOSED
        self.person.save()
        with self.assertRaisesMessage(ValidationError, "Reopen it"):
            self.goal()
        with self.assertRaisesMessage(ValidationError, "Reopen it"):
            goal_progress_record(actor=self.ngozi, goal=goal, kind="note", text="x")

    def test_bad_input_is_refused_by_field_and_script_is_shown_as_text(self):
        self.sign_in(self.ngozi)
        response = self.client.post(
            f"/people/{self.person.pk}/plan/", {"own_words": "", "domain": "astrology"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(set(response.context["form"].errors), {"own_words", "domain"})
        self.goal(own_words='<script>alert("x")</script>')
        page = self.client.get(f"/people/{self.person.pk}/plan/")
        self.assertNotContains(page, "<script>alert")
        self.assertContains(page, "&lt;script&gt;alert")


class PlanAccessTests(PlanTestCase):
    def test_each_persona_reads_and_writes_the_plan_as_the_policy_says(self):
        goal = self.goal()
        share(self.person, self.ngozi, [K.POLICE], [CategoryCode.CARE_PLAN])
        seen = {}
        for user in (self.ngozi, self.jordan, self.lucia):
            client = self.sign_in(user, Client())
            seen[user.username] = (
                client.get(f"/people/{self.person.pk}/plan/").status_code,
                client.get(f"/people/{self.person.pk}/plan/goals/{goal.pk}/progress/").status_code,
            )
        self.assertEqual(
            seen,
            {
                "ngozi": (200, 200),  # the care team reads and writes
                "jordan": (200, 403),  # police, named by a release of the care plan: reads
                "lucia": (404, 404),  # no release to project management: nothing exists
            },
        )

    def test_a_release_of_other_categories_does_not_open_the_plan(self):
        self.goal()
        share(self.person, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        officer = self.sign_in(self.jordan)
        self.assertEqual(officer.get(f"/people/{self.person.pk}/plan/").status_code, 403)

    def test_a_goal_of_another_person_is_not_found(self):
        other = participant(self.site, self.orgs[K.CASE_MANAGEMENT], self.ngozi)
        goal = goal_create(actor=self.ngozi, person=other, domain="food", own_words="Eat")
        self.sign_in(self.ngozi)
        url = f"/people/{self.person.pk}/plan/goals/{goal.pk}/progress/"
        self.assertEqual(self.client.get(url).status_code, 404)
