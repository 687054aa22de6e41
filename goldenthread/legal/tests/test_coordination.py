"""Legal coordination as each persona meets it: who is alerted of a booking (only those the
policy lets read the person's legal matters), who reads which notes, when a matter counts as
after enrollment, hearing reminders, and the defender's missed diversion opportunities."""

from datetime import date, timedelta

from django.core import mail
from django.utils import timezone

from goldenthread.consent.models import CategoryCode
from goldenthread.eligibility.services import offense_code_save, rule_set_publish
from goldenthread.legal.alerts import hearing_reminders
from goldenthread.legal.feeds.importer import feed_import_rows
from goldenthread.legal.models import CourtDate, FeedKind, LegalMatter, NoteKind
from goldenthread.legal.services import legal_note_add
from goldenthread.legal.tests.test_feeds import FeedTestCase, booking
from goldenthread.notifications.models import Notification, NotificationKind, Preference
from goldenthread.notifications.services import digests_send
from goldenthread.organizations.models import OrganizationKind, Role
from goldenthread.organizations.services import site_update
from goldenthread.referrals.models import Door
from goldenthread.referrals.services import referral_submit
from goldenthread.testing_consent import share


class AlertTests(FeedTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.walsh = self.member("walsh", OrganizationKind.PROSECUTOR, Role.LIAISON_PROSECUTOR)
        self.haddad = self.member("haddad", OrganizationKind.PUBLIC_DEFENSE, Role.PUBLIC_DEFENDER)
        site_update(
            actor=self.dana,
            site=self.site,
            legal_alert_roles=["liaison_prosecutor", "public_defender"],
        )
        self.site.refresh_from_db()

    def push(self, *rows: dict[str, str]) -> None:
        feed_import_rows(
            actor=None, site=self.site, kind=FeedKind.BOOKINGS, rows=list(rows), sender="jail"
        )

    def marcus_booked(self) -> dict[str, str]:
        return booking("B-1", "Bell", "Marcus", "1984-03-09", state_id="WA00001234")

    def alerted(self) -> set[str]:
        return set(Notification.objects.values_list("user__username", flat=True))

    def test_only_those_a_release_lets_read_legal_matters_are_alerted(self):
        # A release of legal coordination to the prosecutor's office only.
        share(
            self.marcus,
            self.ngozi,
            [self.orgs[OrganizationKind.PROSECUTOR]],
            [CategoryCode.LEGAL_COORDINATION],
        )
        self.push(self.marcus_booked())
        self.assertEqual(self.alerted(), {"ngozi", "walsh"})

    def test_a_release_without_legal_coordination_alerts_no_partner(self):
        share(
            self.marcus,
            self.ngozi,
            [self.orgs[OrganizationKind.PROSECUTOR]],
            [CategoryCode.ENROLLMENT_STATUS],
        )
        self.push(self.marcus_booked())
        self.assertEqual(self.alerted(), {"ngozi"})

    def test_the_email_goes_after_the_commit_and_names_no_one_and_no_charge(self):
        with self.captureOnCommitCallbacks(execute=False) as after_commit:
            self.push(self.marcus_booked())
        self.assertEqual(len(mail.outbox), 0)
        for callback in after_commit:
            callback()
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, [self.ngozi.email])
        text = f"{message.subject} {message.body}"
        self.assertNotIn("Bell", text)
        self.assertNotIn("9A.56", text)
        self.assertIn("Booked into jail", text)

    def test_a_digest_reader_gets_one_email_a_day(self):
        Preference.objects.create(user=self.ngozi, daily_digest=True)
        self.push(self.marcus_booked())
        self.assertEqual(len(mail.outbox), 0)
        self.assertEqual(digests_send(timezone.now() + timedelta(minutes=1)), 1)
        self.assertIn("Booked into jail: 1", mail.outbox[0].body)
        self.assertEqual(digests_send(timezone.now() + timedelta(minutes=2)), 0)

    def test_a_hearing_within_seven_days_reminds_once(self):
        self.push(self.marcus_booked())
        matter = LegalMatter.objects.get(number="B-1")
        CourtDate.objects.create(
            matter=matter, at=timezone.now() + timedelta(days=3), hearing="Arraignment"
        )
        CourtDate.objects.create(
            matter=matter, at=timezone.now() + timedelta(days=9), hearing="Trial"
        )
        hearing_reminders()
        hearing_reminders()
        soon = Notification.objects.filter(kind=NotificationKind.HEARING_SOON)
        self.assertEqual(list(soon.values_list("user__username", flat=True)), ["ngozi"])

    def test_case_manager_reads_the_matter_and_the_timeline_shows_it(self):
        self.push(self.marcus_booked())
        self.sign_in(self.ngozi)
        page = self.client.get(f"/people/{self.marcus.pk}/legal/").content.decode()
        self.assertIn("B-1", page)
        self.assertIn("9A.56.050", page)
        timeline = self.client.get(f"/people/{self.marcus.pk}/timeline/").content.decode()
        self.assertIn("B-1", timeline)
        inbox = self.client.get("/notifications/").content.decode()
        self.assertIn("Booked into jail", inbox)


