"""The caseload: where to go today for a case manager, caseload sizes for a supervisor."""

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from goldenthread.casework.services import contact_log, task_complete, task_create
from goldenthread.organizations.models import OrganizationKind, Role
from goldenthread.people.models import EngagementStatus
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant

K = OrganizationKind


class CaseloadTests(PersonaTestCase):
    def setUp(self):
        self.provider = self.orgs[K.CASE_MANAGEMENT]
        self.recent = participant(self.site, self.provider, self.ngozi, preferred_name="Recent")
        self.stale = participant(self.site, self.provider, self.ngozi, preferred_name="Stale")
        self.never = participant(self.site, self.provider, self.ngozi, preferred_name="Never")
        for person, days in ((self.recent, 1), (self.stale, 40)):
            contact_log(
                actor=self.ngozi,
                membership=self.membership(self.ngozi),
                person=person,
                occurred_at=timezone.now() - timedelta(days=days),
                mode="in_person",
                place="street",
            )

    def test_longest_without_contact_first_with_days_since(self):
        page = self.sign_in(self.ngozi).get("/caseload/")
        rows = page.context["rows"]
        self.assertEqual([p.preferred_name for p, _, _ in rows], ["Never", "Stale", "Recent"])
        self.assertEqual([days for _, days, _ in rows], [None, 40, 1])
        self.assertContains(page, "40 days ago")
        self.assertAudited(action="list", actor_id=self.ngozi.pk)

    def test_a_backdated_contact_does_not_move_the_last_contact_back(self):
        contact_log(
            actor=self.ngozi,
            membership=self.membership(self.ngozi),
            person=self.recent,
            occurred_at=timezone.now() - timedelta(days=100),
            mode="phone",
            place="office",
        )
        rows = self.sign_in(self.ngozi).get("/caseload/").context["rows"]
        self.assertEqual({p.preferred_name: days for p, days, _ in rows}["Recent"], 1)

    def test_filter_by_status(self):
        self.stale.engagement_status = EngagementStatus.IN_THE_WIND
        self.stale.save()
        page = self.sign_in(self.ngozi).get("/caseload/?status=in_the_wind")
        self.assertEqual([p.preferred_name for p, _, _ in page.context["rows"]], ["Stale"])
        self.assertContains(page, "look for them")

    def test_each_row_counts_the_case_managers_open_tasks_about_that_person(self):
        due = self.site.today()
        for title in ("Bring the ID form", "Court ride"):
            task_create(actor=self.ngozi, title=title, due_on=due, person=self.stale)
        task_complete(
            actor=self.ngozi,
            task=task_create(actor=self.ngozi, title="Done", due_on=due, person=self.stale),
        )
        rows = self.sign_in(self.ngozi).get("/caseload/").context["rows"]
        self.assertEqual(
            {p.preferred_name: n for p, _, n in rows}, {"Never": 0, "Stale": 2, "Recent": 0}
        )

    def test_a_case_manager_sees_only_her_own(self):
        other = self.member("other-cm", K.CASE_MANAGEMENT, Role.CASE_MANAGER)
        participant(self.site, self.provider, other, preferred_name="Theirs")
        page = self.sign_in(self.ngozi).get("/caseload/")
        self.assertNotIn("Theirs", [p.preferred_name for p, _, _ in page.context["rows"]])
        self.assertEqual(self.sign_in(self.jordan, Client()).get("/caseload/").status_code, 403)

    def test_a_supervisor_sees_sizes_against_the_limits_and_opens_any_caseload(self):
        wei = self.member("wei", K.CASE_MANAGEMENT, Role.SUPERVISOR)
        self.site.caseload_warn, self.site.caseload_max = 2, 3
        self.site.save()
        page = self.sign_in(wei).get("/caseload/")
        self.assertEqual([(m.user, size) for m, size in page.context["team"]], [(self.ngozi, 3)])
        self.assertContains(page, "above the warning level")
        mine = self.client.get(f"/caseload/?cm={self.ngozi.pk}")
        self.assertEqual(len(mine.context["rows"]), 3)

    def test_the_query_count_does_not_grow_with_the_caseload(self):
        self.sign_in(self.ngozi)
        with CaptureQueriesContext(connection) as few:
            self.client.get("/caseload/")
        for number in range(15):
            participant(self.site, self.provider, self.ngozi, preferred_name=f"More {number}")
        with CaptureQueriesContext(connection) as many:
            self.client.get("/caseload/")
        self.assertEqual(len(few), len(many))

    def test_each_row_says_where_the_person_sleeps_now(self):
        from goldenthread.lodging.models import LodgingPlace, PlaceKind, Unit
        from goldenthread.lodging.services import stay_check_in
        from goldenthread.outreach import services as outreach

        today = self.site.today()
        inn = LodgingPlace.objects.create(
            site=self.site, organization=self.provider, name="Harborview Inn", kind=PlaceKind.HOTEL
        )
        Unit.objects.create(place=inn, label="214")
        stay_check_in(
            actor=self.ngozi,
            person=self.recent,
            place=inn,
            agreement_version="1",
            agreement_signed_on=today,
        )
        camp = outreach.encampment_create(
            actor=self.ngozi,
            organization=self.provider,
            name="Jackson St",
            location="Under the viaduct",
            opened_on=today - timedelta(days=30),
        )
        for person in (self.stale, self.never):
            outreach.resident_add(
                actor=self.ngozi,
                organization=self.provider,
                encampment=camp,
                person=person,
                first_met_on=today - timedelta(days=20),
            )
        # Lost to follow-up: no longer known to be at the camp.
        outreach.resident_mark_lost(
            actor=self.ngozi,
            resident=self.never.residencies.get(),
            since=today - timedelta(days=20),
            last_known_place="",
        )
        page = self.sign_in(self.ngozi).get("/caseload/")
        self.assertEqual(
            {p.preferred_name: (p.staying_at, p.camp) for p, _, _ in page.context["rows"]},
            {
                "Recent": ("Harborview Inn, 214", None),
                "Stale": (None, "Jackson St"),
                "Never": (None, None),
            },
        )
        self.assertContains(page, "Outside, at Jackson St")
        self.assertAudited(
            action="list",
            subject_person_id=self.recent.pk,
            categories=["contact_whereabouts", "enrollment_status"],
        )
