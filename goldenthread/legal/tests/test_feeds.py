"""Feed imports as the project manager runs them: a jail bookings file matched to
participants, the same file again, a crash half-way, and the ways a file can be wrong."""

import csv
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from goldenthread.identity.models import IdentityRecord
from goldenthread.identity.services import Snapshot, identity_record_attach
from goldenthread.legal.feeds import importer
from goldenthread.legal.feeds.contract import CONTRACTS
from goldenthread.legal.feeds.importer import FeedRefused, feed_import_file, feed_import_rows
from goldenthread.legal.models import (
    FeedImport,
    FeedKind,
    ImportStatus,
    LegalMatter,
    MatterStatus,
    RejectedRow,
)
from goldenthread.notifications.models import Notification, NotificationKind
from goldenthread.organizations.models import OrganizationKind
from goldenthread.people.models import Person
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant
from goldenthread.tokens.models import Scope
from goldenthread.tokens.services import token_create

BOOKING_COLUMNS = CONTRACTS[FeedKind.BOOKINGS].columns


def booking(number: str, last: str, first: str, born: str, **values: str) -> dict[str, str]:
    row = dict.fromkeys(BOOKING_COLUMNS, "")
    row.update(
        booking_number=number,
        last_name=last,
        first_name=first,
        date_of_birth=born,
        sex="male",
        booked_at=(timezone.now() - timedelta(hours=3)).isoformat(timespec="minutes"),
        charges="9A.56.050:misdemeanor",
        facility="King County Jail",
        area="downtown",
    )
    row.update(values)
    return row


class FeedTestCase(PersonaTestCase):
    def setUp(self) -> None:
        self.marcus = participant(
            self.site,
            self.orgs[OrganizationKind.CASE_MANAGEMENT],
            self.ngozi,
            legal_first_name="Marcus",
            legal_last_name="Bell",
            date_of_birth=date(1984, 3, 9),
        )
        identity_record_attach(
            actor=None,
            person=self.marcus,
            snapshot=Snapshot(
                source="enrollment",
                first_name="Marcus",
                last_name="Bell",
                date_of_birth=date(1984, 3, 9),
                sex="male",
                state_id="WA00001234",
            ),
        )
        self.folder = Path(tempfile.mkdtemp())

    def write(self, rows: list[dict[str, str]], name: str = "bookings.csv", **kw: Any) -> Path:
        path = self.folder / name
        with path.open("w", newline="", encoding=kw.get("encoding", "utf-8")) as stream:
            writer = csv.DictWriter(stream, fieldnames=kw.get("columns", BOOKING_COLUMNS))
            writer.writeheader()
            writer.writerows(rows)
        return path

    def rows(self) -> list[dict[str, str]]:
        return [
            booking("B-1", "Bell", "Marcus", "1984-03-09", state_id="WA00001234"),
            booking("B-2", "Okafor", "Tunde", "1990-07-21"),
            booking("B-3", "Reyes", "Ana", "1979-11-02", released_at="2000-01-01T00:00"),
            booking("B-4", "Quist", "Lee", "2099-01-01"),
        ]