class ChargingHoldTests(FeedTestCase):
    def test_the_liaison_prosecutor_sees_the_held_charge_and_its_clock(self):
        walsh = self.member("walsh", OrganizationKind.PROSECUTOR, Role.LIAISON_PROSECUTOR)
        haddad = self.member("haddad", OrganizationKind.PUBLIC_DEFENSE, Role.PUBLIC_DEFENDER)
        share(
            self.marcus,
            self.ngozi,
            [self.orgs[OrganizationKind.PROSECUTOR]],
            [CategoryCode.LEGAL_COORDINATION],
        )
        referral_submit(
            actor=self.jordan,
            membership=self.membership(self.jordan),
            door=Door.ARREST_DIVERSION,
            person=self.marcus,
            new_person=None,
            occurred_at=timezone.now() - timedelta(days=2),
            conduct="drug_possession",
        )
        workspace = self.sign_in(walsh).get("/legal/").content.decode()
        self.assertIn("Intake-clock decisions", workspace)
        self.assertIn("0 held charges are ready for their outcome; 1 clock still runs.", workspace)
        self.assertIn('href="/referrals/holds/"', workspace)
        page = self.client.get(f"/people/{self.marcus.pk}/legal/").content.decode()
        self.assertIn("Arrest diversion charging holds", page)
        self.assertIn("the charge is held while the intake clock runs", page)
        defender = self.sign_in(haddad, self.client_class()).get("/legal/").content.decode()
        self.assertNotIn("Intake-clock decisions", defender)


