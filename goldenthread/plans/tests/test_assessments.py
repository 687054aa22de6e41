"""Assessments: the crisis screen and each domain in the participant's words, repeated so
change shows, refused with reasons, and kept with the assigned provider."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.test import Client

from goldenthread.consent.models import CategoryCode
from goldenthread.organizations.models import OrganizationKind
from goldenthread.plans.models import Assessment
from goldenthread.plans.services import CrisisScreen, Need, assessment_record
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant, share

K = OrganizationKind


class AssessmentTests(PersonaTestCase):
    def setUp(self):
        self.person = participant(
            self.site, self.orgs[K.CASE_MANAGEMENT], self.ngozi, legal_first_name="Sol"
        )
        self.person.date_of_birth = date(1975, 1, 2)
        self.person.save()

    def assess(self, day: date, housing: str, **crisis: Any) -> Assessment:
        return assessment_record(
            actor=self.ngozi,
            person=self.person,
            assessed_on=day,
            needs=[Need("housing", housing, own_words="I need a door that locks")],
            crisis=CrisisScreen(**crisis),
        )

    def test_a_case_manager_records_an_assessment_with_the_crisis_screen_first(self):
        self.sign_in(self.ngozi)
        response = self.client.post(
            f"/people/{self.person.pk}/assessments/new/",
            {
                "assessed_on": self.site.today().isoformat(),
                "unsafe_tonight": "on",
                "crisis_note": "Shelter bed found for tonight.",
                "housing-priority": "now",
                "housing-own_words": "Anywhere but the underpass",
                "housing-situation": "Sleeping outside for two years.",
                "food-priority": "not_now",
            },
        )
        self.assertRedirects(response, f"/people/{self.person.pk}/assessments/")
        assessment = Assessment.objects.get()
        self.assertTrue(assessment.in_crisis)
        self.assertEqual(
            sorted(assessment.needs.values_list("domain", "priority")),
            [("food", "not_now"), ("housing", "now")],
        )
        self.assertAudited(action="create", object_type="plans.assessment")
        page = self.client.get(f"/people/{self.person.pk}/assessments/")
        self.assertContains(page, "Anywhere but the underpass")
        self.assertContains(page, "Nowhere safe to stay tonight")

    def test_repeated_assessments_show_the_change_across_a_row(self):
        today = self.site.today()
        self.assess(today - timedelta(days=180), "now", unsafe_tonight=True)
        self.assess(today, "not_now")
        page = self.sign_in(self.ngozi).get(f"/people/{self.person.pk}/assessments/")
        self.assertEqual(
            page.context["rows"], [("Housing", ["Wants to work on this now", "Not a priority"])]
        )
        self.assertEqual([a.in_crisis for a in page.context["recent"]], [True, False])

    def test_bad_assessments_are_refused_by_field_and_nothing_is_written(self):
        today = self.site.today()
        cases: list[tuple[dict[str, Any], str, str]] = [
            ({"assessed_on": today + timedelta(days=1)}, "assessed_on", "future"),
            ({"assessed_on": date(1970, 1, 1)}, "assessed_on", "before the person was born"),
            ({"needs": []}, "needs", "at least one domain"),
            ({"needs": [Need("housing", "now"), Need("housing", "soon")]}, "needs", "once"),
            ({"needs": [Need("housing", "urgent")]}, "needs", "Unknown priority"),
        ]
        for overrides, field, message in cases:
            values: dict[str, Any] = {
                "actor": self.ngozi,
                "person": self.person,
                "assessed_on": today,
                "needs": [Need("housing", "now")],
                "crisis": CrisisScreen(),
                **overrides,
            }
            with self.subTest(message=message), self.assertRaises(ValidationError) as refused:
                assessment_record(**values)
            self.assertIn(message, " ".join(refused.exception.message_dict[field]))
        self.assertFalse(Assessment.objects.exists())

    def test_words_without_a_priority_are_refused_on_the_form(self):
        self.sign_in(self.ngozi)
        response = self.client.post(
            f"/people/{self.person.pk}/assessments/new/",
            {"assessed_on": self.site.today().isoformat(), "legal-own_words": "Warrant"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("legal-priority", response.context["form"].errors)

    def test_assessments_stay_with_the_assigned_provider_whatever_a_release_says(self):
        self.assess(self.site.today(), "now")
        share(self.person, self.ngozi, [K.POLICE], [CategoryCode.CARE_PLAN, CategoryCode.HEALTH])
        seen = {
            user.username: self.sign_in(user, Client())
            .get(f"/people/{self.person.pk}/assessments/")
            .status_code
            for user in (self.ngozi, self.jordan, self.lucia)
        }
        self.assertEqual(seen, {"ngozi": 200, "jordan": 403, "lucia": 404})
