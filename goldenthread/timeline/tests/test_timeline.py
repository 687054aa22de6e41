"""The participant timeline: one story from every service's events, newest first, paged by
cursor without gaps or repeats, filtered by group, each part only as the policy allows, and
a constant number of queries whatever the story's length."""

from datetime import date, time, timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from goldenthread.casework.services import (
    contact_log,
    engagement_change,
    service_event_record,
    status_record,
)
from goldenthread.consent.models import CategoryCode
from goldenthread.organizations.models import OrganizationKind
from goldenthread.plans.services import (
    CrisisScreen,
    Need,
    assessment_record,
    goal_create,
    goal_progress_record,
)
from goldenthread.referrals.services import referral_submit, referral_transition
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant, share
from goldenthread.timeline.selectors import Cursor, timeline_page
from goldenthread.timeline.sources import GROUPS

K = OrganizationKind


class TimelineTestCase(PersonaTestCase):
    def setUp(self):
        self.person = participant(
            self.site, self.orgs[K.CASE_MANAGEMENT], self.ngozi, legal_first_name="Mo"
        )
        self.person.date_of_birth = date(1970, 1, 1)
        self.person.save()
        self.url = f"/people/{self.person.pk}/timeline/"

    def contact(self, days_ago: float, note: str, sharing: str = "team") -> None:
        contact_log(
            actor=self.ngozi,
            membership=self.membership(self.ngozi),
            person=self.person,
            occurred_at=timezone.now() - timedelta(days=days_ago),
            mode="in_person",
            place="encampment",
            note=note,
            sharing=sharing,
        )

    def story(self) -> None:
        today = self.site.today()
        # Two days before the assessment's date, so the order holds at any hour in the site's
        # zone, daylight saving included.
        self.contact(31, "first meeting under the bridge")
        assessment_record(
            actor=self.ngozi,
            person=self.person,
            assessed_on=today - timedelta(days=29),
            needs=[Need("documents", "now", own_words="my ID")],
            crisis=CrisisScreen(),
        )
        goal = goal_create(
            actor=self.ngozi, person=self.person, domain="documents", own_words="Get my ID"
        )
        goal_progress_record(actor=self.ngozi, goal=goal, kind="setback", text="papers stolen")
        status_record(
            actor=self.ngozi,
            person=self.person,
            kind="housing",
            value="101",
            as_of=today - timedelta(days=10),
        )
        service_event_record(
            actor=self.ngozi,
            person=self.person,
            kind="sud_treatment",
            provider="Harbor Clinic",
            occurred_on=today - timedelta(days=5),
            outcome="connected",
        )
        engagement_change(actor=self.ngozi, person=self.person, to="inactive", note="moved camps")
        self.contact(0.01, "shared with partners", sharing="partners")


