"""Critical incidents as the people who meet them report them, and who may read them: the
reporting organization, the lodging place where it happened, the provider serving the
person, and the project manager who reviews every one; never police or prosecutors."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.incidents import services
from goldenthread.incidents.models import TRANSITIONS, Incident, ReviewStatus
from goldenthread.lodging.models import LodgingPlace, PlaceKind
from goldenthread.organizations.models import OrganizationKind, Role
from goldenthread.people.models import Person
from goldenthread.testing import PersonaTestCase


class IncidentTests(PersonaTestCase):
    lena: User
    kai: User
    prosecutor: User
    inn: LodgingPlace
    ana: Person

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.lena = cls.member("lena", OrganizationKind.LODGING_PROVIDER, Role.LODGING_LIAISON)
        cls.kai = cls.member("kai", OrganizationKind.SAFETY_TEAM, Role.SAFETY_AMBASSADOR)
        cls.prosecutor = cls.member("pat", OrganizationKind.PROSECUTOR, Role.LIAISON_PROSECUTOR)
        cls.inn = LodgingPlace.objects.create(
            site=cls.site,
            organization=cls.orgs[OrganizationKind.LODGING_PROVIDER],
            name="Harborview Inn",
            kind=PlaceKind.HOTEL,
        )
        # Ana is served by the case-management provider (Ngozi's).
        cls.ana = Person.objects.create(
            site=cls.site,
            legal_first_name="Ana",
            legal_last_name="Flores",
            assigned_organization=cls.orgs[OrganizationKind.CASE_MANAGEMENT],
        )

    def when(self, hours_ago: int = 2) -> str:
        at = timezone.localtime(timezone.now() - timedelta(hours=hours_ago), self.site.zone)
        return at.strftime("%Y-%m-%dT%H:%M")

    def report(self, actor: User, kind_of_org: str, **fields: object) -> Incident:
        values: dict[str, object] = {
            "kind": "overdose",
            "program": "lodging",
            "occurred_at": timezone.now() - timedelta(hours=3),
            "place_kind": "lodging",
            "lodging_place": self.inn,
            "outcome": "recovered",
            "naloxone_doses": 2,
            "ems_called": True,
        }
        values.update(fields)
        return services.incident_report(
            actor=actor,
            organization=self.orgs[kind_of_org],
            **values,  # type: ignore[arg-type]
        )

    def test_the_liaison_reports_an_overdose_in_a_room_and_reads_it_back(self):
        client = self.sign_in(self.lena)
        answer = client.post(
            "/incidents/new/",
            {
                "kind": "overdose",
                "occurred_at": self.when(),
                "program": "lodging",
                "place_kind": "lodging",
                "lodging_place": self.inn.pk,
                "place_detail": "Room 214",
                "naloxone_doses": 2,
                "ems_called": "on",
                "outcome": "transported",
                "account": "Found unresponsive; breathing after the second dose.",
            },
            follow=True,
        )
        self.assertContains(answer, "Incident reported.")
        self.assertContains(answer, "Harborview Inn, Room 214")
        self.assertContains(answer, "Taken to hospital")
        incident = Incident.objects.get()
        self.assertEqual((incident.naloxone_doses, incident.ems_called), (2, True))
        self.assertEqual(incident.reported_by_organization.kind, OrganizationKind.LODGING_PROVIDER)

    def test_an_incident_without_an_outcome_or_its_place_is_refused_with_nothing_written(self):
        client = self.sign_in(self.kai)
        base = {
            "kind": "overdose",
            "occurred_at": self.when(),
            "program": "milieu",
            "place_kind": "street",
            "naloxone_doses": 1,
        }
        refused = client.post("/incidents/new/", base)
        self.assertContains(refused, "Say how it ended", status_code=400)
        refused = client.post(
            "/incidents/new/", {**base, "place_kind": "lodging", "outcome": "recovered"}
        )
        self.assertContains(refused, "Name the hotel or shelter", status_code=400)
        refused = client.post(
            "/incidents/new/", {**base, "occurred_at": self.when(-5), "outcome": "recovered"}
        )
        self.assertContains(refused, "still to come", status_code=400)
        refused = client.post("/incidents/new/", {**base, "kind": "death", "outcome": "recovered"})
        self.assertEqual(refused.status_code, 400)
        self.assertEqual(Incident.objects.count(), 0)

    def test_each_persona_reads_only_the_incidents_of_their_own_work(self):
        at_the_inn = self.report(self.kai, OrganizationKind.SAFETY_TEAM, person=self.ana)
        on_the_street = self.report(
            self.kai,
            OrganizationKind.SAFETY_TEAM,
            place_kind="street",
            lodging_place=None,
            program="milieu",
        )
        expected = {
            self.kai: {at_the_inn.pk, on_the_street.pk},  # reported both
            self.lena: {at_the_inn.pk},  # at her place
            self.ngozi: {at_the_inn.pk},  # Ana is served by her provider
            self.lucia: {at_the_inn.pk, on_the_street.pk},  # reviews every one
        }
        for user, visible in expected.items():
            client = self.sign_in(user, Client())
            for incident in (at_the_inn, on_the_street):
                status = client.get(f"/incidents/{incident.pk}/").status_code
                self.assertEqual(status, 200 if incident.pk in visible else 404, user)
        for user in (self.jordan, self.prosecutor, self.dana):
            client = self.sign_in(user, Client())
            self.assertEqual(client.get("/incidents/").status_code, 403, user)
            self.assertEqual(client.get(f"/incidents/{at_the_inn.pk}/").status_code, 404, user)
        self.assertAudited(action=Action.VIEW, subject_person_id=self.ana.pk)

    def test_the_project_manager_reviews_an_incident_once_its_outcome_is_known(self):
        incident = self.report(self.lena, OrganizationKind.LODGING_PROVIDER, outcome="not_known")
        client = self.sign_in(self.lucia)
        url = f"/incidents/{incident.pk}/review/"
        refused = client.post(url, {"to": "reviewed", "note": "Staff responded well."})
        self.assertContains(refused, "still not known", status_code=400)
        refused = client.post(url, {"to": "reviewed", "note": ""})
        self.assertContains(refused, "Say what the review found", status_code=400)
        client.post(f"/incidents/{incident.pk}/outcome/", {"outcome": "transported"})
        answer = client.post(
            url, {"to": "reviewed", "note": "Naloxone kits restocked."}, follow=True
        )
        self.assertContains(answer, "Naloxone kits restocked.")
        incident.refresh_from_db()
        self.assertEqual(incident.status, ReviewStatus.REVIEWED)
        liaison = self.sign_in(self.lena, Client())
        self.assertEqual(liaison.post(url, {"to": "in_review"}).status_code, 403)

    def test_every_review_move_is_allowed_or_refused_by_the_table(self):
        for start in ReviewStatus.values:
            for target in ReviewStatus.values:
                with self.subTest(start=start, target=target):
                    incident = self.report(self.lena, OrganizationKind.LODGING_PROVIDER)
                    Incident.objects.filter(pk=incident.pk).update(status=start)
                    incident.refresh_from_db()
                    try:
                        services.incident_transition(
                            actor=self.lucia, incident=incident, to=target, note="Checked."
                        )
                    except Exception:
                        self.assertNotIn(target, TRANSITIONS[start])
                    else:
                        self.assertIn(target, TRANSITIONS[start])
