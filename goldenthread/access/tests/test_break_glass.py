from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from goldenthread.access.models import BreakGlass
from goldenthread.audit.models import AuditEvent
from goldenthread.organizations.models import OrganizationKind, Role
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant

K = OrganizationKind


class BreakGlassTests(PersonaTestCase):
    def setUp(self):
        self.person = participant(
            self.site,
            self.orgs[K.CASE_MANAGEMENT],
            legal_first_name="Crisis",
            legal_last_name="Case",
        )
        self.wei = self.member(
            "wei", K.POLICE, Role.SUPERVISOR
        )  # a police supervisor: not the care team

    def open(
        self, client, reason="Found unresponsive, medics need to reach the case manager", **extra
    ):
        return client.post(f"/emergency-access/{self.person.pk}/open/", {"reason": reason, **extra})

    def test_a_designated_role_opens_a_record_for_one_hour_with_a_reason(self):
        self.sign_in(self.wei)
        self.assertEqual(self.client.get(f"/people/{self.person.pk}/").status_code, 404)
        self.assertContains(self.client.get("/emergency-access/?q=Crisis"), "Crisis Case")
        with time_machine.travel(timezone.now(), tick=False) as clock:
            self.assertRedirects(
                self.open(self.client), f"/people/{self.person.pk}/", fetch_redirect_response=False
            )
            page = self.client.get(f"/people/{self.person.pk}/")
            self.assertEqual(page.status_code, 200)
            self.assertNotIn(
                "substance_use", page.context["granted"]
            )  # no Part 2 without a medical emergency
            clock.shift(timedelta(minutes=61))
            fresh = self.sign_in(self.wei, Client())  # the old session timed out meanwhile
            self.assertEqual(fresh.get(f"/people/{self.person.pk}/").status_code, 404)
        event = AuditEvent.objects.get(object_type="access.breakglass")
        self.assertEqual(event.detail["flag"], "break-glass")
        self.assertEqual(event.subject_person_id, self.person.pk)

    def test_a_medical_emergency_opens_part2_too(self):
        self.sign_in(self.wei)
        self.open(self.client, medical_emergency="on")
        self.assertIn(
            "substance_use", self.client.get(f"/people/{self.person.pk}/").context["granted"]
        )

    def test_it_refuses_without_a_real_reason_or_a_designated_role(self):
        self.sign_in(self.wei)
        self.assertContains(
            self.open(self.client, reason="because"), "at least 20 characters", status_code=400
        )
        officer = self.sign_in(self.jordan, Client())
        self.assertEqual(officer.get("/emergency-access/?q=Crisis").status_code, 403)
        self.assertEqual(self.open(officer).status_code, 404)
        self.assertFalse(BreakGlass.objects.exists())

    def test_openings_are_listed_for_review_by_someone_else(self):
        self.sign_in(self.wei)
        self.open(self.client)
        grant = BreakGlass.objects.get()
        self.assertEqual(
            self.client.post(
                f"/emergency-access/reviews/{grant.pk}/", {"note": "mine"}
            ).status_code,
            403,
        )
        self.sign_in(self.dana)
        self.assertContains(self.client.get("/emergency-access/reviews/"), "Found unresponsive")
        self.client.post(
            f"/emergency-access/reviews/{grant.pk}/", {"note": "Justified: medics on scene."}
        )
        grant.refresh_from_db()
        self.assertEqual(
            (grant.reviewed_by, grant.review_note), (self.dana, "Justified: medics on scene.")
        )