class StoryTests(TimelineTestCase):
    def test_the_care_team_reads_the_whole_story_newest_first(self):
        self.story()
        page = self.sign_in(self.ngozi).get(self.url)
        kinds = [e.kind for e in page.context["page"].entries]
        self.assertEqual((kinds[0], kinds[-1]), ("engagement", "contact"))
        self.assertEqual(
            set(kinds),
            {"contact", "assessment", "goal", "progress", "status", "service", "engagement"},
        )
        moments = [e.at for e in page.context["page"].entries]
        self.assertEqual(moments, sorted(moments, reverse=True))
        for text in (
            "first meeting under the bridge",
            "papers stolen",
            "Emergency shelter",
            "Harbor Clinic",
            "moved camps",
        ):
            self.assertContains(page, text)
        self.assertAudited(action="view", object_type="people.person")

    def test_a_days_event_shows_its_day_and_a_contact_its_moment(self):
        """Even on a site east of UTC, whose midnight falls on the day before in UTC."""
        self.site.timezone = "Asia/Tokyo"
        self.site.save(update_fields=["timezone"])
        self.story()
        page = self.sign_in(self.ngozi).get(self.url)
        entries = {e.kind: e for e in page.context["page"].entries}
        service_day = self.site.today() - timedelta(days=5)
        self.assertContains(page, f'<time datetime="{entries["service"].iso}">{service_day}</time>')
        contact = entries["contact"].row.occurred_at
        self.assertContains(
            page,
            f'<time datetime="{contact.isoformat()}">{contact:%Y-%m-%d %H:%M}</time>',
        )

    def test_filters_keep_only_the_chosen_groups(self):
        self.story()
        page = self.sign_in(self.ngozi).get(self.url, {"show": ["plan"]})
        self.assertEqual(
            {e.kind for e in page.context["page"].entries}, {"assessment", "goal", "progress"}
        )
        self.assertNotContains(page, "first meeting under the bridge")

    def test_each_reader_sees_only_the_parts_their_release_allows(self):
        self.story()
        share(
            self.person,
            self.ngozi,
            [K.POLICE],
            [CategoryCode.CASE_NOTES, CategoryCode.HOUSING_BENEFITS],
        )
        seen = {}
        for user in (self.ngozi, self.jordan, self.lucia):
            page = self.sign_in(user, Client()).get(self.url)
            kinds = (
                {e.kind for e in page.context["page"].entries} if page.status_code == 200 else set()
            )
            seen[user.username] = (page.status_code, kinds)
        self.assertEqual(
            seen["ngozi"][1],
            {"contact", "assessment", "goal", "progress", "status", "service", "engagement"},
        )
        # Police under a release of case notes and housing: partner-shared notes and
        # housing status; no team notes, no plan, no Part 2 treatment, no enrollment history.
        self.assertEqual(seen["jordan"], (200, {"contact", "status"}))
        self.assertEqual(seen["lucia"], (404, set()))
        officer = self.sign_in(self.jordan, Client()).get(self.url)
        self.assertNotContains(officer, "first meeting under the bridge")
        self.assertContains(officer, "shared with partners")
        self.assertNotContains(officer, "Harbor Clinic")

    def test_the_referral_and_its_steps_open_the_story(self):
        referral, _ = referral_submit(
            actor=self.jordan,
            membership=self.membership(self.jordan),
            door="arrest_diversion",
            person=self.person,
            new_person=None,
            occurred_at=timezone.now() - timedelta(days=3),
            conduct="trespass",
        )
        referral_transition(actor=self.lucia, referral=referral, to="screening")
        self.contact(1, "first contact after the referral")
        page = self.sign_in(self.ngozi).get(self.url, {"show": "referral"})
        self.assertEqual(
            [e.kind for e in page.context["page"].entries], ["referral_step", "referral"]
        )
        self.assertContains(page, "Arrest diversion")
        self.assertContains(page, "Screening")
        self.assertNotContains(page, "first contact after the referral")


class PagingTests(TimelineTestCase):
    def test_pages_follow_each_other_without_gaps_or_repeats_across_sources_and_ties(self):
        today = self.site.today()
        for number in range(23):
            self.contact(number / 3, f"contact {number}")
        for number in range(9):
            status_record(
                actor=self.ngozi,
                person=self.person,
                kind="income",
                value="none",
                as_of=today - timedelta(days=number),  # dated rows share midnight
            )
            status_record(
                actor=self.ngozi,
                person=self.person,
                kind="employment",
                value="informal",
                as_of=today - timedelta(days=number),
            )
        every = timeline_page(
            self.membership(self.ngozi), self.person, set(GROUPS), size=1000
        ).entries
        self.assertEqual(len(every), 41)
        walked, cursor = [], None
        while True:
            page = timeline_page(
                self.membership(self.ngozi), self.person, set(GROUPS), cursor, size=7
            )
            walked += page.entries
            if page.next_cursor is None:
                break
            cursor = Cursor.parse(page.next_cursor)
        self.assertEqual([(e.kind, e.row.pk) for e in walked], [(e.kind, e.row.pk) for e in every])

    def test_the_older_link_carries_the_filters_and_a_bad_cursor_starts_over(self):
        for number in range(55):
            self.contact(number, f"contact {number}")
        self.sign_in(self.ngozi)
        first = self.client.get(self.url, {"show": "contacts"})
        link = first.context["page"].next_cursor
        self.assertIsNotNone(link)
        second = self.client.get(self.url, {"show": "contacts", "before": link})
        self.assertEqual(len(second.context["page"].entries), 5)
        self.assertIsNone(second.context["page"].next_cursor)
        again = self.client.get(self.url, {"before": "not-a-cursor"})
        self.assertEqual(again.status_code, 200)
        self.assertEqual(len(again.context["page"].entries), 50)

    def test_the_query_count_does_not_grow_with_the_story(self):
        self.story()
        self.sign_in(self.ngozi)
        with CaptureQueriesContext(connection) as short:
            first_page = self.client.get(self.url).context["page"].entries
        for number in range(60):
            self.contact(400 + number, f"more {number}")
            status_record(
                actor=self.ngozi,
                person=self.person,
                kind="income",
                value="none",
                as_of=self.site.today() - timedelta(days=400 + number),
            )
        with CaptureQueriesContext(connection) as long:
            shown = self.client.get(self.url).context["page"].entries
        # Whole rows are read a query for each kind on the page: the same kinds, and the
        # first page now full of the older years.
        self.assertEqual(len(shown), 50)
        self.assertEqual({e.kind for e in first_page}, {e.kind for e in shown})
        self.assertEqual(len(short), len(long))