class ImportTests(FeedTestCase):
    def test_a_booking_of_a_participant_joins_them_and_alerts_their_case_manager(self):
        done = feed_import_file(
            actor=None, site=self.site, kind=FeedKind.BOOKINGS, path=self.write(self.rows())
        )
        self.assertEqual(done.status, ImportStatus.DONE)
        self.assertEqual((done.rows_read, done.created, done.rejected), (4, 2, 2))
        matter = LegalMatter.objects.get(number="B-1")
        self.assertEqual(matter.person, self.marcus)
        self.assertEqual(matter.status, MatterStatus.OPEN)
        self.assertEqual([c.offense_code for c in matter.charges.all()], ["9A.56.050"])
        alert = Notification.objects.get(user=self.ngozi)
        self.assertEqual((alert.kind, alert.person), (NotificationKind.BOOKED, self.marcus))
        # Tunde Okafor was never referred: a new person, alerting no one.
        stranger = LegalMatter.objects.get(number="B-2").person
        self.assertNotEqual(stranger, self.marcus)
        self.assertEqual(Notification.objects.count(), 1)
        reasons = dict(RejectedRow.objects.values_list("row_number", "reason"))
        self.assertIn("released_at is before booked_at", reasons[3])
        self.assertIn("date_of_birth is in the future", reasons[4])

    def test_the_case_manager_opens_the_alert_and_only_she_can(self):
        feed_import_file(
            actor=None, site=self.site, kind=FeedKind.BOOKINGS, path=self.write(self.rows())
        )
        alert = Notification.objects.get(user=self.ngozi)
        other = self.sign_in(self.jordan, self.client_class())
        self.assertEqual(other.post(f"/notifications/{alert.pk}/open/").status_code, 404)
        ngozi = self.sign_in(self.ngozi)
        self.assertContains(ngozi.get("/notifications/"), "Booked")
        opened = ngozi.post(f"/notifications/{alert.pk}/open/")
        self.assertRedirects(
            opened, f"/people/{self.marcus.pk}/legal/", fetch_redirect_response=False
        )
        alert.refresh_from_db()
        first = alert.read_at
        self.assertIsNotNone(first)
        ngozi.post(f"/notifications/{alert.pk}/open/")
        alert.refresh_from_db()
        self.assertEqual(alert.read_at, first)

    def test_the_same_file_twice_creates_nothing_new(self):
        path = self.write(self.rows())
        feed_import_file(actor=None, site=self.site, kind=FeedKind.BOOKINGS, path=path)
        counts = (
            LegalMatter.objects.count(),
            Person.objects.count(),
            IdentityRecord.objects.count(),
        )
        again = feed_import_file(actor=None, site=self.site, kind=FeedKind.BOOKINGS, path=path)
        self.assertEqual((again.created, again.updated, again.unchanged), (0, 0, 2))
        self.assertEqual(
            (LegalMatter.objects.count(), Person.objects.count(), IdentityRecord.objects.count()),
            counts,
        )
        self.assertEqual(Notification.objects.count(), 1)

    def test_a_release_updates_the_booking_and_alerts(self):
        feed_import_file(
            actor=None, site=self.site, kind=FeedKind.BOOKINGS, path=self.write(self.rows()[:1])
        )
        released = self.rows()[:1]
        released[0]["released_at"] = (timezone.now() - timedelta(hours=1)).isoformat(
            timespec="minutes"
        )
        done = feed_import_file(
            actor=None, site=self.site, kind=FeedKind.BOOKINGS, path=self.write(released, "2.csv")
        )
        self.assertEqual((done.created, done.updated), (0, 1))
        self.assertEqual(LegalMatter.objects.get(number="B-1").status, MatterStatus.CLOSED)
        self.assertEqual(
            sorted(Notification.objects.filter(user=self.ngozi).values_list("kind", flat=True)),
            [NotificationKind.BOOKED, NotificationKind.RELEASED],
        )

    def test_one_booking_number_cannot_belong_to_two_people(self):
        feed_import_file(
            actor=None, site=self.site, kind=FeedKind.BOOKINGS, path=self.write(self.rows()[:1])
        )
        clash = [booking("B-1", "Ortiz", "Sam", "1971-01-01")]
        done = feed_import_file(
            actor=None, site=self.site, kind=FeedKind.BOOKINGS, path=self.write(clash, "c.csv")
        )
        self.assertEqual(done.rejected, 1)
        self.assertIn("already belongs to another person", done.rejects.get().reason)
        self.assertEqual(LegalMatter.objects.get(number="B-1").person, self.marcus)

    def test_a_crash_half_way_then_a_rerun_loses_nothing_and_duplicates_nothing(self):
        rows = [booking(f"C-{n}", f"Name{n}", "Lee", "1980-01-01") for n in range(1, 8)]
        path = self.write(rows)
        real = importer.write_batch
        calls = {"n": 0}

        def dies_on_the_third_batch(*args: Any) -> Any:
            calls["n"] += 1
            if calls["n"] == 3:
                raise SystemExit("killed")
            return real(*args)

        with self.settings():
            importer.BATCH, saved = 2, importer.BATCH
            importer.write_batch = dies_on_the_third_batch  # type: ignore[assignment]
            try:
                with self.assertRaises(SystemExit):
                    feed_import_file(actor=None, site=self.site, kind=FeedKind.BOOKINGS, path=path)
            finally:
                importer.write_batch = real
            half = FeedImport.objects.get()
            self.assertEqual(
                (half.status, half.rows_done, half.created), (ImportStatus.RUNNING, 4, 4)
            )
            self.assertEqual(LegalMatter.objects.count(), 4)
            rerun = feed_import_file(actor=None, site=self.site, kind=FeedKind.BOOKINGS, path=path)
            importer.BATCH = saved
        self.assertEqual(rerun.pk, half.pk)
        self.assertEqual((rerun.status, rerun.rows_read, rerun.created), (ImportStatus.DONE, 7, 7))
        self.assertEqual(
            sorted(LegalMatter.objects.values_list("number", flat=True)),
            [f"C-{n}" for n in range(1, 8)],
        )


