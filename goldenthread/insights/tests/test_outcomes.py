"""Outcome evaluation: counts before and after entry worked by hand, monthly statuses, and
every model equal to statsmodels called directly on the same frame, or refused with a
reason when the data cannot carry it."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from io import StringIO

import numpy as np
import pandas as pd
import statsmodels.api as sm
from django.core.management import call_command
from django.test import SimpleTestCase

from goldenthread.casework.models import StatusRecord
from goldenthread.insights.models import EvaluationSettings, StoredEvaluation
from goldenthread.insights.outcomes.comparison import COVARIATES, comparison_model
from goldenthread.insights.outcomes.dose import dose_model
from goldenthread.insights.outcomes.evaluation import evaluation
from goldenthread.insights.outcomes.monthly import monthly_model
from goldenthread.insights.outcomes.stored import as_json, from_json
from goldenthread.insights.periods import add_months
from goldenthread.insights.services import comparison_import
from goldenthread.insights.tests import cohort
from goldenthread.legal.models import Charge, ChargeLevel, LegalMatter, MatterKind
from goldenthread.people.models import Person
from goldenthread.referrals.models import Referral
from goldenthread.testing import PersonaTestCase


def _cohort_frame(treated: int, members: int, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    size = treated + members
    frame = pd.DataFrame(
        {
            "treated": [1] * treated + [0] * members,
            "age": rng.integers(19, 65, size).astype(float),
            "male": rng.integers(0, 2, size),
            "prior_bookings": rng.poisson(2.0, size),
            "arrests_before": rng.poisson(1.0, size),
        }
    )
    chance = np.where(frame["treated"] == 1, 0.25, 0.5)
    frame["arrested_after"] = (rng.random(size) < chance).astype(int)
    return frame


class ModelsEqualStatsmodelsTests(SimpleTestCase):
    def test_the_comparison_is_a_propensity_weighted_logit(self):
        frame = _cohort_frame(80, 120)
        fit = comparison_model(frame)
        # The same model, written out with statsmodels directly.
        covariates = sm.add_constant(frame[COVARIATES].astype(float))
        propensity = (
            sm.GLM(frame["treated"], covariates, family=sm.families.Binomial())
            .fit()
            .predict(covariates)
        )
        weights = np.where(frame["treated"] == 1, 1.0, propensity / (1 - propensity))
        direct = sm.GLM(
            frame["arrested_after"],
            sm.add_constant(frame[["treated"]].astype(float)),
            family=sm.families.Binomial(),
            var_weights=weights,
        ).fit(cov_type="HC0")
        assert fit.estimate is not None
        self.assertAlmostEqual(fit.estimate.value, np.exp(direct.params["treated"]), places=10)
        low, high = np.exp(direct.conf_int().loc["treated"])
        self.assertAlmostEqual(fit.estimate.low, low, places=10)
        self.assertAlmostEqual(fit.estimate.high, high, places=10)
        self.assertAlmostEqual(fit.estimate.p_value, direct.pvalues["treated"], places=10)
        self.assertEqual(fit.estimate.observations, 200)
        self.assertLess(fit.estimate.value, 1)  # the frame was drawn with fewer re-arrests

    def test_dose_response_is_a_logit_on_contacts_holding_prior_arrests(self):
        rng = np.random.default_rng(5)
        frame = pd.DataFrame(
            {"contacts_per_month": rng.uniform(0, 6, 90), "arrests_before": rng.poisson(1, 90)}
        )
        frame["rearrested"] = (rng.random(90) < 0.6 - frame["contacts_per_month"] / 12).astype(int)
        fit = dose_model(frame)
        direct = sm.GLM(
            frame["rearrested"],
            sm.add_constant(frame[["contacts_per_month", "arrests_before"]].astype(float)),
            family=sm.families.Binomial(),
        ).fit()
        assert fit.estimate is not None
        self.assertAlmostEqual(
            fit.estimate.value, np.exp(direct.params["contacts_per_month"]), places=10
        )

    def test_monthly_outcomes_are_a_within_person_gee(self):
        rng = np.random.default_rng(7)
        rows = []
        for person in range(40):
            for month in range(7):
                chance = 0.2 + (0.4 if month else 0)
                rows.append(
                    (person, int(month > 0), int(rng.integers(0, 5)), int(rng.random() < chance))
                )
        frame = pd.DataFrame(rows, columns=["person", "after_referral", "contacts", "holds"])
        fit = monthly_model(frame)
        direct = sm.GEE(
            frame["holds"],
            sm.add_constant(frame[["after_referral", "contacts"]].astype(float)),
            groups=frame["person"],
            family=sm.families.Binomial(),
            cov_struct=sm.cov_struct.Exchangeable(),
        ).fit()
        assert fit.estimate is not None
        self.assertAlmostEqual(
            fit.estimate.value, np.exp(direct.params["after_referral"]), places=8
        )
        self.assertGreater(fit.estimate.value, 1)


class ModelRefusalTests(SimpleTestCase):
    def test_a_cohort_too_small_gets_a_clear_message_not_an_estimate(self):
        fit = comparison_model(_cohort_frame(12, 200))
        self.assertIsNone(fit.estimate)
        self.assertIn("at least 30 participants", fit.refusal)
        self.assertIn("there are 12 and 200", fit.refusal)

    def test_an_outcome_nobody_has_cannot_give_odds(self):
        frame = _cohort_frame(60, 60).assign(arrested_after=0)
        self.assertIn("same for everyone", comparison_model(frame).refusal)

    def test_a_covariate_without_variation_is_named(self):
        frame = pd.DataFrame(
            {
                "contacts_per_month": [2.0] * 40,
                "arrests_before": [0, 1] * 20,
                "rearrested": [0, 1, 1, 0] * 10,
            }
        )
        self.assertIn("Contacts per month is the same for everyone", dose_model(frame).refusal)


class OutcomeCountTests(PersonaTestCase):
    """One participant entered 13 months ago, with a record worked out by hand."""

    entered: date
    person: Person

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        today = cls.site.today()
        cls.entered = add_months(today, -13)
        at = datetime.combine(cls.entered, time(12), cls.site.zone)
        (referral,) = cohort.referrals(
            cls.site, cls.jordan, count=1, race=["white"], approved=1, enrolled=1, enrolled_at=at
        )
        cls.person = referral.person
        Referral.objects.filter(pk=referral.pk).update(submitted_at=at - timedelta(days=5))
        EvaluationSettings.objects.create(
            site=cls.site,
            cost_booking=Decimal(400),
            cost_jail_day=Decimal(100),
            cost_misdemeanor_case=Decimal(1000),
            cost_felony_case=Decimal(3000),
        )

        def matter(kind: str, months: int, number: str, **fields: object) -> LegalMatter:
            day = add_months(cls.entered, months)
            return LegalMatter.objects.create(
                site=cls.site,
                person=cls.person,
                kind=kind,
                jurisdiction="Cascade County",
                number=number,
                incident_on=day,
                noted_at=datetime.combine(day, time(9), cls.site.zone),
                **fields,
            )

        booked = datetime.combine(add_months(cls.entered, -3), time(10), cls.site.zone)
        matter(
            MatterKind.BOOKING, -3, "B1", booked_at=booked, released_at=booked + timedelta(days=2)
        )
        case = matter(MatterKind.CASE, -3, "C1")
        Charge.objects.create(matter=case, offense_code="X", level=ChargeLevel.MISDEMEANOR)
        matter(MatterKind.CITATION, -8, "T1")
        matter(MatterKind.CITATION, 2, "T2")
        matter(MatterKind.WARRANT, 4, "W1")  # a warrant is not conduct
        StatusRecord.objects.create(
            person=cls.person,
            kind="housing",
            value="116",
            as_of=cls.entered - timedelta(days=60),
            recorded_by=cls.lucia,
        )
        StatusRecord.objects.create(
            person=cls.person,
            kind="housing",
            value="410",
            as_of=add_months(cls.entered, 2),
            recorded_by=cls.lucia,
        )

    def test_each_window_counts_what_happened_before_and_after_entry(self):
        result = evaluation(self.site, EvaluationSettings.objects.get(site=self.site))
        six, twelve, twenty_four = result.windows
        self.assertEqual((six.people, six.before.arrests, six.after.arrests), (1, 1, 1))
        self.assertEqual((six.before.bookings, six.before.misdemeanor_charges), (1, 1))
        self.assertAlmostEqual(six.before.jail_days, 2.0)
        self.assertEqual((twelve.before.arrests, twelve.after.arrests), (2, 1))
        self.assertEqual(twenty_four.people, 0)  # not followed two years yet
        # A booking (400), two days in custody (200) and a misdemeanor case (1000).
        self.assertEqual(result.costs[0], (Decimal(1600), Decimal(0)))

    def test_housing_is_read_month_by_month_against_the_month_before_referral(self):
        result = evaluation(self.site, EvaluationSettings.objects.get(site=self.site))
        permanent = next(o for o, _fit in result.monthly if o.indicator.key == "permanent_housing")
        self.assertEqual(permanent.share(0), (0.0, 1))
        self.assertEqual(permanent.share(12), (1.0, 1))
        self.assertEqual(permanent.share(14), (None, 0))  # that day has not come
        for _outcome, fit in result.monthly:
            self.assertIsNone(fit.estimate)
            self.assertTrue(fit.refusal)

    def test_the_page_shows_the_evaluation_to_those_who_read_insights(self):
        response = self.sign_in(self.lucia).get("/insights/outcomes/")
        self.assertContains(response, "Legal-system use before and after entry")
        self.assertContains(response, "$1,600")
        self.assertContains(response, "at least 30 participants followed six months")
        self.client.logout()
        self.assertEqual(self.sign_in(self.jordan).get("/insights/outcomes/").status_code, 403)

    def test_the_nightly_job_stores_each_evaluation_and_pages_read_it_back_unchanged(self):
        computed = evaluation(self.site, EvaluationSettings.objects.get(site=self.site))
        back = from_json(as_json(computed))
        for part in ("people", "windows", "monthly", "dose", "dose_fit", "comparison"):
            self.assertEqual(getattr(back, part), getattr(computed, part), part)
        self.site.program_areas = ["Downtown", "Eastside"]
        self.site.save()
        output = StringIO()
        call_command("outcomes_refresh", stdout=output)
        self.assertIn("3 evaluations stored", output.getvalue())
        self.assertEqual(
            set(StoredEvaluation.objects.values_list("area", flat=True)),
            {"", "Downtown", "Eastside"},
        )
        # A new comparison cohort makes the stored comparison stale.
        comparison_import(
            actor=self.lucia,
            site=self.site,
            name="cohort.csv",
            content=b"key,entry_date,age,sex,race_ethnicity,prior_bookings,arrests_before,"
            b"arrests_after\nC1,2025-01-05,40,M,B,2,1,0\n",
        )
        self.assertFalse(StoredEvaluation.objects.filter(site=self.site).exists())


class EmptyOutcomeTests(PersonaTestCase):
    def test_a_site_with_nobody_enrolled_says_so_instead_of_dividing_by_zero(self):
        response = self.sign_in(self.lucia).get("/insights/outcomes/")
        self.assertContains(response, "Nobody has been enrolled yet")
