from goldenthread.audit.models import Action, AuditEvent
from goldenthread.consent.models import CategoryCode
from goldenthread.organizations.models import OrganizationKind, Role
from goldenthread.organizations.services import membership_create
from goldenthread.testing import PersonaTestCase, make_user
from goldenthread.testing_consent import participant, share
from goldenthread.tokens.models import Scope
from goldenthread.tokens.services import token_create

K = OrganizationKind


class PeopleApiTests(PersonaTestCase):
    def bearer(self, user, scopes=(Scope.PEOPLE_READ,)):
        _, secret = token_create(
            actor=user,
            membership=self.membership(user),
            name="t",
            scopes=list(scopes),
            lifetime_days=1,
        )
        return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    def setUp(self):
        provider = self.orgs[K.CASE_MANAGEMENT]
        self.shared = participant(
            self.site, provider, self.ngozi, legal_first_name="Shared", legal_last_name="One"
        )
        share(self.shared, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        self.hidden = participant(
            self.site, provider, legal_first_name="Hidden", legal_last_name="Two"
        )

    def test_the_list_holds_only_what_the_policy_allows(self):
        body = self.client.get("/api/v1/people", **self.bearer(self.jordan)).json()
        self.assertEqual(body["count"], 1)
        self.assertEqual([p["name"] for p in body["items"]], ["Shared One"])
        self.assertEqual(body["items"][0]["shared_categories"], [CategoryCode.ENROLLMENT_STATUS])
        self.assertIsNone(body["items"][0]["contact"])
        self.assertTrue(
            AuditEvent.objects.filter(action=Action.LIST, subject_person_id=self.shared.pk).exists()
        )

    def test_unshared_and_missing_ids_answer_alike(self):
        auth = self.bearer(self.jordan)
        unshared = self.client.get(f"/api/v1/people/{self.hidden.pk}", **auth)
        missing = self.client.get("/api/v1/people/987654", **auth)
        self.assertEqual((unshared.status_code, missing.status_code), (404, 404))
        self.assertEqual(unshared.json(), missing.json())

    def test_the_care_team_gets_everything_and_the_part2_notice(self):
        body = self.client.get(f"/api/v1/people/{self.hidden.pk}", **self.bearer(self.ngozi)).json()
        self.assertIn(CategoryCode.SUBSTANCE_USE, body["shared_categories"])
        self.assertIsNotNone(body["contact"])
        self.assertIn("42 CFR part 2", body["part2_notice"])

    def test_a_token_without_the_scope_reads_nobody(self):
        response = self.client.get(
            "/api/v1/people", **self.bearer(self.jordan, scopes=(Scope.ACCOUNT_READ,))
        )
        self.assertEqual(response.status_code, 403)

    def test_paging_is_bounded_and_stable(self):
        lodger = make_user("lodger")
        membership_create(
            actor=None,
            user=lodger,
            organization=self.orgs[K.LODGING_PROVIDER],
            role=Role.LODGING_LIAISON,
        )
        for number in range(5):
            person = participant(
                self.site,
                self.orgs[K.CASE_MANAGEMENT],
                legal_first_name=f"P{number}",
                legal_last_name="Page",
            )
            share(person, self.ngozi, [K.LODGING_PROVIDER], [CategoryCode.ENROLLMENT_STATUS])
        auth = self.bearer(lodger)
        first = self.client.get("/api/v1/people?limit=2&offset=0", **auth).json()
        second = self.client.get("/api/v1/people?limit=2&offset=2", **auth).json()
        self.assertEqual(first["count"], 5)
        self.assertFalse({p["id"] for p in first["items"]} & {p["id"] for p in second["items"]})
        self.assertTrue(first["has_more"])
        capped = self.client.get("/api/v1/people?limit=1000", **auth).json()
        self.assertEqual(
            (capped["limit"], len(capped["items"]), capped["has_more"]), (200, 5, False)
        )
