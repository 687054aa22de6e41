"""The evaluator's de-identified extract: no names, record numbers or exact dates, and every
combination of quasi-identifiers at least k times, checked on the large demo site's
population."""

import csv
import io
import tempfile
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action, AuditEvent
from goldenthread.demo.generator import LARGE_POPULATION
from goldenthread.demo.outcomes import build_enrollments
from goldenthread.demo.participants import build_population
from goldenthread.evaluation.deidentify import ANY, k_anonymous, smallest_group
from goldenthread.evaluation.dictionary import NAMES, QUASI_IDENTIFIERS
from goldenthread.evaluation.selectors import (
    Keys,
    age_band,
    housing_group,
    participant_rows,
    race_ethnicity,
)
from goldenthread.evaluation.services import evaluation_extract
from goldenthread.organizations.models import OrganizationKind as K
from goldenthread.organizations.models import Role
from goldenthread.people.models import Person
from goldenthread.referrals.models import Referral, ReferralStatus
from goldenthread.testing import PersonaTestCase


def row(area="Downtown", race="white", age="25-34", sex="male", n=0):
    return {
        "participant": f"p{n}",
        "area": area,
        "race_ethnicity": race,
        "age_band": age,
        "sex": sex,
    }


class KAnonymityTests(TestCase):
    def test_rare_combinations_give_up_area_then_race_then_age_then_sex(self):
        rows = [row(n=i) for i in range(3)]  # a common combination
        rows += [row(area="Riverside", n=10), row(area="Riverside", n=11)]
        rows += [row(area="Eastside", race="asian", n=20), row(area="Eastside", race="asian", n=21)]
        result = k_anonymous(rows, 2, rare_areas=False)
        self.assertEqual(result.suppressed, 0)
        self.assertGreaterEqual(smallest_group(result.rows), 2)
        # Riverside and Eastside were each a group of two already: nothing to give up.
        self.assertEqual(result.generalized, Counter())
        lone = [*rows, row(area="North", race="black", age="65+", sex="female", n=30)]
        result = k_anonymous(lone, 2, rare_areas=False)
        # One person alone: everything given up, and still alone, so left out.
        self.assertEqual(result.suppressed, 1)
        self.assertEqual(result.generalized["area"], 1)
        self.assertEqual(rows[0]["area"], "Downtown", "the input is left as it was")

    def test_a_generalized_row_joins_others_given_up_the_same_way(self):
        rows = [row(area=area, n=i) for i, area in enumerate(("North", "South", "East"))]
        result = k_anonymous(rows, 3, rare_areas=False)
        self.assertEqual(result.suppressed, 0)
        self.assertEqual({r["area"] for r in result.rows}, {ANY})
        self.assertEqual(smallest_group(result.rows), 3)

    def test_areas_with_fewer_than_k_people_become_other(self):
        rows = [row(n=i) for i in range(4)] + [row(area="Tiny Hamlet", n=9)]
        result = k_anonymous(rows, 2)
        self.assertNotIn("Tiny Hamlet", {r["area"] for r in result.rows})


class KeysAndBandsTests(TestCase):
    def test_each_person_keeps_one_shift_and_two_extracts_share_no_key(self):
        first, second = Keys(b"a" * 32), Keys(b"b" * 32)
        self.assertEqual(first.shift(7), first.shift(7))
        shifts = {abs(first.shift(n).days) for n in range(500)}
        self.assertEqual(min(shifts), 1)
        self.assertEqual(max(shifts), 30)
        self.assertNotEqual(first.participant(7), second.participant(7))
        self.assertEqual(len({first.participant(n) for n in range(2000)}), 2000)

    def test_bands(self):
        on = date(2026, 6, 1)
        self.assertEqual(age_band(date(2001, 6, 2), on), "18-24")  # 24 tomorrow: still 24
        self.assertEqual(age_band(date(2001, 6, 1), on), "25-34")
        self.assertEqual(age_band(date(1950, 1, 1), on), "65+")
        self.assertEqual(age_band(date(2010, 1, 1), on), "under 18")
        self.assertEqual(age_band(None, on), "unknown")
        self.assertEqual(race_ethnicity(["white", "black"]), "multiple")
        self.assertEqual(race_ethnicity(["prefers_not"]), "unknown")
        self.assertEqual(
            [housing_group(c) for c in ("116", "207", "336", "435", "99", None)],
            ["homeless", "institutional", "temporary", "permanent", "unknown", "unknown"],
        )


