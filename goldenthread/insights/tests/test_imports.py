"""The police records baseline and the comparison cohort: bad rows kept with reasons, the
same file twice imported once, eligibility decided by the site's rules in force."""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from goldenthread.eligibility.models import RuleSet
from goldenthread.insights.models import ComparisonMember, DataImport, Encounter
from goldenthread.insights.services import ImportRefused, baseline_import, comparison_import
from goldenthread.referrals.models import OffenseCode
from goldenthread.testing import PersonaTestCase

HEADER = "record_id,date,area,offense_code,race_ethnicity,sex,age\n"


class BaselineImportTests(PersonaTestCase):
    def setUp(self):
        self.site.program_areas = ["Downtown"]
        self.site.save()
        OffenseCode.objects.create(site=self.site, code="69.50.4013", category="drug_possession")
        OffenseCode.objects.create(site=self.site, code="9A.56.050", category="theft")
        RuleSet.objects.create(
            site=self.site,
            version=1,
            effective_from=date(2020, 1, 1),
            eligible_conduct=["drug_possession"],
            created_by=self.lucia,
        )
        self.day = (self.site.today() - timedelta(days=3)).isoformat()

    def file(self, *rows: str) -> bytes:
        return (HEADER + "".join(row + "\n" for row in rows)).encode()

    def test_rows_are_evaluated_with_the_rules_and_bad_ones_kept_with_reasons(self):
        content = self.file(
            f"1,{self.day},Downtown,69.50.4013,B,M,34",
            f"2,{self.day},Downtown,9A.56.050,W;H,F,51",
            f"3,{self.day},Uptown,69.50.4013,W,M,29",
            f"4,{self.day},Downtown,69.50.4013,W,M,16",
            f"5,{self.day},Downtown,XX-1,W,M,40",
            f"6,{self.day},Downtown,69.50.4013,Martian,M,40",
            "7,2999-01-01,Downtown,69.50.4013,W,M,40",
            f"8,{self.day},Downtown",
        )
        done = baseline_import(actor=self.lucia, site=self.site, name="rms.csv", content=content)
        self.assertEqual((done.rows_read, done.created, done.rejected), (8, 4, 4))
        eligible = dict(Encounter.objects.values_list("fingerprint", "eligible"))
        self.assertEqual(sorted(eligible.values()), [False, False, False, True])
        two = Encounter.objects.get(offense_code="9A.56.050")
        self.assertEqual(two.race_ethnicity, ["hispanic", "white"])
        reasons = list(done.rejects.values_list("row_number", "reason"))
        self.assertIn("XX-1 is not one of the site's offense codes", reasons[0][1])
        self.assertIn("race_ethnicity Martian is not known", reasons[1][1])
        self.assertIn("date is in the future", reasons[2][1])
        self.assertIn("3 values where the header has 7 columns", reasons[3][1])
        self.assertEqual([n for n, _ in reasons], [5, 6, 7, 8])

    def test_the_same_file_twice_is_one_import_and_overlaps_are_not_counted_twice(self):
        first = self.file(f"1,{self.day},Downtown,69.50.4013,B,M,34")
        baseline_import(actor=self.lucia, site=self.site, name="a.csv", content=first)
        again = baseline_import(actor=self.lucia, site=self.site, name="a.csv", content=first)
        self.assertEqual(DataImport.objects.count(), 1)
        self.assertEqual(again.created, 1)
        overlap = self.file(
            f"1,{self.day},Downtown,69.50.4013,B,M,34", f"2,{self.day},Downtown,69.50.4013,W,F,30"
        )
        done = baseline_import(actor=self.lucia, site=self.site, name="b.csv", content=overlap)
        self.assertEqual((done.created, done.duplicates), (1, 1))
        self.assertEqual(Encounter.objects.count(), 2)

    def test_a_file_without_the_contract_columns_is_refused_whole(self):
        with self.assertRaisesMessage(ImportRefused, "missing columns: offense_code"):
            baseline_import(
                actor=self.lucia, site=self.site, name="x.csv", content=b"date,area\n2026-01-01,x\n"
            )
        self.assertFalse(DataImport.objects.exists())

    def test_the_project_manager_uploads_and_an_officer_may_not(self):
        upload = SimpleUploadedFile("rms.csv", self.file(f"1,{self.day},Downtown,XX,B,M,34"))
        response = self.sign_in(self.lucia).post(
            "/insights/data/", {"kind": "baseline", "file": upload}, follow=True
        )
        self.assertContains(response, "0 rows taken, 0 already held, 1 rejected.")
        self.assertContains(response, "XX is not one of the site&#x27;s offense codes")
        self.client.logout()
        self.assertEqual(self.sign_in(self.jordan).get("/insights/data/").status_code, 403)


class ComparisonImportTests(PersonaTestCase):
    def test_it_takes_a_cohort_and_rejects_counts_that_are_not_numbers(self):
        content = (
            b"key,entry_date,age,sex,race_ethnicity,prior_bookings,arrests_before,arrests_after\n"
            b"c1,2025-03-01,33,M,B,2,1,0\n"
            b"c2,2025-03-02,,F,,0,0,1\n"
            b"c3,2025-03-02,41,F,W,-1,0,1\n"
        )
        done = comparison_import(actor=self.lucia, site=self.site, name="c.csv", content=content)
        self.assertEqual((done.created, done.rejected), (2, 1))
        self.assertIn("prior_bookings is not a whole number", done.rejects.get().reason)
        self.assertEqual(ComparisonMember.objects.get(key="c2").age, None)
