"""Each eligibility rule with a table of cases, boundaries included."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.test import SimpleTestCase

from goldenthread.eligibility.models import EXCLUSION_QUESTIONS, Outcome, RuleSet
from goldenthread.eligibility.rules import ReferralFacts, evaluate, months_before, reason_text
from goldenthread.referrals.models import Door, ScreeningQuestion

Q = ScreeningQuestion
ALL_NO = dict.fromkeys(Q.values, False)
ON = date(2026, 3, 31)


def rules(**overrides):
    values = {
        "eligible_conduct": ["drug_possession", "drug_delivery", "prostitution", "theft"],
        "max_drug_grams": Decimal("3"),
        "minimum_age": 18,
        "exclusions": list(EXCLUSION_QUESTIONS),
        "disqualifying_history_years": 10,
        "social_contact_lookback_months": 24,
        "social_contact_in_area_required": True,
        "supervision_needs_approval": True,
    }
    values.update(overrides)
    return RuleSet(version=7, **values)


def facts(**overrides: Any) -> ReferralFacts:
    values: dict[str, Any] = {
        "door": Door.ARREST_DIVERSION,
        "conduct": "drug_possession",
        "on": ON,
        "age": 40,
        "drug_grams": Decimal("1"),
        "answers": dict(ALL_NO),
    }
    values.update(overrides)
    return ReferralFacts(**values)


class RuleTableTests(SimpleTestCase):
    def check(self, cases):
        for name, rule_set, case, outcome, codes in cases:
            with self.subTest(name):
                result, findings = evaluate(rule_set, case)
                self.assertEqual(result, outcome)
                self.assertEqual([f.code for f in findings], codes)

    def test_eligible_conduct(self):
        self.check(
            [
                ("listed conduct", rules(), facts(), Outcome.ELIGIBLE, []),
                (
                    "unlisted conduct",
                    rules(),
                    facts(conduct="trespass", drug_grams=None),
                    Outcome.INELIGIBLE,
                    ["conduct_not_eligible"],
                ),
            ]
        )

    def test_quantity_threshold(self):
        self.check(
            [
                ("under", rules(), facts(drug_grams=Decimal("2.99")), Outcome.ELIGIBLE, []),
                (
                    "exactly at the limit",
                    rules(),
                    facts(drug_grams=Decimal("3")),
                    Outcome.ELIGIBLE,
                    [],
                ),
                (
                    "over",
                    rules(),
                    facts(drug_grams=Decimal("3.01")),
                    Outcome.INELIGIBLE,
                    ["quantity_over"],
                ),
                (
                    "unknown",
                    rules(),
                    facts(drug_grams=None),
                    Outcome.NEEDS_REVIEW,
                    ["quantity_unknown"],
                ),
                (
                    "no limit set",
                    rules(max_drug_grams=None),
                    facts(drug_grams=Decimal("50")),
                    Outcome.ELIGIBLE,
                    [],
                ),
                (
                    "not drug conduct",
                    rules(),
                    facts(conduct="theft", drug_grams=None),
                    Outcome.ELIGIBLE,
                    [],
                ),
            ]
        )

    def test_age(self):
        self.check(
            [
                ("adult", rules(), facts(age=18), Outcome.ELIGIBLE, []),
                ("under 18", rules(), facts(age=17), Outcome.INELIGIBLE, ["under_age"]),
                ("unknown", rules(), facts(age=None), Outcome.NEEDS_REVIEW, ["age_unknown"]),
                (
                    "site sets 21",
                    rules(minimum_age=21),
                    facts(age=20),
                    Outcome.INELIGIBLE,
                    ["under_age"],
                ),
            ]
        )

    def test_each_exclusion(self):
        for question in EXCLUSION_QUESTIONS:
            self.check(
                [
                    (
                        f"{question} yes",
                        rules(),
                        facts(answers={**ALL_NO, question: True}),
                        Outcome.INELIGIBLE,
                        ["excluded"],
                    ),
                    (
                        f"{question} unanswered",
                        rules(),
                        facts(answers={k: v for k, v in ALL_NO.items() if k != question}),
                        Outcome.NEEDS_REVIEW,
                        ["unanswered"],
                    ),
                    (
                        f"{question} not a rule here",
                        rules(exclusions=[q for q in EXCLUSION_QUESTIONS if q != question]),
                        facts(answers={**ALL_NO, question: True}),
                        Outcome.ELIGIBLE,
                        [],
                    ),
                ]
            )

    def test_disqualifying_history_boundary(self):
        yes = {**ALL_NO, Q.DISQUALIFYING_HISTORY: True}
        self.check(
            [
                (
                    "exactly ten years before",
                    rules(),
                    facts(answers=yes, last_disqualifying_conviction_on=date(2016, 3, 31)),
                    Outcome.INELIGIBLE,
                    ["history_within"],
                ),
                (
                    "a day more than ten years",
                    rules(),
                    facts(answers=yes, last_disqualifying_conviction_on=date(2016, 3, 30)),
                    Outcome.ELIGIBLE,
                    [],
                ),
                (
                    "date unknown",
                    rules(),
                    facts(answers=yes),
                    Outcome.NEEDS_REVIEW,
                    ["history_date_unknown"],
                ),
                (
                    "history does not exclude here",
                    rules(disqualifying_history_years=None),
                    facts(answers=yes, last_disqualifying_conviction_on=date(2025, 1, 1)),
                    Outcome.ELIGIBLE,
                    [],
                ),
            ]
        )

    def test_social_contact_lookback_and_area(self):
        def social(**extra):
            values = {"door": Door.SOCIAL_CONTACT, "in_program_area": True}
            values.update(extra)
            return facts(**values)

        self.check(
            [
                (
                    "exactly 24 months before",
                    rules(),
                    social(last_conduct_on=date(2024, 3, 31)),
                    Outcome.ELIGIBLE,
                    [],
                ),
                (
                    "24 months and a day",
                    rules(),
                    social(last_conduct_on=date(2024, 3, 30)),
                    Outcome.INELIGIBLE,
                    ["outside_lookback"],
                ),
                (
                    "site's 12-month look-back",
                    rules(social_contact_lookback_months=12),
                    social(last_conduct_on=date(2025, 3, 30)),
                    Outcome.INELIGIBLE,
                    ["outside_lookback"],
                ),
                (
                    "outside the area",
                    rules(),
                    social(last_conduct_on=ON, in_program_area=False),
                    Outcome.INELIGIBLE,
                    ["outside_area"],
                ),
                (
                    "area not known",
                    rules(),
                    social(last_conduct_on=ON, in_program_area=None),
                    Outcome.NEEDS_REVIEW,
                    ["area_unknown"],
                ),
                (
                    "area rule off",
                    rules(social_contact_in_area_required=False),
                    social(last_conduct_on=ON, in_program_area=False),
                    Outcome.ELIGIBLE,
                    [],
                ),
                (
                    "arrest diversions have no look-back",
                    rules(),
                    facts(last_conduct_on=date(2010, 1, 1)),
                    Outcome.ELIGIBLE,
                    [],
                ),
            ]
        )

    def test_supervision_needs_the_agencys_approval(self):
        supervised = {**ALL_NO, Q.UNDER_SUPERVISION: True}
        pending = {k: v for k, v in supervised.items() if k != Q.SUPERVISION_APPROVED}
        self.check(
            [
                (
                    "approved",
                    rules(),
                    facts(answers={**supervised, Q.SUPERVISION_APPROVED: True}),
                    Outcome.ELIGIBLE,
                    [],
                ),
                (
                    "pending",
                    rules(),
                    facts(answers=pending),
                    Outcome.NEEDS_REVIEW,
                    ["supervision_pending"],
                ),
                (
                    "refused",
                    rules(),
                    facts(answers=supervised),
                    Outcome.INELIGIBLE,
                    ["supervision_refused"],
                ),
                (
                    "approval not needed here",
                    rules(supervision_needs_approval=False),
                    facts(answers=supervised),
                    Outcome.ELIGIBLE,
                    [],
                ),
            ]
        )

    def test_ineligible_wins_over_unknown(self):
        result, findings = evaluate(rules(), facts(age=None, drug_grams=Decimal("9")))
        self.assertEqual(result, Outcome.INELIGIBLE)
        self.assertEqual({f.code for f in findings}, {"age_unknown", "quantity_over"})

    def test_reasons_read_in_words(self):
        _, findings = evaluate(
            rules(), facts(drug_grams=Decimal("9"), answers={**ALL_NO, Q.NO_CONTACT_ORDER: True})
        )
        texts = [reason_text(f.as_json()) for f in findings]
        self.assertIn("9 g is over the limit of 3 g.", texts)
        self.assertIn("Excluded: A no-contact order bars contact with a participant.", texts)


class MonthsBeforeTests(SimpleTestCase):
    def test_month_ends_and_leap_days(self):
        for day, months, expected in [
            (date(2026, 3, 31), 1, date(2026, 2, 28)),
            (date(2024, 2, 29), 12, date(2023, 2, 28)),
            (date(2026, 1, 15), 24, date(2024, 1, 15)),
            (date(2026, 1, 31), 13, date(2024, 12, 31)),
        ]:
            with self.subTest(day=day, months=months):
                self.assertEqual(months_before(day, months), expected)
