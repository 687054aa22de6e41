"""The public dashboard as anyone on the internet reads it: no account, finished quarters
only, no count under 11 anywhere, and nothing about any person."""

import re
from datetime import datetime, time

from django.core.cache import cache
from django.test import Client

from goldenthread.insights.periods import Quarter
from goldenthread.insights.tests import cohort
from goldenthread.people.models import Person
from goldenthread.referrals.models import Referral
from goldenthread.testing import PersonaTestCase

CELL = re.compile(r"<td>(\d+)")


class PublicDashboardTests(PersonaTestCase):
    last_quarter: Quarter

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.last_quarter = Quarter.of(cls.site.today()).previous()
        during = datetime.combine(cls.last_quarter.first_day, time(12), cls.site.zone)
        cohort.referrals(cls.site, cls.jordan, count=40, race=["black"], approved=30)
        cohort.referrals(cls.site, cls.jordan, count=8, race=["white"], approved=8)
        cohort.referrals(cls.site, cls.jordan, count=25, race=["asian"], approved=20)
        Referral.objects.filter(site=cls.site).update(submitted_at=during)
        Person.objects.filter(site=cls.site).update(legal_last_name="Marlowe-Quist")
        cohort.referrals(cls.site, cls.jordan, count=3, race=["black"])  # this quarter

    def setUp(self):
        cache.clear()

    def test_anyone_reads_the_last_finished_quarter_without_an_account(self):
        response = Client().get(f"/s/{self.site.slug}/dashboard/")
        self.assertEqual(response.status_code, 200)
        board = response.context["board"]
        self.assertEqual(board.quarter, self.last_quarter)
        self.assertEqual(board.referrals_received, 73)

    def test_a_quarter_in_progress_is_not_published(self):
        current = Quarter.of(self.site.today())
        response = Client().get(f"/s/{self.site.slug}/dashboard/?quarter={current}")
        self.assertEqual(response.context["board"].quarter, self.last_quarter)

    def test_no_cell_under_eleven_is_shown(self):
        response = Client().get(f"/s/{self.site.slug}/dashboard/")
        counts = [int(n) for n in CELL.findall(response.content.decode())]
        self.assertTrue(counts)
        self.assertFalse([n for n in counts if 0 < n < 11])
        race = response.context["board"].breakdowns[0]
        referred = {row.label: row.counts[2] for row in race.rows}
        self.assertIsNone(referred["White alone"])  # 8 people
        self.assertEqual(referred["Black, African American, or African alone"], 40)
        self.assertContains(response, "hidden")

    def test_it_names_nobody(self):
        content = Client().get(f"/s/{self.site.slug}/dashboard/").content.decode()
        self.assertNotIn("Marlowe-Quist", content)
        self.assertNotIn(self.jordan.display_name, content)
        self.assertNotIn("Referring officer", content)

    def test_the_sites_public_page_links_to_it(self):
        response = Client().get(f"/s/{self.site.slug}/")
        self.assertContains(response, f"/s/{self.site.slug}/dashboard/")
