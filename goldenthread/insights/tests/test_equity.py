"""The funnel and its indexes over a cohort built so each figure can be worked by hand."""

from django.utils import timezone

from goldenthread.insights.equity import Band, equity
from goldenthread.insights.periods import Quarter
from goldenthread.insights.scope import Scope
from goldenthread.insights.tests import cohort
from goldenthread.testing import PersonaTestCase


class FunnelTests(PersonaTestCase):
    def setUp(self):
        now = timezone.now()
        # Black: 50 eligible encounters, 40 police referrals, 30 approved.
        # White alone: 100 eligible encounters, 40 police referrals, 20 approved.
        cohort.encounters(self.site, self.lucia, count=50, race=["black"], on=now)
        cohort.encounters(self.site, self.lucia, count=100, race=["white"], on=now)
        cohort.referrals(self.site, self.jordan, count=40, race=["black"], approved=30)
        cohort.referrals(self.site, self.jordan, count=40, race=["white"], approved=20)
        # Too few to index.
        cohort.referrals(self.site, self.jordan, count=4, race=["asian"], approved=4)
        self.result = equity(Scope(self.site, Quarter.of(self.site.today())), Band(0.8, 1.25))
        race = next(b for b in self.result.breakdowns if b.dimension == "race")
        self.rows = {row.key: row for row in race.rows}

    def test_each_stage_is_indexed_against_the_stage_that_feeds_it(self):
        black = self.rows["black:alone"]
        referred = black.cells["police_referred"]
        self.assertEqual((referred.count, referred.base), (40, 50))
        assert referred.index is not None
        self.assertAlmostEqual(referred.index.value, 2.0)  # (40/50) / (40/100)
        approved = black.cells["approved"]
        self.assertEqual((approved.count, approved.base), (30, 40))
        assert approved.index is not None
        self.assertAlmostEqual(approved.index.value, 1.5)  # (30/40) / (20/40)
        self.assertAlmostEqual(approved.index.low, 1.0488, places=3)

    def test_an_index_outside_the_band_and_significant_is_flagged(self):
        self.assertTrue(self.rows["black:alone"].cells["approved"].outside_band)
        self.assertFalse(self.rows["white:alone"].cells["approved"].outside_band)
        flagged = {(row.key, stage) for _, row, stage, _ in self.result.alerts()}
        self.assertIn(("black:alone", "approved"), flagged)

    def test_small_groups_are_counted_but_not_indexed(self):
        asian = self.rows["asian:alone"].cells["approved"]
        self.assertEqual(asian.count, 4)
        self.assertIsNone(asian.index)

    def test_totals(self):
        self.assertEqual(self.result.totals["eligible_encounters"], 150)
        self.assertEqual(self.result.totals["referred"], 84)

    def test_a_quarter_with_no_data_is_empty_not_a_division_by_zero(self):
        empty = equity(Scope(self.site, Quarter(2019, 1)), Band(0.8, 1.25))
        self.assertTrue(empty.is_empty)
        self.assertEqual(empty.alerts(), [])


class EquityAlertTests(PersonaTestCase):
    def test_pcg_members_are_told_once_of_an_index_outside_the_band(self):
        from goldenthread.insights.services import equity_alerts_send
        from goldenthread.notifications.models import Notification

        cohort.referrals(self.site, self.jordan, count=40, race=["black"], approved=30)
        cohort.referrals(self.site, self.jordan, count=40, race=["white"], approved=20)
        quarter = Quarter.of(self.site.today())
        sent = equity_alerts_send(site=self.site, quarter=quarter)
        self.assertIn(
            ("approved", "race", "black:alone"), {(a.stage, a.dimension, a.group) for a in sent}
        )
        told = Notification.objects.filter(kind="equity")
        self.assertEqual(set(told.values_list("user__username", flat=True)), {"lucia"})
        self.assertEqual(equity_alerts_send(site=self.site, quarter=quarter), [])
        self.assertEqual(Notification.objects.filter(kind="equity").count(), told.count())
        inbox = self.sign_in(self.lucia).get("/notifications/")
        self.assertContains(inbox, "An equity index left the PCG")