class NoteTests(FeedTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.walsh = self.member("walsh", OrganizationKind.PROSECUTOR, Role.LIAISON_PROSECUTOR)
        self.haddad = self.member("haddad", OrganizationKind.PUBLIC_DEFENSE, Role.PUBLIC_DEFENDER)
        share(
            self.marcus,
            self.ngozi,
            [self.orgs[OrganizationKind.PROSECUTOR], self.orgs[OrganizationKind.PUBLIC_DEFENSE]],
            [CategoryCode.LEGAL_COORDINATION],
        )
        feed_import_rows(
            actor=None,
            site=self.site,
            kind=FeedKind.BOOKINGS,
            rows=[booking("B-1", "Bell", "Marcus", "1984-03-09", state_id="WA00001234")],
            sender="jail",
        )
        self.matter = LegalMatter.objects.get(number="B-1")

    def test_a_defense_note_stays_inside_public_defense(self):
        legal_note_add(
            actor=self.haddad,
            membership=self.membership(self.haddad),
            matter=self.matter,
            kind=NoteKind.DEFENSE,
            text="Client says the search was unlawful.",
        )
        legal_note_add(
            actor=self.walsh,
            membership=self.membership(self.walsh),
            matter=self.matter,
            kind=NoteKind.COORDINATION,
            text="Will hold the charge while intake completes.",
            recommended_resolution="Dismiss on plan completion",
        )
        for user, sees_defense in ((self.haddad, True), (self.walsh, False), (self.ngozi, False)):
            client = self.sign_in(user, self.client_class())
            page = client.get(f"/people/{self.marcus.pk}/legal/").content.decode()
            self.assertIn("Will hold the charge", page, user)
            self.assertEqual("search was unlawful" in page, sees_defense, user)

    def test_only_a_defender_may_write_a_defense_note(self):
        client = self.sign_in(self.walsh)
        response = client.post(
            f"/people/{self.marcus.pk}/legal/",
            {"matter": self.matter.pk, "kind": NoteKind.DEFENSE, "text": "x"},
        )
        self.assertEqual(response.status_code, 200)  # the form refuses the kind
        self.assertFalse(self.matter.notes.exists())

    def test_an_officer_without_legal_coordination_sees_nothing(self):
        share(
            self.marcus,
            self.ngozi,
            [self.orgs[OrganizationKind.POLICE]],
            [CategoryCode.ENROLLMENT_STATUS],
        )
        client = self.sign_in(self.jordan)
        self.assertEqual(client.get(f"/people/{self.marcus.pk}/legal/").status_code, 403)


class ClassificationTests(FeedTestCase):
    def test_after_enrollment_is_read_by_the_incident_date_not_the_filing(self):
        matter = LegalMatter(incident_on=date(2025, 1, 5), filed_on=date(2026, 6, 1))
        self.assertFalse(matter.after_enrollment(date(2026, 3, 1)))
        self.assertTrue(
            LegalMatter(incident_on=date(2026, 3, 1)).after_enrollment(date(2026, 3, 1))
        )
        self.assertIsNone(LegalMatter(filed_on=date(2026, 6, 1)).after_enrollment(date(2026, 3, 1)))


class MissedOpportunityTests(FeedTestCase):
    def setUp(self) -> None:
        """Theft is eligible conduct under the site's rules; assault is not."""
        super().setUp()
        for code, description, category in (
            ("9A.56.050", "Theft 3", "theft"),
            ("9A.36.021", "Assault 2", "other"),
        ):
            offense_code_save(
                actor=self.lucia,
                site=self.site,
                code=code,
                description=description,
                category=category,
            )
        rule_set_publish(
            actor=self.lucia,
            site=self.site,
            effective_from=date(2020, 1, 1),
            eligible_conduct=["theft", "drug_possession"],
            minimum_age=18,
        )

    def test_bookings_of_people_never_referred_for_eligible_conduct_are_listed(self):
        haddad = self.member("haddad", OrganizationKind.PUBLIC_DEFENSE, Role.PUBLIC_DEFENDER)
        feed_import_rows(
            actor=None,
            site=self.site,
            kind=FeedKind.BOOKINGS,
            rows=[
                booking("B-7", "Ortiz", "Sam", "1971-01-01"),
                booking("B-8", "Ng", "Lee", "1972-02-02", charges="9A.36.021:felony"),
            ],
            sender="jail",
        )
        client = self.sign_in(haddad)
        page = client.get("/legal/").content.decode()
        self.assertIn("B-7", page)
        self.assertNotIn("B-8", page)
        officer = self.sign_in(self.jordan, self.client_class())
        self.assertEqual(officer.get("/legal/").status_code, 403)

    def test_only_bookings_in_the_program_area_or_without_an_area_are_listed(self):
        haddad = self.member("haddad", OrganizationKind.PUBLIC_DEFENSE, Role.PUBLIC_DEFENDER)
        site_update(actor=self.lucia, site=self.site, program_areas=["Downtown", "North Precinct"])
        feed_import_rows(
            actor=None,
            site=self.site,
            kind=FeedKind.BOOKINGS,
            rows=[
                booking("B-7", "Ortiz", "Sam", "1971-01-01", area="DOWNTOWN"),
                booking("B-8", "Ng", "Lee", "1972-02-02", area="north precinct"),
                booking("B-9", "Falk", "Ida", "1973-03-03", area="SoDo"),
                booking("B-10", "Roy", "Ben", "1974-04-04", area=""),
            ],
            sender="jail",
        )
        page = self.sign_in(haddad).get("/legal/").content.decode()
        for listed in ("B-7", "B-8", "B-10"):
            self.assertIn(f"<td>{listed}</td>", page)
        self.assertNotIn("<td>B-9</td>", page)
        self.assertIn("not given", page)
