"""Encampment outreach as an outreach worker does it on a phone: meet someone by the name
they go by, come back over weeks, offer a room, and keep counting the people nobody has
seen for a while."""

from datetime import UTC, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from goldenthread.access.policy import residents_at, residents_visible_to
from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.identity.services import person_merge
from goldenthread.lodging.models import LodgingPlace, PlaceKind, Stay, Unit
from goldenthread.lodging.services import stay_check_in
from goldenthread.organizations.models import OrganizationKind, Role
from goldenthread.outreach import services
from goldenthread.outreach.models import Encampment, Offer, Resident, Visit
from goldenthread.people.models import Person
from goldenthread.testing import PersonaTestCase


class EncampmentTests(PersonaTestCase):
    omar: User
    sol: User
    camp: Encampment

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Omar does outreach for the case-management provider; Sol for the safety team, a
        # partner in the same coalition that has no release for Omar's people.
        cls.omar = cls.member("omar", OrganizationKind.CASE_MANAGEMENT, Role.OUTREACH_WORKER)
        cls.sol = cls.member("sol", OrganizationKind.SAFETY_TEAM, Role.OUTREACH_WORKER)
        cls.camp = services.encampment_create(
            actor=cls.omar,
            organization=cls.orgs[OrganizationKind.CASE_MANAGEMENT],
            name="8th and King",
            location="Under the ramp at 8th Ave S and S King St",
            opened_on=cls.site.today() - timedelta(days=60),
        )

    def days_ago(self, n: int) -> str:
        return (self.site.today() - timedelta(days=n)).isoformat()

    def add(self, street_name: str, met_days_ago: int = 50) -> Resident:
        return services.resident_add(
            actor=self.omar,
            organization=self.orgs[OrganizationKind.CASE_MANAGEMENT],
            encampment=self.camp,
            street_name=street_name,
            first_met_on=self.site.today() - timedelta(days=met_days_ago),
        )

    def test_the_worker_meets_someone_by_street_name_then_visits_and_offers_a_room(self):
        client = self.sign_in(self.omar)
        answer = client.post(
            f"/outreach/{self.camp.pk}/residents/new/",
            {"street_name": "Sparrow", "first_met_on": self.days_ago(40)},
            follow=True,
        )
        self.assertContains(answer, "Record a visit")
        resident = Resident.objects.get()
        self.assertEqual(resident.person.display_name, "Sparrow")
        self.assertFalse(resident.person.legal_last_name)
        client.post(
            f"/outreach/residents/{resident.pk}/visits/",
            {"visited_on": self.days_ago(30), "needs": ["medical", "moud"], "note": "Foot wound"},
        )
        answer = client.post(
            f"/outreach/residents/{resident.pk}/offers/",
            {
                "offered_on": self.days_ago(20),
                "kind": "lodging",
                "response": "accepted",
                "reason": "A door that locks",
            },
            follow=True,
        )
        self.assertContains(answer, "Offer recorded.")
        self.assertContains(answer, "Medical care, Methadone or buprenorphine")
        page = client.get(f"/outreach/{self.camp.pk}/")
        self.assertContains(page, "Sparrow")
        self.assertContains(page, "<td>1</td>", html=True)
        self.assertContains(page, "<td>A hotel room: Accepted (A door that locks)</td>", html=True)
        self.assertContains(page, "1 residents: 0 came inside, 1 still outside, 0 lost")
        self.assertAudited(action=Action.LIST, subject_person_id=resident.person_id)
        resident.refresh_from_db()
        self.assertEqual(resident.last_seen_on.isoformat(), self.days_ago(20))

    def test_bad_input_is_refused_by_name_and_nothing_is_written(self):
        client = self.sign_in(self.omar)
        refused = client.post(
            "/outreach/new/", {"name": "Nowhere", "location": "", "opened_on": self.days_ago(1)}
        )
        self.assertContains(refused, "This field is required", status_code=400)
        refused = client.post(
            "/outreach/new/",
            {"name": "Half", "location": "Pier 4", "opened_on": self.days_ago(1), "latitude": 47.6},
        )
        self.assertContains(refused, "Give both latitude and longitude", status_code=400)
        self.assertEqual(Encampment.objects.count(), 1)
        refused = client.post(
            f"/outreach/{self.camp.pk}/residents/new/", {"first_met_on": self.days_ago(1)}
        )
        self.assertContains(refused, "give a street name", status_code=400)
        resident = self.add("Sparrow", met_days_ago=10)
        refused = client.post(
            f"/outreach/residents/{resident.pk}/visits/", {"visited_on": self.days_ago(11)}
        )
        self.assertContains(refused, "nothing can be recorded before that", status_code=400)
        refused = client.post(
            f"/outreach/residents/{resident.pk}/visits/", {"visited_on": self.days_ago(-1)}
        )
        self.assertContains(refused, "That date is still to come", status_code=400)
        refused = client.post(
            f"/outreach/residents/{resident.pk}/offers/",
            {"offered_on": self.days_ago(1), "kind": "lodging", "response": ""},
        )
        self.assertEqual(refused.status_code, 400)
        with self.assertRaisesMessage(ValidationError, "Unknown need: sweeps"):
            services.visit_record(
                actor=self.omar, resident=resident, visited_on=self.site.today(), needs=["sweeps"]
            )
        self.assertEqual((Visit.objects.count(), Offer.objects.count()), (0, 0))
        resident.refresh_from_db()
        self.assertEqual(resident.last_seen_on, self.site.today() - timedelta(days=10))

    def test_someone_lost_to_follow_up_stays_counted_until_a_visit_finds_them(self):
        resident = self.add("Robin")
        self.add("Wren")
        client = self.sign_in(self.omar)
        client.post(
            f"/outreach/residents/{resident.pk}/lost/",
            {"since": self.days_ago(20), "last_known_place": "Near the Jungle"},
        )
        page = client.get(f"/outreach/{self.camp.pk}/")
        self.assertContains(page, "2 residents: 0 came inside, 1 still outside, 1 lost")
        self.assertContains(page, "(Near the Jungle)")
        refused = client.post(
            f"/outreach/residents/{resident.pk}/lost/", {"since": self.days_ago(5)}
        )
        self.assertContains(refused, "already marked lost", status_code=400)
        client.post(f"/outreach/residents/{resident.pk}/visits/", {"visited_on": self.days_ago(2)})
        resident.refresh_from_db()
        self.assertIsNone(resident.lost_since)
        self.assertContains(client.get(f"/outreach/{self.camp.pk}/"), "2 still outside, 0 lost")

    def test_a_resident_who_came_inside_shows_where_they_stay(self):
        resident = self.add("Finch")
        liaison = self.member("lena", OrganizationKind.LODGING_PROVIDER, Role.LODGING_LIAISON)
        inn = LodgingPlace.objects.create(
            site=self.site,
            organization=self.orgs[OrganizationKind.LODGING_PROVIDER],
            name="Harborview Inn",
            kind=PlaceKind.HOTEL,
        )
        Unit.objects.create(place=inn, label="101")
        stay_check_in(
            actor=liaison,
            person=resident.person,
            place=inn,
            agreement_version="2026-1",
            agreement_signed_on=self.site.today(),
        )
        page = self.sign_in(self.omar).get(f"/outreach/{self.camp.pk}/")
        self.assertContains(page, "Staying at Harborview Inn")
        self.assertContains(page, "1 residents: 1 came inside, 0 still outside, 0 lost")

    def test_came_inside_counts_a_stay_from_the_day_outreach_first_met_them(self):
        """The page's rows (read in Python) and the tallies (counted in the database) draw
        the line at the same midnight."""
        inn = LodgingPlace.objects.create(
            site=self.site,
            organization=self.orgs[OrganizationKind.LODGING_PROVIDER],
            name="Harborview Inn",
            kind=PlaceKind.HOTEL,
        )
        met = self.site.today() - timedelta(days=10)
        midnight = datetime.combine(met, time(0), tzinfo=UTC)
        for name, moment in (("Before", midnight - timedelta(minutes=1)), ("On", midnight)):
            resident = self.add(name, met_days_ago=10)
            Stay.objects.create(
                unit=Unit.objects.create(place=inn, label=name),
                person=resident.person,
                checked_in_at=moment,
                checked_out_at=moment + timedelta(days=1),
                exit_housing="permanent",
                agreement_version="1",
                agreement_signed_on=met - timedelta(days=1),
                checked_in_by=self.omar,
            )
        page = self.sign_in(self.omar).get(f"/outreach/{self.camp.pk}/")
        self.assertEqual(
            {row.resident.person.preferred_name: row.situation for row in page.context["rows"]},
            {"Before": "Still at the encampment", "On": "Came inside; no longer staying"},
        )
        self.assertContains(page, "2 residents: 1 came inside, 1 still outside, 0 lost")

    def test_a_street_name_linked_later_to_a_known_person_keeps_its_history(self):
        resident = self.add("Sparrow")
        services.visit_record(
            actor=self.omar, resident=resident, visited_on=self.site.today(), needs=["food"]
        )
        services.offer_record(
            actor=self.omar,
            resident=resident,
            offered_on=self.site.today(),
            kind="shelter",
            response="declined",
            reason="My partner can't come",
        )
        ana = Person.objects.create(
            site=self.site,
            legal_first_name="Ana",
            legal_last_name="Flores",
            assigned_organization=self.orgs[OrganizationKind.CASE_MANAGEMENT],
        )
        sparrow = resident.person
        merge = person_merge(actor=self.lucia, kept=ana, merged=sparrow)
        resident.refresh_from_db()
        self.assertEqual(resident.person, ana)
        self.assertEqual(Visit.objects.get().resident.person, ana)
        page = self.sign_in(self.omar).get(f"/outreach/residents/{resident.pk}/")
        self.assertContains(page, "Ana Flores")
        self.assertContains(page, "My partner can")
        from goldenthread.identity.services import person_unmerge

        person_unmerge(actor=self.lucia, merge=merge)
        resident.refresh_from_db()
        self.assertEqual(resident.person, sparrow)

    def test_only_outreach_sees_encampments_and_each_worker_only_the_residents_they_may(self):
        resident = self.add("Sparrow")
        for user in (self.jordan, self.ngozi):
            client = self.sign_in(user, Client())
            self.assertEqual(client.get("/outreach/").status_code, 403)
            self.assertEqual(client.get(f"/outreach/{self.camp.pk}/").status_code, 404)
        sol = self.sign_in(self.sol, Client())
        page = sol.get(f"/outreach/{self.camp.pk}/")
        self.assertContains(page, "1 residents")  # a count names nobody
        self.assertNotContains(page, "Sparrow")
        self.assertEqual(sol.get(f"/outreach/residents/{resident.pk}/").status_code, 404)
        self.assertEqual(
            sol.post(
                f"/outreach/residents/{resident.pk}/visits/", {"visited_on": self.days_ago(1)}
            ).status_code,
            404,
        )
        self.assertEqual(Visit.objects.count(), 0)

    def test_one_encampments_residents_follow_the_same_rule_as_all_residents(self):
        self.add("Sparrow")
        elsewhere = services.encampment_create(
            actor=self.omar,
            organization=self.orgs[OrganizationKind.CASE_MANAGEMENT],
            name="Jungle",
            location="Beacon Hill greenbelt",
            opened_on=self.site.today() - timedelta(days=10),
        )
        services.resident_add(
            actor=self.omar,
            organization=self.orgs[OrganizationKind.CASE_MANAGEMENT],
            encampment=elsewhere,
            street_name="Wren",
            first_met_on=self.site.today(),
        )
        for user in (self.omar, self.sol, self.ngozi, self.jordan, self.olga, self.lucia):
            for membership in user.memberships.all():
                for camp in (self.camp, elsewhere):
                    with self.subTest(user=user.username, role=membership.role, camp=camp.name):
                        self.assertEqual(
                            set(residents_at(membership, camp)),
                            set(residents_visible_to(membership).filter(encampment=camp)),
                        )
        omar = self.membership(self.omar)
        self.assertEqual([r.person.preferred_name for r in residents_at(omar, elsewhere)], ["Wren"])

    def test_the_encampment_page_makes_the_same_queries_for_3_residents_or_60(self):
        for n in range(3):
            self.add(f"Early {n}")
        client = self.sign_in(self.omar)
        client.get(f"/outreach/{self.camp.pk}/")
        few = self.queries(client, f"/outreach/{self.camp.pk}/")
        for n in range(57):
            resident = self.add(f"Later {n}")
            services.visit_record(
                actor=self.omar, resident=resident, visited_on=self.site.today(), needs=[]
            )
        self.assertEqual(self.queries(client, f"/outreach/{self.camp.pk}/"), few)
        self.assertContains(client.get(f"/outreach/{self.camp.pk}/?page=3"), "Early")

    def queries(self, client: Client, url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(client.get(url).status_code, 200)
        return len(queries)

    def test_resolving_needs_a_true_date_and_happens_once(self):
        client = self.sign_in(self.omar)
        url = f"/outreach/{self.camp.pk}/resolve/"
        refused = client.post(url, {"resolved_on": self.days_ago(61)})
        self.assertContains(refused, "before outreach began", status_code=400)
        client.post(url, {"resolved_on": self.days_ago(1)})
        self.camp.refresh_from_db()
        self.assertEqual(self.camp.status, "resolved")
        self.assertContains(
            client.post(url, {"resolved_on": self.days_ago(0)}), "already resolved", status_code=400
        )

    def test_accepting_a_room_puts_the_person_on_that_places_check_in_list_only(self):
        lena = self.member("lena", OrganizationKind.LODGING_PROVIDER, Role.LODGING_LIAISON)
        inn = LodgingPlace.objects.create(
            site=self.site,
            organization=self.orgs[OrganizationKind.LODGING_PROVIDER],
            name="Harborview Inn",
            kind=PlaceKind.HOTEL,
        )
        Unit.objects.create(place=inn, label="101")
        sparrow, robin = self.add("Sparrow"), self.add("Robin")
        client = self.sign_in(self.omar)
        offer = {"offered_on": self.days_ago(1), "kind": "lodging", "place": inn.pk}
        client.post(f"/outreach/residents/{sparrow.pk}/offers/", {**offer, "response": "accepted"})
        client.post(f"/outreach/residents/{robin.pk}/offers/", {**offer, "response": "declined"})
        refused = client.post(
            f"/outreach/residents/{robin.pk}/offers/",
            {**offer, "kind": "treatment", "response": "accepted"},
        )
        self.assertContains(refused, "Only a room or a shelter bed", status_code=400)
        page = self.sign_in(lena, Client()).get(f"/lodging/{inn.pk}/check-in/")
        self.assertContains(page, "Sparrow")
        self.assertNotContains(page, "Robin")
