"""Contacts and plans over the API: the same policy, refusals and audit as the pages."""

from datetime import timedelta

from django.utils import timezone

from goldenthread.audit.models import Action, AuditEvent
from goldenthread.casework.models import Contact
from goldenthread.consent.models import CategoryCode
from goldenthread.organizations.models import OrganizationKind
from goldenthread.plans.services import goal_create, goal_progress_record
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant, share
from goldenthread.tokens.models import Scope
from goldenthread.tokens.services import token_create

K = OrganizationKind
READ_WRITE = (Scope.CASEWORK_READ, Scope.CASEWORK_WRITE)


class CaseworkApiTests(PersonaTestCase):
    def bearer(self, user, scopes=READ_WRITE):
        _, secret = token_create(
            actor=user,
            membership=self.membership(user),
            name="t",
            scopes=list(scopes),
            lifetime_days=1,
        )
        return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    def setUp(self):
        self.person = participant(
            self.site, self.orgs[K.CASE_MANAGEMENT], self.ngozi, legal_first_name="Ana"
        )
        self.url = f"/api/v1/people/{self.person.pk}/contacts"

    def post(self, body, auth):
        return self.client.post(self.url, body, content_type="application/json", **auth)

    def test_a_field_app_logs_a_contact_and_reads_it_back(self):
        auth = self.bearer(self.ngozi)
        created = self.post(
            {
                "mode": "in_person",
                "place": "encampment",
                "substantive": True,
                "domains": ["housing"],
                "note": "Tent by the river",
            },
            auth,
        )
        self.assertEqual(created.status_code, 201, created.content)
        self.assertEqual(created.json()["place"], "encampment")
        listed = self.client.get(self.url, **auth).json()
        self.assertEqual([c["note"] for c in listed["items"]], ["Tent by the river"])
        self.assertFalse(listed["has_more"])
        self.assertTrue(
            AuditEvent.objects.filter(action=Action.LIST, subject_person_id=self.person.pk).exists()
        )

    def test_refusals_name_the_field(self):
        auth = self.bearer(self.ngozi)
        future = (timezone.now() + timedelta(days=2)).isoformat()
        response = self.post({"mode": "in_person", "place": "street", "occurred_at": future}, auth)
        self.assertEqual(response.status_code, 422)
        self.assertEqual(
            response.json()["error"]["details"][0]["location"], ["body", "occurred_at"]
        )
        unknown = self.post({"mode": "telepathy", "place": "street"}, auth)
        self.assertEqual(unknown.status_code, 422)
        self.assertFalse(Contact.objects.exists())

    def test_partners_read_only_partner_notes_and_cannot_log(self):
        self.post(
            {"mode": "phone", "place": "office", "note": "team", "sharing": "team"},
            self.bearer(self.ngozi),
        )
        self.post(
            {"mode": "phone", "place": "office", "note": "shared", "sharing": "partners"},
            self.bearer(self.ngozi),
        )
        share(self.person, self.ngozi, [K.POLICE], [CategoryCode.CASE_NOTES])
        auth = self.bearer(self.jordan)
        self.assertEqual(
            [c["note"] for c in self.client.get(self.url, **auth).json()["items"]], ["shared"]
        )
        refused = self.post({"mode": "phone", "place": "office"}, auth)
        self.assertEqual((refused.status_code, refused.json()["error"]["code"]), (403, "forbidden"))
        nobody = self.client.get(self.url, **self.bearer(self.lucia))
        self.assertEqual(nobody.status_code, 404)

    def test_a_read_token_cannot_write(self):
        response = self.post(
            {"mode": "phone", "place": "office"}, self.bearer(self.ngozi, (Scope.CASEWORK_READ,))
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Contact.objects.exists())

    def test_the_plan_reads_as_the_policy_allows(self):
        goal = goal_create(
            actor=self.ngozi,
            person=self.person,
            domain="housing",
            own_words="A room",
            steps="Apply\nWait",
        )
        goal_progress_record(actor=self.ngozi, goal=goal, kind="setback", text="Waitlist closed")
        url = f"/api/v1/people/{self.person.pk}/plan"
        body = self.client.get(url, **self.bearer(self.ngozi)).json()
        self.assertEqual(body["goals"][0]["steps"], ["Apply", "Wait"])
        self.assertEqual(body["goals"][0]["progress"][0]["kind"], "setback")
        share(self.person, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        officer = self.client.get(url, **self.bearer(self.jordan))
        self.assertEqual(officer.status_code, 403)