class ExtractOnTheLargeSiteTests(PersonaTestCase):
    """The large demo site's population: 5,000 participants enrolled over five years."""

    kim: User

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.kim = cls.member("kim", K.EVALUATOR, Role.EVALUATOR)
        build_population(
            site=cls.site,
            organizations=cls.orgs,
            recorder=cls.ngozi,
            seed=2011,
            count=LARGE_POPULATION,
            releases=False,  # the extract reads none
        )
        build_enrollments(
            site=cls.site,
            people=list(Person.objects.filter(site=cls.site)),
            officer=cls.jordan,
            police=cls.orgs[K.POLICE],
            staff=cls.ngozi,
            seed=2011,
            years=5,
        )

    def test_every_combination_of_quasi_identifiers_occurs_at_least_k_times(self):
        made = evaluation_extract(actor=self.kim, site=self.site)
        rows = list(csv.DictReader(io.StringIO(made.files["participants.csv"])))
        enrolled = Person.objects.filter(referrals__status=ReferralStatus.ENROLLED).distinct()
        self.assertEqual(len(rows) + made.suppressed, enrolled.count())
        counts = Counter(tuple(r[q] for q in QUASI_IDENTIFIERS) for r in rows)
        self.assertGreaterEqual(min(counts.values()), self.site.evaluation_k)
        self.assertEqual(made.smallest_group, min(counts.values()))
        # Most rows keep what an evaluation needs.
        kept_age = sum(1 for r in rows if r["age_band"] != ANY)
        self.assertGreater(kept_age / len(rows), 0.9)
        self.assertEqual(list(rows[0]), list(NAMES))

    def test_no_name_record_number_or_exact_date(self):
        made = evaluation_extract(actor=self.kim, site=self.site)
        text = made.files["participants.csv"]
        person = Person.objects.filter(site=self.site).order_by("pk").first()
        assert person is not None
        self.assertNotIn(person.legal_last_name, text)
        rows = list(csv.DictReader(io.StringIO(text)))
        self.assertFalse({r["participant"] for r in rows} & {str(p) for p in range(10_000)})

    def test_every_persons_dates_move_together_and_none_stays_put(self):
        keys = Keys(b"k" * 32)
        now = timezone.now()
        by_key = {
            keys.participant(person_id): (person_id, intake)
            for person_id, intake in Referral.objects.filter(
                site=self.site, status=ReferralStatus.ENROLLED
            ).values_list("person_id", "intake_completed_at")
            if intake is not None
        }
        for found in participant_rows(self.site, keys, now):
            person_id, intake = by_key[found["participant"]]
            moved = found["entry_date"] - intake.astimezone(self.site.zone).date()
            self.assertEqual(moved, keys.shift(person_id))
            self.assertTrue(1 <= abs(moved.days) <= 30)
            if found["exit_date"] is not None:
                self.assertEqual(
                    (found["exit_date"] - found["entry_date"]).days, found["days_enrolled"]
                )

    def test_the_evaluator_downloads_it_and_it_is_on_the_record(self):
        client = self.sign_in(self.kim)
        self.assertContains(client.get("/evaluation/extract/"), "bookings_year_after")
        response = client.post("/evaluation/extract/")
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        self.assertEqual(sorted(archive.namelist()), ["data_dictionary.csv", "participants.csv"])
        event = AuditEvent.objects.get(action=Action.EXPORT, object_type="evaluation.extract")
        self.assertEqual(event.actor_id, self.kim.pk)
        self.assertEqual(event.detail["k"], self.site.evaluation_k)
        self.assertEqual(self.sign_in(self.ngozi).get("/evaluation/extract/").status_code, 403)

    def test_the_command_writes_the_files(self):
        with tempfile.TemporaryDirectory() as folder:
            out = io.StringIO()
            call_command("extract_evaluation", "--out", folder, "--site", "cascade", stdout=out)
            self.assertEqual(
                sorted(p.name for p in Path(folder).iterdir()),
                ["data_dictionary.csv", "participants.csv"],
            )
            self.assertIn("k = 11", out.getvalue())
