"""The insights pages as the people who read them: the project manager, a PCG member, an
evaluator; and those who must not (an officer, another site's admin)."""

import csv
import io
import re
from pathlib import Path

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.insights.definitions import DEFINITIONS
from goldenthread.insights.periods import Quarter
from goldenthread.insights.tests import cohort
from goldenthread.organizations.models import OrganizationKind, Role
from goldenthread.testing import PersonaTestCase

DOCS = Path(__file__).resolve().parents[3] / "docs" / "insights.md"


class InsightsPageTests(PersonaTestCase):
    evan: User

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.evan = cls.member("evan", OrganizationKind.EVALUATOR, Role.EVALUATOR)
        cohort.referrals(cls.site, cls.jordan, count=12, race=["black"], approved=6)

    def test_the_project_manager_reads_the_quarter(self):
        response = self.sign_in(self.lucia).get("/insights/")
        self.assertContains(response, str(DEFINITIONS["referrals_received"].label))
        self.assertContains(response, "<svg", html=False)
        self.assertEqual(response.context["board"].current.referrals_received, 12)

    def test_an_evaluator_reads_it_and_an_officer_and_another_site_do_not(self):
        self.assertEqual(self.sign_in(self.evan).get("/insights/").status_code, 200)
        self.client.logout()
        self.assertEqual(self.sign_in(self.jordan).get("/insights/").status_code, 403)
        self.client.logout()
        self.assertEqual(self.sign_in(self.olga).get("/insights/").status_code, 403)

    def test_a_quarter_with_no_data_shows_an_empty_state(self):
        response = self.sign_in(self.lucia).get("/insights/?quarter=2019Q1")
        self.assertContains(response, "No referrals, enrollments or contacts in this quarter.")
        self.assertContains(response, "nothing to compare")

    def test_a_quarter_that_cannot_be_read_says_so(self):
        response = self.sign_in(self.lucia).get("/insights/?quarter=last")
        self.assertContains(response, "A quarter is written like 2026Q3.")
        self.assertEqual(response.context["quarter"], Quarter.of(self.site.today()))

    def test_the_csv_names_every_figure_by_a_documented_definition(self):
        response = self.sign_in(self.lucia).get("/insights/export.csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        self.assertTrue(rows)
        self.assertLessEqual({row["figure"] for row in rows}, set(DEFINITIONS))
        referred = [r for r in rows if r["figure"] == "referred" and r["group"] == "black:alone"]
        self.assertEqual(referred[0]["value"], "12")
        fidelity = {r["figure"] for r in rows if r["figure"].startswith("fidelity_")}
        self.assertEqual(len(fidelity), 7)
        self.assertAudited(action=Action.EXPORT, object_type="insights.dashboard")

    def test_every_definition_is_in_the_docs(self):
        documented = set(re.findall(r"`([a-z_0-9]+)`", DOCS.read_text()))
        self.assertLessEqual(set(DEFINITIONS), documented)

    def test_the_printable_report_carries_the_definitions(self):
        response = self.sign_in(self.lucia).get("/insights/report/")
        for definition in DEFINITIONS.values():
            self.assertContains(response, str(definition.label))
