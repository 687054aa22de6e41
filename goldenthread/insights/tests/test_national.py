"""The national view: its snapshot holds nobody's name or record number, DuckDB over the
snapshot and the ORM over the database give identical figures, and the page hides small
counts."""

import shutil
import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path

import duckdb
from django.test import override_settings

from goldenthread.casework.models import Contact, ContactMode, PlaceType
from goldenthread.insights.national.figures import from_database, from_snapshot
from goldenthread.insights.national.snapshot import snapshot_write
from goldenthread.insights.periods import Quarter
from goldenthread.insights.tests import cohort
from goldenthread.legal.models import LegalMatter, MatterKind
from goldenthread.organizations.models import OrganizationKind
from goldenthread.organizations.services import site_create
from goldenthread.people.models import Person
from goldenthread.testing import PersonaTestCase


class NationalTests(PersonaTestCase):
    quarter: Quarter

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.quarter, start, made = cohort.enrolled_last_quarter(cls.site, cls.jordan, 30)
        people = [r.person for r in made]
        provider = cls.orgs[OrganizationKind.CASE_MANAGEMENT]
        contacts = []
        for number, person in enumerate(people):
            for day in range(number % 4 + 1):
                contacts.append(
                    Contact(
                        person=person,
                        staff=cls.ngozi,
                        organization=provider,
                        occurred_at=start + timedelta(days=day * 7),
                        mode=ContactMode.IN_PERSON if day % 2 else ContactMode.PHONE,
                        place=PlaceType.OFFICE if number % 3 == 0 else PlaceType.STREET,
                        substantive=number % 2 == 0,
                    )
                )
        # Late on the quarter's last evening on the site's clock: already the next quarter
        # in UTC, and it must count in this one either way.
        last_evening = datetime.combine(cls.quarter.last_day, time(23, 30), cls.site.zone)
        contacts.append(
            Contact(
                person=people[0],
                staff=cls.ngozi,
                organization=provider,
                occurred_at=last_evening,
                mode=ContactMode.PHONE,
                place=PlaceType.STREET,
            )
        )
        Contact.objects.bulk_create(contacts)
        for number, person in enumerate(people[:6]):
            LegalMatter.objects.create(
                site=cls.site,
                person=person,
                kind=MatterKind.BOOKING,
                jurisdiction="County",
                number=f"B{number}",
                booked_at=start + timedelta(days=number),
                noted_at=start,
            )
        # A merged record is counted once, under the person it was merged into.
        Person.objects.filter(pk=people[-1].pk).update(merged_into=people[0])
        site_create(actor=None, name="Another", slug="another")

    def snapshot(self) -> Path:
        folder = Path(tempfile.mkdtemp()) / "national"
        self.addCleanup(shutil.rmtree, folder.parent, ignore_errors=True)
        return snapshot_write(folder)

    def test_duckdb_over_the_snapshot_equals_the_orm_over_the_database(self):
        folder = self.snapshot()
        first, last = self.quarter.previous(), self.quarter.next()
        duck = from_snapshot(folder, first, last)
        orm = from_database(first, last)
        self.assertEqual(duck, orm)
        figures = duck[(self.site.pk, str(self.quarter))]
        self.assertEqual(figures.bookings, 6)
        self.assertEqual(figures.people_contacted, 29)  # the merged record is left out
        self.assertGreater(figures.field_contacts, 0)

    def test_the_snapshot_names_nobody(self):
        folder = self.snapshot()
        with duckdb.connect() as db:
            columns = {
                table: [
                    c[0]
                    for c in db.execute(
                        f"DESCRIBE SELECT * FROM read_parquet('{folder}/{table}.parquet')"
                    ).fetchall()
                ]
                for table in ("contacts", "bookings", "referrals", "sites")
            }
            keys = {
                k
                for (k,) in db.execute(
                    f"SELECT DISTINCT person_key FROM read_parquet('{folder}/contacts.parquet')"
                ).fetchall()
            }
        self.assertEqual(
            columns["contacts"],
            ["site_id", "person_key", "occurred_on", "substantive", "in_person", "in_field"],
        )
        self.assertNotIn(
            "name", " ".join(columns["contacts"] + columns["bookings"] + columns["referrals"])
        )
        self.assertFalse(keys & {str(p) for p in Person.objects.values_list("pk", flat=True)})
        # A fresh secret each time: keys do not link one snapshot to the next.
        with duckdb.connect() as db:
            again = {
                k
                for (k,) in db.execute(
                    f"SELECT DISTINCT person_key FROM read_parquet('{self.snapshot()}/contacts.parquet')"
                ).fetchall()
            }
        self.assertFalse(keys & again)

    def test_the_page_shows_every_site_and_hides_small_counts(self):
        folder = self.snapshot()
        with override_settings(GT_SNAPSHOT_DIR=str(folder)):
            response = self.sign_in(self.lucia).get(f"/insights/national/?quarter={self.quarter}")
        self.assertContains(response, "Another")
        row = next(r for r in response.context["board"].rows if r.site == self.site.name)
        self.assertIsNone(row.values[5])  # six bookings
        self.assertEqual(row.values[2], 29)

    def test_before_any_snapshot_the_page_says_how_one_is_made(self):
        with override_settings(GT_SNAPSHOT_DIR=tempfile.mkdtemp() + "/none"):
            response = self.sign_in(self.lucia).get("/insights/national/")
        self.assertContains(response, "manage.py national_snapshot")
        self.client.logout()
        self.assertEqual(self.sign_in(self.jordan).get("/insights/national/").status_code, 403)
