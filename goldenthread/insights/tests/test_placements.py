"""The wave table against figures worked by hand: who came inside in each wave, where they
went at exit, and how many left housing ready and insured."""

from datetime import datetime, time, timedelta

from django.test import Client

from goldenthread.accounts.models import User
from goldenthread.casework.services import status_record
from goldenthread.incidents.services import incident_report
from goldenthread.insights.placements import incidents_by_program, wave_table
from goldenthread.lodging.models import LodgingPlace, PlaceKind, Unit
from goldenthread.lodging.services import stay_check_in, stay_check_out
from goldenthread.organizations.models import OrganizationKind, Role
from goldenthread.outreach.models import Wave
from goldenthread.people.models import Person
from goldenthread.testing import PersonaTestCase


class WaveTableTests(PersonaTestCase):
    lena: User
    people: dict[str, Person]

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.lena = cls.member("lena", OrganizationKind.LODGING_PROVIDER, Role.LODGING_LIAISON)
        inn = LodgingPlace.objects.create(
            site=cls.site,
            organization=cls.orgs[OrganizationKind.LODGING_PROVIDER],
            name="Harborview Inn",
            kind=PlaceKind.HOTEL,
        )
        units = {name: Unit.objects.create(place=inn, label=name) for name in "ABCDEFGHI"}
        today = cls.site.today()
        Wave.objects.create(
            site=cls.site,
            name="Wave 1",
            starts_on=today - timedelta(days=400),
            ends_on=today - timedelta(days=200),
        )
        Wave.objects.create(
            site=cls.site,
            name="Wave 2",
            starts_on=today - timedelta(days=199),
            ends_on=today,
        )
        # name: [(in, out or None, housing at exit)] in days ago
        stays: dict[str, list[tuple[int, int | None, str]]] = {
            "A": [(350, 300, "permanent")],
            "B": [(340, 250, "returned")],
            "C": [(330, 260, "unknown")],
            "D": [(300, 280, "other"), (150, 100, "permanent")],  # wave 1: their first stay
            "E": [(210, None, "")],
            "F": [(100, 50, "permanent")],
            "G": [(90, 40, "permanent")],
            "H": [(80, 30, "other")],
            "I": [(500, 450, "permanent")],  # before any wave
        }
        cls.people = {}
        for name, spans in stays.items():
            person = Person.objects.create(site=cls.site, preferred_name=name)
            cls.people[name] = person
            for came, left, housing in spans:
                at = cls.at(came)
                stay = stay_check_in(
                    actor=cls.lena,
                    person=person,
                    unit=units[name],
                    agreement_version="1",
                    agreement_signed_on=at.date(),
                    at=at,
                )
                if left is not None:
                    stay_check_out(actor=cls.lena, stay=stay, exit_housing=housing, at=cls.at(left))
        facts = {
            "A": [
                ("photo_id", "held", 320),
                ("birth_certificate", "held", 320),
                ("social_security_card", "held", 320),
                ("insurance", "medicaid", 330),
            ],
            # D: one document only applied for, and insured only after leaving.
            "D": [
                ("photo_id", "held", 200),
                ("birth_certificate", "held", 200),
                ("social_security_card", "applied", 200),
                ("insurance", "medicaid", 90),
            ],
            "C": [("insurance", "none", 330)],
            "F": [
                ("photo_id", "held", 60),
                ("birth_certificate", "held", 60),
                ("social_security_card", "held", 60),
                ("insurance", "medicare", 60),
            ],
        }
        for name, rows in facts.items():
            for kind, value, days in rows:
                status_record(
                    actor=cls.lucia,
                    person=cls.people[name],
                    kind=kind,
                    value=value,
                    as_of=today - timedelta(days=days),
                )

    @classmethod
    def at(cls, days_ago: int) -> datetime:
        day = cls.site.today() - timedelta(days=days_ago)
        return datetime.combine(day, time(12), cls.site.zone)

    def test_the_wave_table_matches_the_figures_worked_by_hand(self):
        first, second = wave_table(self.site)
        self.assertEqual((first.came_inside, first.still_staying, first.exited), (5, 1, 4))
        self.assertEqual(first.exits, {"permanent": 2, "returned": 1, "other": 0, "unknown": 1})
        self.assertEqual((first.housing_ready, first.insured), (1, 1))
        self.assertEqual(first.share(first.exits["permanent"]), 0.5)
        self.assertEqual((second.came_inside, second.still_staying, second.exited), (3, 0, 3))
        self.assertEqual(second.exits, {"permanent": 2, "returned": 0, "other": 1, "unknown": 0})
        self.assertEqual((second.housing_ready, second.insured), (1, 1))

    def test_incidents_and_deaths_are_counted_by_program_over_the_last_year(self):
        provider = self.orgs[OrganizationKind.LODGING_PROVIDER]
        inn = LodgingPlace.objects.get()
        for kind, program, days, doses, ems, outcome in (
            ("overdose", "lodging", 3, 2, True, "recovered"),
            ("medical", "lodging", 40, 0, False, "not_known"),
            ("overdose", "outreach", 100, 1, True, "died"),
            ("overdose", "lodging", 400, 3, True, "died"),  # more than a year ago
        ):
            incident_report(
                actor=self.lena,
                organization=provider,
                kind=kind,
                program=program,
                occurred_at=self.at(days),
                place_kind="lodging",
                lodging_place=inn,
                naloxone_doses=doses,
                ems_called=ems,
                outcome=outcome,
            )
        rows = {
            r.program: (r.incidents, r.overdoses, r.naloxone_doses, r.ems_called, r.deaths)
            for r in incidents_by_program(self.site, self.site.today() - timedelta(days=365))
        }
        self.assertEqual(rows["lodging"], (2, 1, 2, 1, 0))
        self.assertEqual(rows["outreach"], (1, 1, 1, 1, 1))
        self.assertEqual(rows["milieu"], (0, 0, 0, 0, 0))

    def test_the_project_manager_reads_the_table_and_names_a_wave_and_an_officer_cannot(self):
        client = self.sign_in(self.lucia)
        page = client.get("/insights/lodging/")
        self.assertContains(page, "Wave 1")
        self.assertContains(page, "<td>2 (50.0%)</td>", html=False)
        self.assertContains(page, "<td>2 (66.7%)</td>", html=False)
        today = self.site.today()
        refused = client.post(
            "/insights/lodging/",
            {"name": "Overlap", "starts_on": today - timedelta(days=10), "ends_on": today},
        )
        self.assertContains(refused, "Waves cannot overlap", status_code=400)
        self.assertEqual(Wave.objects.count(), 2)
        jordan = self.sign_in(self.jordan, Client())
        self.assertEqual(jordan.get("/insights/lodging/").status_code, 403)
        pcg = self.sign_in(
            self.member("pat", OrganizationKind.GOVERNMENT, Role.PCG_MEMBER), Client()
        )
        self.assertContains(pcg.get("/insights/lodging/"), "Wave 2")
        self.assertEqual(pcg.post("/insights/lodging/", {"name": "W3"}).status_code, 403)
        self.assertNotContains(page, ">A<")  # nobody is named
