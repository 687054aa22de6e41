"""The arithmetic against a table worked by hand (standards.md 5.5)."""

from datetime import date

from django.test import SimpleTestCase

from goldenthread.insights import groups
from goldenthread.insights.periods import Quarter
from goldenthread.insights.stats import relative_rate, suppressed

# (events, base, reference events, reference base) -> RRI, 95% low, 95% high, worked as
# (a/n)/(c/m) and exp(ln RRI ± 1.96·sqrt(1/a - 1/n + 1/c - 1/m)).
HAND_TABLE = [
    ((40, 100, 20, 100), (2.0, 1.2630, 3.1672)),
    ((15, 200, 30, 300), (0.75, 0.4143, 1.3576)),
    ((30, 40, 20, 40), (1.5, 1.0488, 2.1454)),
]


class RelativeRateTests(SimpleTestCase):
    def test_it_matches_the_hand_computed_table(self):
        for counts, (value, low, high) in HAND_TABLE:
            with self.subTest(counts=counts):
                index = relative_rate(*counts)
                assert index is not None
                self.assertAlmostEqual(index.value, value, places=4)
                self.assertAlmostEqual(index.low, low, places=3)
                self.assertAlmostEqual(index.high, high, places=3)

    def test_it_says_whether_the_interval_excludes_one(self):
        significant, not_significant = (
            relative_rate(40, 100, 20, 100),
            relative_rate(15, 200, 30, 300),
        )
        assert significant is not None and not_significant is not None
        self.assertTrue(significant.excludes_one())
        self.assertFalse(not_significant.excludes_one())

    def test_it_computes_nothing_from_an_empty_base_or_no_events(self):
        self.assertIsNone(relative_rate(0, 100, 20, 100))
        self.assertIsNone(relative_rate(5, 0, 20, 100))
        self.assertIsNone(relative_rate(5, 10, 0, 100))
        self.assertIsNone(relative_rate(5, 10, 3, 0))


class SuppressionTests(SimpleTestCase):
    def test_ten_is_hidden_and_eleven_is_shown(self):
        self.assertEqual(suppressed([10, 40, 50]), [True, True, False])
        self.assertEqual(suppressed([11, 40, 50]), [False, False, False])

    def test_one_hidden_cell_takes_the_next_smallest_with_it(self):
        self.assertEqual(suppressed([3, 200, 12, 90]), [True, False, True, False])

    def test_two_hidden_cells_protect_each_other_and_zero_is_shown(self):
        self.assertEqual(suppressed([0, 4, 7, 300]), [False, True, True, False])


class QuarterTests(SimpleTestCase):
    def test_it_reads_and_walks_quarters(self):
        quarter = Quarter.parse("2026-q1")
        self.assertEqual(
            (quarter.first_day, quarter.last_day), (date(2026, 1, 1), date(2026, 3, 31))
        )
        self.assertEqual(str(quarter.previous()), "2025Q4")
        self.assertEqual(quarter.month_ends()[1], date(2026, 2, 28))
        self.assertEqual(
            [str(q) for q in Quarter.parse("2026Q2").trailing(3)], ["2025Q4", "2026Q1", "2026Q2"]
        )

    def test_it_refuses_what_is_not_a_quarter(self):
        with self.assertRaisesMessage(ValueError, "A quarter is written like 2026Q3."):
            Quarter.parse("2026Q5")


class GroupTests(SimpleTestCase):
    def test_spd15_groups_alone_in_combination_and_hispanic_of_any_race(self):
        self.assertEqual(groups.race_groups(["white"]), ["white:alone", "white:combination"])
        self.assertEqual(
            groups.race_groups(["hispanic", "white"]),
            ["multiracial", "hispanic:combination", "white:combination", "hispanic:any"],
        )
        self.assertEqual(groups.race_groups(["prefers_not"]), [groups.NOT_REPORTED])
        self.assertEqual(groups.race_partition(["black", "white"]), groups.MULTIRACIAL)

    def test_age_bands(self):
        self.assertEqual(
            [groups.age_band(a) for a in (17, 18, 24, 25, 70, None)],
            ["under-18", "18-24", "18-24", "25-34", "65+", "not_reported"],
        )