class LodgingAndOutreachTimelineTests(TimelineTestCase):
    def test_lodging_outreach_and_incidents_join_the_story_but_incidents_never_reach_police(
        self,
    ):
        from goldenthread.incidents.services import incident_report
        from goldenthread.lodging.models import LodgingPlace, PlaceKind, Shift, Unit
        from goldenthread.lodging.selectors import night_moment, night_of
        from goldenthread.lodging.services import on_call_log, stay_check_in, stay_note_add
        from goldenthread.outreach import services as outreach

        provider = self.orgs[K.CASE_MANAGEMENT]
        camp = outreach.encampment_create(
            actor=self.ngozi,
            organization=provider,
            name="Jackson St",
            location="Under the viaduct",
            opened_on=self.site.today() - timedelta(days=20),
        )
        resident = outreach.resident_add(
            actor=self.ngozi,
            organization=provider,
            encampment=camp,
            person=self.person,
            first_met_on=self.site.today() - timedelta(days=15),
        )
        outreach.visit_record(
            actor=self.ngozi,
            resident=resident,
            visited_on=self.site.today() - timedelta(days=10),
            needs=["moud"],
        )
        inn = LodgingPlace.objects.create(
            site=self.site, organization=provider, name="Harborview Inn", kind=PlaceKind.HOTEL
        )
        Unit.objects.create(place=inn, label="101")
        outreach.offer_record(
            actor=self.ngozi,
            resident=resident,
            offered_on=self.site.today() - timedelta(days=5),
            kind="lodging",
            response="accepted",
            reason="A door that locks",
            place=inn,
        )
        stay = stay_check_in(
            actor=self.ngozi,
            person=self.person,
            place=inn,
            agreement_version="1",
            agreement_signed_on=self.site.today() - timedelta(days=4),
            at=timezone.now() - timedelta(days=4),
        )
        stay_note_add(
            actor=self.ngozi,
            stay=stay,
            text="Settled in; asked for a fan",
            at=timezone.now() - timedelta(days=3),
        )
        # The night two nights back, at 23:00: between two and three days ago.
        night = night_of(self.site, timezone.now()) - timedelta(days=2)
        on_call_log(
            actor=self.ngozi,
            shift=Shift.objects.create(place=inn, day=night, kind="overnight", lead=self.ngozi),
            occurred_at=night_moment(self.site, night, time(23)),
            stay=stay,
            what_happened="Welfare check at the door; fine",
        )
        incident_report(
            actor=self.ngozi,
            organization=provider,
            kind="overdose",
            program="lodging",
            occurred_at=timezone.now() - timedelta(days=2),
            place_kind="lodging",
            lodging_place=inn,
            person=self.person,
            naloxone_doses=2,
            ems_called=True,
            outcome="recovered",
        )
        page = self.sign_in(self.ngozi).get(self.url)
        self.assertEqual(
            [e.kind for e in page.context["page"].entries],
            ["incident", "on_call", "stay_note", "stay", "offer", "visit"],
        )
        self.assertContains(page, "Welfare check at the door")
        self.assertContains(page, "Methadone or buprenorphine")
        self.assertContains(page, "A door that locks")
        # A release naming the police for every category but substance use still never
        # shows them an overdose.
        share(
            self.person,
            self.ngozi,
            [K.POLICE],
            [
                CategoryCode.CONTACT_WHEREABOUTS,
                CategoryCode.HOUSING_BENEFITS,
                CategoryCode.HEALTH,
            ],
        )
        officer = self.sign_in(self.jordan, Client()).get(self.url)
        self.assertEqual(
            {e.kind for e in officer.context["page"].entries}
            & {"incident", "stay", "offer", "stay_note", "on_call"},
            {"stay", "offer"},
        )
        self.assertNotContains(officer, "Overdose")
        self.assertIn("lodging", GROUPS)