class RefusedFileTests(FeedTestCase):
    def refused(self, path: Path) -> str:
        with self.assertRaises(FeedRefused) as caught:
            feed_import_file(actor=None, site=self.site, kind=FeedKind.BOOKINGS, path=path)
        self.assertFalse(LegalMatter.objects.exists())
        self.assertFalse(FeedImport.objects.exists())
        return str(caught.exception)

    def test_a_file_not_in_utf8_is_refused_whole(self):
        path = self.write([booking("B-9", "Muñoz", "José", "1980-01-01")], encoding="latin-1")
        self.assertIn("not UTF-8", self.refused(path))

    def test_a_bad_byte_late_in_the_file_is_named_by_line_and_nothing_is_imported(self):
        path = self.write(self.rows())
        with path.open("ab") as stream:
            stream.write(b"B-7,Mu\xf1oz,Jos\xe9,1980-01-01,male,,,,,,\n")
        message = self.refused(path)
        self.assertIn("Line 6 is not UTF-8 text (byte 7 of the line)", message)

    def test_a_2_gb_file_without_line_breaks_is_refused_at_its_first_line(self):
        path = self.folder / "dump.csv"
        with path.open("wb") as stream:
            stream.truncate(2 * 1024**3)  # sparse: two gigabytes of NUL bytes
        self.assertEqual(path.stat().st_size, 2 * 1024**3)
        message = self.refused(path)
        self.assertIn("Line 1 is longer than 100000 bytes", message)

    def test_an_unclosed_quote_refuses_the_whole_file_before_its_good_rows(self):
        path = self.write(self.rows())
        with path.open("a", encoding="utf-8") as stream:
            stream.write('B-8,"Bell,Marcus,1984-03-09\n' + "x" * 11_000 + "\n")
        message = self.refused(path)
        self.assertIn("cannot be read as CSV", message)
        self.assertIn("field larger than field limit", message)

    def test_missing_and_extra_columns_are_named(self):
        columns = [c for c in BOOKING_COLUMNS if c != "booked_at"] + ["shoe_size"]
        row = {c: "" for c in columns}
        message = self.refused(self.write([row], columns=columns))
        self.assertIn("missing columns: booked_at", message)
        self.assertIn("shoe_size", message)

    def test_a_formula_in_a_name_is_kept_and_exported_as_text(self):
        rows = [booking("B-5", '=HYPERLINK("http://x")', "Al", "2099-01-01")]
        done = feed_import_file(
            actor=None, site=self.site, kind=FeedKind.BOOKINGS, path=self.write(rows)
        )
        self.assertEqual(done.rejected, 1)
        self.sign_in(self.lucia)
        response = self.client.get(f"/legal/imports/{done.pk}/rejected.csv")
        self.assertEqual(response.status_code, 200)
        text = response.content.decode()
        self.assertIn("'=HYPERLINK", text)
        self.assertNotIn(",=HYPERLINK", text)


class PushTests(FeedTestCase):
    def test_pushed_rows_meet_the_same_contract(self):
        done = feed_import_rows(
            actor=None, site=self.site, kind=FeedKind.BOOKINGS, rows=self.rows(), sender="jail"
        )
        self.assertEqual((done.created, done.rejected), (2, 2))
        with self.assertRaises(FeedRefused):
            feed_import_rows(
                actor=None,
                site=self.site,
                kind=FeedKind.BOOKINGS,
                rows=[{"booking_number": "X"}],
                sender="jail",
            )

    def push(self, rows: list[dict[str, str]]) -> Any:
        _, secret = token_create(
            actor=self.lucia,
            membership=self.membership(self.lucia),
            name="jail",
            scopes=[Scope.FEEDS_WRITE],
            lifetime_days=1,
        )
        return self.client.post(
            "/api/v1/feeds/bookings",
            {"sender": "King County Jail", "rows": rows},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )

    def test_the_jail_system_pushes_rows_and_reads_the_report(self):
        response = self.push(self.rows())
        self.assertEqual(response.status_code, 200, response.content)
        report = response.json()
        self.assertEqual((report["rows_read"], report["created"]), (4, 2))
        self.assertEqual(
            [r["row"] for r in report["rejected"]], [3, 4]
        )  # released in 2000 is before the booking; born in 2099

    def test_a_push_over_the_limits_is_refused_with_the_limit_and_nothing_is_imported(self):
        many = [booking(f"P-{n}", "Bell", "Marcus", "1984-03-09") for n in range(5000)]
        response = self.push(many)
        self.assertEqual(response.status_code, 413)
        self.assertIn("at most 1,000,000 bytes", response.json()["error"]["message"])
        # Small enough in bytes, but more rows than a push may carry.
        response = self.push([{"booking_number": f"P-{n}"} for n in range(2001)])
        self.assertEqual(response.status_code, 422)
        self.assertIn("2000", response.content.decode())
        self.assertFalse(LegalMatter.objects.exists())
        self.assertFalse(FeedImport.objects.exists())
