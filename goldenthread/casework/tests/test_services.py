"""Services out: referrals to outside providers and their outcomes, and which of them each
reader sees by the release category of the service's kind."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.test import Client

from goldenthread.casework.models import ServiceEvent
from goldenthread.casework.services import service_event_record
from goldenthread.consent.models import CategoryCode
from goldenthread.organizations.models import OrganizationKind
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant, share

K = OrganizationKind


class ServiceTests(PersonaTestCase):
    def setUp(self):
        self.person = participant(
            self.site, self.orgs[K.CASE_MANAGEMENT], self.ngozi, legal_first_name="Ike"
        )
        self.person.date_of_birth = date(1990, 3, 3)
        self.person.save()

    def record(self, kind: str, provider: str, outcome: str = "referred") -> ServiceEvent:
        return service_event_record(
            actor=self.ngozi,
            person=self.person,
            kind=kind,
            provider=provider,
            occurred_on=self.site.today(),
            outcome=outcome,
        )

    def test_a_case_manager_records_a_referral_out_and_its_outcome(self):
        self.sign_in(self.ngozi)
        url = f"/people/{self.person.pk}/services/"
        for outcome in ("referred", "connected"):
            response = self.client.post(
                url,
                {
                    "kind": "moud",
                    "provider": "Harbor Clinic",
                    "occurred_on": self.site.today().isoformat(),
                    "outcome": outcome,
                    "note": "Buprenorphine, same-day start",
                },
            )
            self.assertRedirects(response, url)
        self.assertEqual(
            list(ServiceEvent.objects.order_by("pk").values_list("outcome", flat=True)),
            ["referred", "connected"],
        )
        self.assertAudited(action="create", object_type="casework.serviceevent")
        page = self.client.get(url)
        self.assertContains(page, "Medication for opioid use disorder")
        self.assertContains(page, "Connected (went, started)")

    def test_each_reader_sees_only_the_kinds_their_release_covers(self):
        self.record("benefits", "County benefits office")
        self.record("sud_treatment", "Harbor Clinic")
        self.record("legal_aid", "Defender clinic")
        share(self.person, self.ngozi, [K.POLICE], [CategoryCode.HOUSING_BENEFITS])
        share(
            self.person,
            self.ngozi,
            [K.PUBLIC_DEFENSE],
            [CategoryCode.LEGAL_COORDINATION, CategoryCode.SUBSTANCE_USE],
        )
        defender = self.member("pedro", K.PUBLIC_DEFENSE, "public_defender")
        seen = {}
        for user in (self.ngozi, self.jordan, defender, self.lucia):
            page = self.sign_in(user, Client()).get(f"/people/{self.person.pk}/services/")
            seen[user.username] = (
                page.status_code,
                sorted(e.provider for e in page.context["events"])
                if page.status_code == 200
                else [],
            )
        self.assertEqual(
            seen,
            {
                "ngozi": (200, ["County benefits office", "Defender clinic", "Harbor Clinic"]),
                "jordan": (200, ["County benefits office"]),
                "pedro": (200, ["Defender clinic", "Harbor Clinic"]),
                "lucia": (404, []),
            },
        )

    def test_bad_dates_are_refused_by_field(self):
        for day, message in (
            (self.site.today() + timedelta(days=2), "future"),
            (date(1989, 1, 1), "before the person was born"),
        ):
            with self.subTest(message=message), self.assertRaises(ValidationError) as refused:
                service_event_record(
                    actor=self.ngozi,
                    person=self.person,
                    kind="medical",
                    provider="ER",
                    occurred_on=day,
                    outcome="referred",
                )
            self.assertIn(message, " ".join(refused.exception.message_dict["occurred_on"]))
        self.assertFalse(ServiceEvent.objects.exists())

    def test_a_partner_cannot_record(self):
        share(self.person, self.ngozi, [K.POLICE], [CategoryCode.HOUSING_BENEFITS])
        officer = self.sign_in(self.jordan)
        response = officer.post(
            f"/people/{self.person.pk}/services/",
            {
                "kind": "benefits",
                "provider": "x",
                "occurred_on": "2026-01-01",
                "outcome": "referred",
            },
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(ServiceEvent.objects.exists())
